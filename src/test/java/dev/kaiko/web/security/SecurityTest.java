package dev.kaiko.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.AdminSession;
import dev.kaiko.support.Corpora;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Cross-site writes are refused (the API takes bearer tokens only; the admin forms need their CSRF token) while the
 * real admin form works; with kaiko.security.public-read=false every route answers 401 but the documented open ones.
 */
@QuarkusTest
class SecurityTest {

    private static final String NAMED_TOKEN = "test-ci-script-token";

    @AfterEach
    void publicAgain() {
        ReadAccess.overrideForTests(null);
    }

    @Test
    void crossSiteWritesWithCachedBasicCredentialsOrTheSessionCookieAreRefused() {
        String marker = "Crosssitezebra";
        String issue = "Cross Site Weekly (2024-03-01号)\n第1回です。\nセクション\n" + marker + " の話\n本文です。\n";
        AdminSession browser = AdminSession.login();
        // what a form on another site makes a browser send: its cached Basic credentials, its cookies, a foreign Origin
        for (String[] write : new String[][] {
            {"/api/imports?filename=cross.txt", "text/plain; charset=UTF-8"},
            {"/api/tags/retag", "application/x-www-form-urlencoded"},
            {"/api/admin/reindex", "application/x-www-form-urlencoded"}
        }) {
            Response refused = given().auth()
                    .preemptive()
                    .basic("admin", Corpora.TOKEN)
                    .cookie(AdminSession.SESSION_COOKIE, browser.session())
                    .header("Origin", "https://evil.example")
                    .header("Sec-Fetch-Site", "cross-site")
                    .contentType(write[1])
                    .body(body(write[1], issue))
                    .post(write[0]);
            assertThat(refused.statusCode()).as("Basic on %s", write[0]).isEqualTo(401);
            assertThat(refused.jsonPath().getString("error")).contains("Bearer");
            // the session cookie alone does not open the API either
            given().cookie(AdminSession.SESSION_COOKIE, browser.session())
                    .cookie(AdminSession.CSRF_COOKIE, browser.csrfCookie())
                    .contentType(write[1])
                    .body(body(write[1], issue))
                    .post(write[0])
                    .then()
                    .statusCode(401)
                    .body("error", containsString("Bearer"));
        }
        given().queryParam("q", marker)
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        // the same import with the bearer token goes through, with the main and with a named token
        given().header("Authorization", "Bearer " + NAMED_TOKEN)
                .contentType("text/plain")
                .body(issue.getBytes(StandardCharsets.UTF_8))
                .post("/api/imports?filename=cross.txt")
                .then()
                .statusCode(200);
        given().queryParam("q", marker).get("/api/search").then().body("total", equalTo(1));
        given().header("Authorization", "Bearer " + NAMED_TOKEN + "x")
                .get("/api/sources")
                .then()
                .statusCode(403)
                .body("error", notNullValue());
        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .get("/api/sources")
                .then()
                .statusCode(200);
    }

