package dev.kaiko.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A browser's admin session, done by hand: log in through the form (POST /j_security_check with the token as
 * password), keep the session cookie, and read the CSRF token the admin page puts into its forms.
 */
public record AdminSession(String session, String csrfCookie, String csrf) {

    public static final String SESSION_COOKIE = "kaiko-session";
    public static final String CSRF_COOKIE = "kaiko-csrf";
    public static final String CSRF_FIELD = "csrf-token";

    private static final Pattern FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    /** Logs in with the test profile's admin token. */
    public static AdminSession login() {
        return login(Corpora.TOKEN);
    }

    public static AdminSession login(String token) {
        Response login = given().redirects()
                .follow(false)
                .formParam("j_username", "admin")
                .formParam("j_password", token)
                .post("/j_security_check");
        assertThat(login.statusCode()).as("the login redirects").isEqualTo(302);
        String session = login.cookie(SESSION_COOKIE);
        assertThat(session).as("the login sets the session cookie").isNotBlank();
        Response page = given().cookie(SESSION_COOKIE, session).get("/admin");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = FIELD.matcher(page.asString());
        assertThat(m.find()).as("the admin page's forms carry a CSRF token").isTrue();
        return new AdminSession(session, page.cookie(CSRF_COOKIE), m.group(1));
    }

    /** A request with this session's cookies (session and CSRF), as the browser sends them to /admin. */
    public RequestSpecification request() {
        return given().redirects().follow(false).cookie(SESSION_COOKIE, session).cookie(CSRF_COOKIE, csrfCookie);
    }

    /** A URL-encoded form post of this session, its CSRF token in the hidden field. */
    public RequestSpecification form() {
        return request().formParam(CSRF_FIELD, csrf);
    }
}