    @Test
    void adminFormsNeedTheirOwnSessionsCsrfToken() {
        Response login = given().redirects()
                .follow(false)
                .formParam("j_username", "admin")
                .formParam("j_password", Corpora.TOKEN)
                .post("/j_security_check");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).endsWith("/admin");
        String sessionCookie = setCookie(login, AdminSession.SESSION_COOKIE);
        assertThat(sessionCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");

        AdminSession session = AdminSession.login();
        Response page =
                given().cookie(AdminSession.SESSION_COOKIE, session.session()).get("/admin");
        String csrfCookie = setCookie(page, AdminSession.CSRF_COOKIE);
        assertThat(csrfCookie)
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .contains("Path=/admin");

        // without the token, with a forged one, with another session's: 403; with its own: accepted
        AdminSession other = AdminSession.login();
        assertThat(other.csrf()).isNotEqualTo(session.csrf());
        session.request()
                .post("/admin/index/dead-letters/retry")
                .then()
                .statusCode(403)
                .body("parameter", equalTo("csrf-token"));
        session.request()
                .formParam("csrf-token", other.csrf())
                .post("/admin/index/dead-letters/retry")
                .then()
                .statusCode(403);
        session.request()
                .header("X-CSRF-Token", session.csrf() + "x")
                .post("/admin/index/dead-letters/retry")
                .then()
                .statusCode(403);
        session.form()
                .post("/admin/index/dead-letters/retry")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin"));

        // logging out drops the session cookie
        Response out = session.form().post("/admin/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(setCookie(out, AdminSession.SESSION_COOKIE)).contains("Max-Age=0");
    }

    @Test
    void concurrentAdminSessionsEachPostWithTheirOwnToken() throws Exception {
        List<AdminSession> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add(AdminSession.login());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                AdminSession own = sessions.get(i);
                AdminSession next = sessions.get((i + 1) % sessions.size());
                results.add(pool.submit(() -> {
                    int[] statuses = new int[10];
                    for (int k = 0; k < 10; k += 2) {
                        statuses[k] = own.form()
                                .post("/admin/index/dead-letters/retry")
                                .statusCode();
                        statuses[k + 1] = own.request()
                                .formParam("csrf-token", next.csrf())
                                .post("/admin/index/dead-letters/retry")
                                .statusCode();
                    }
                    return statuses;
                }));
            }
            for (Future<int[]> f : results) {
                int[] statuses = f.get();
                for (int k = 0; k < statuses.length; k++) {
                    assertThat(statuses[k]).as("post %d", k).isEqualTo(k % 2 == 0 ? 303 : 403);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void privateReadsCoverEveryRouteButTheDocumentedOpenOnes() {
        // every operation the API documents, path parameters filled in
        JsonPath openapi = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        assertThat(paths).containsKeys("/api/search", "/api/imports", "/admin");
        List<String[]> routes = new ArrayList<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> List.of("get", "post", "put", "delete", "patch").contains(m))
                .forEach(m -> routes.add(new String[] {m.toUpperCase(), path.replaceAll("\\{[^}]+}", "1")})));
        // routes outside JAX-RS: management endpoints, static files, unknown paths
        for (String path : new String[] {
            "/q/metrics",
            "/q/openapi",
            "/q/swagger-ui",
            "/q/swagger-ui/",
            "/q/health",
            "/q/health/ready",
            "/review.css",
            "/",
            "/search?q=eBPF",
            "/tags",
            "/no-such-page"
        }) {
            routes.add(new String[] {"GET", path});
        }

        int documented = routes.size() - 11;
        ReadAccess.overrideForTests(false);
        List<String> open = List.of("/login", "/login/failed");
        int refused = 0;
        int redirected = 0;
        for (String[] route : routes) {
            if (open.contains(route[1])) {
                continue;
            }
            Response anonymous = given().redirects()
                    .follow(false)
                    .contentType("application/json")
                    .body("{}")
                    .request(route[0], route[1]);
            // /admin (the browser admin) sends to the login form instead
            int expected = route[1].startsWith("/admin") ? 302 : 401;
            assertThat(anonymous.statusCode()).as("%s %s", route[0], route[1]).isEqualTo(expected);
            if (expected == 401) {
                refused++;
            } else {
                redirected++;
            }
            if (expected == 401) {
                assertThat(anonymous.contentType())
                        .as("%s %s", route[0], route[1])
                        .startsWith("application/json");
                assertThat(anonymous.jsonPath().getString("error")).isNotBlank();
            }
        }
        System.out.printf(
                "Private reads: %d routes (%d operations of the OpenAPI document, 11 other routes): %d answered 401,"
                        + " %d under /admin redirected to the login form, %d open%n",
                routes.size(), documented, refused, redirected, routes.size() - refused - redirected);
        // documented as open: liveness, the login page and what it loads
        for (String path : new String[] {"/q/health/live", "/login", "/app.css", "/app.js"}) {
            given().get(path).then().statusCode(200);
        }
        // with the token, everything reads as before; a browser's page view is sent to the login form
        for (String path : new String[] {"/api/search?q=eBPF", "/q/metrics", "/q/openapi", "/", "/tags"}) {
            given().header("Authorization", "Bearer " + Corpora.TOKEN)
                    .get(path)
                    .then()
                    .statusCode(200);
        }
        given().redirects()
                .follow(false)
                .accept("text/html")
                .get("/search?q=eBPF")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/login"));
        // a logged-in browser reads the pages; the API still wants the bearer token
        AdminSession browser = AdminSession.login();
        browser.request().get("/search?q=eBPF").then().statusCode(200);
        browser.request().get("/q/metrics").then().statusCode(200);
        browser.request().get("/api/search").then().statusCode(401);

        ReadAccess.overrideForTests(true);
        given().get("/api/search").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    /** The import's text; for a form, the fields another site's form would send. */
    private static String body(String contentType, String issue) {
        return contentType.startsWith("text/") ? issue : "all=true";
    }

    private static String setCookie(Response response, String name) {
        return response.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + response.headers()));
    }
}
