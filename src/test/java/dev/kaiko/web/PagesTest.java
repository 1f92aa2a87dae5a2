package dev.kaiko.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.kaiko.support.AdminSession;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;

/** The pages over plain HTTP: empty state, languages, archive pages, error pages, the admin page. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesTest {

    private static boolean imported;

    @Inject
    TestData data;

    private void archive() {
        if (!imported) {
            ArchiveFixtures.importAll(data);
            imported = true;
        }
    }

    @Test
    @Order(1)
    void anEmptyArchiveExplainsHowToImport() {
        data.clear();
        imported = false;
        given().header("Accept-Language", "ja,en;q=0.5")
                .accept("text/html")
                .get("/")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Language", "ja")
                .body(allOf(
                        containsString("<html lang=\"ja\">"),
                        containsString("アーカイブがまだありません"),
                        containsString("/api/imports"),
                        containsString("href=\"/admin\"")));
        given().header("Accept-Language", "en-US,en;q=0.9")
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString("No archive yet"));
    }

    @Test
    @Order(2)
    void languageFollowsAcceptLanguageAndTheSwitchSticks() {
        archive();
        given().header("Accept-Language", "ja")
                .get("/search?q=eBPF")
                .then()
                .statusCode(200)
                .body(allOf(containsString("件 ("), containsString("絞り込み"), containsString("lang=en")));
        String cookie = given().header("Accept-Language", "ja")
                .get("/search?q=eBPF&lang=en")
                .then()
                .statusCode(200)
                .body(containsString("topics ("))
                .extract()
                .cookie("lang");
        org.junit.jupiter.api.Assertions.assertEquals("en", cookie);
        given().header("Accept-Language", "ja")
                .cookie("lang", "en")
                .get("/tags")
                .then()
                .statusCode(200)
                .body(allOf(containsString("<html lang=\"en\">"), containsString("Technologies")));
    }

    @Test
    @Order(3)
    void searchPageWorksWithoutJavaScriptAndKeepsStateInTheUrl() {
        archive();
        given().get("/search?q=eBPF&year=2023&tag=eBPF&sort=newest")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("value=\"eBPF\""),
                        containsString("<mark>eBPF</mark>"),
                        containsString("name=\"year\" value=\"2023\" checked"),
                        containsString("name=\"tag\" value=\"eBPF\" checked"),
                        // the chip removing the tag keeps the rest of the state
                        containsString("href=\"/search?q=eBPF&amp;year=2023&amp;sort=newest\""),
                        containsString("<option value=\"newest\" selected>")));
        // the fragment app.js swaps in: facets and results only
        given().header("X-Kaiko-Fragment", "results")
                .get("/search?q=eBPF")
                .then()
                .statusCode(200)
                .body(allOf(containsString("class=\"hits\""), not(containsString("<html"))));
        // a misspelling that finds nothing (too short for typo tolerance) gets the engine's suggestion
        given().get("/search?q=ebbfp")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("Nothing found"),
                        containsString("Did you mean"),
                        containsString("href=\"/search?q=ebpf\"")));
    }

    @Test
    @Order(4)
    void archivePagesShowIssuesTechnologiesAndPresenters() {
        archive();
        given().get("/tags")
                .then()
                .statusCode(200)
                .body(allOf(containsString("href=\"/tags/eBPF\""), containsString("href=\"/tags/Rust\"")));
        given().get("/tags/eBPF")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<h1>eBPF</h1>"),
                        containsString("<svg role=\"img\""),
                        containsString("first mentioned in"),
                        containsString("入門 eBPF")));
        given().get("/tags/ebpf").then().statusCode(200).body(containsString("<h1>eBPF</h1>"));
        given().get("/presenters/tester")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<h1>tester</h1>"),
                        containsString("2024"),
                        containsString(ArchiveFixtures.PLAIN_XSS_TITLE)));
        long issue = given().get("/api/search?q=" + ArchiveFixtures.PLAIN_XSS_TITLE)
                .then()
                .extract()
                .jsonPath()
                .getLong("hits[0].issue.id");
        given().get("/issues/" + issue)
                .then()
                .statusCode(200)
                .body(allOf(containsString("ふつうのトピック"), containsString("#99")));
    }

    @Test
    @Order(5)
    void archiveHtmlIsSanitisedOnTheServer() {
        archive();
        long id = given().get("/api/search?q=Markdown")
                .then()
                .extract()
                .jsonPath()
                .getLong("hits[0].id");
        given().get("/topics/" + id)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("太字"),
                        not(containsString("<script>alert")),
                        not(containsString("onerror")),
                        not(containsString("onclick")),
                        not(containsString("javascript:")),
                        not(containsString("<iframe"))));
    }

    @Test
    @Order(6)
    void errorsAreAnsweredWithPagesForBrowsersAndJsonForTheApi() {
        given().accept("text/html,application/xhtml+xml")
                .header("Accept-Language", "ja")
                .get("/topics/999999999")
                .then()
                .statusCode(404)
                .contentType(startsWith("text/html"))
                .body(allOf(containsString("ページが見つかりません"), not(containsString("Exception"))));
        given().accept("text/html")
                .get("/no/such/page")
                .then()
                .statusCode(404)
                .contentType(startsWith("text/html"))
                .body(containsString("Page not found"));
        given().accept("text/html")
                .get("/topics/not-a-number")
                .then()
                .statusCode(404)
                .contentType(startsWith("text/html"));
        given().accept("text/html")
                .get("/search?year=abc")
                .then()
                .statusCode(400)
                .contentType(startsWith("text/html"))
                .body(allOf(containsString("role=\"alert\""), containsString("year")));
        given().accept("text/html").get("/search?page=0").then().statusCode(400);
        given().accept("application/json")
                .get("/api/search?year=abc")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("year"));
    }

    @Test
    @Order(7)
    void theAdminPageNeedsTheTokenAndImportsUploads() {
        // a browser without a session is sent to the login form; a wrong token there is refused
        given().redirects()
                .follow(false)
                .accept("text/html")
                .get("/admin")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/login"));
        io.restassured.response.Response refused = given().redirects()
                .follow(false)
                .formParam("j_username", "admin")
                .formParam("j_password", "wrong")
                .post("/j_security_check");
        refused.then().statusCode(302).header("Location", endsWith("/login/failed"));
        org.assertj.core.api.Assertions.assertThat(refused.getCookie(AdminSession.SESSION_COOKIE))
                .isNull();
        AdminSession admin = AdminSession.login();
        admin.request()
                .get("/admin")
                .then()
                .statusCode(200)
                .body(allOf(containsString("enctype=\"multipart/form-data\""), containsString("type=\"file\"")));
        byte[] seed = Corpora.bytes(Corpora.seed());
        // a post without the page's CSRF token (what another site's form would send) is refused
        admin.request()
                .multiPart("file", "weekly.txt", seed, "text/plain")
                .post("/admin/imports")
                .then()
                .statusCode(403)
                .body("parameter", equalTo("csrf-token"));
        String job = admin.request()
                .multiPart("csrf-token", admin.csrf())
                .multiPart("file", "neco-weekly-2023-12-22.txt", seed, "text/plain")
                .multiPart("file", "broken.txt", "just one line".getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/admin/imports")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        // the job page shows progress, refreshing itself, until the report is there
        String page = await("the import report")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> admin.request()
                                .get(job)
                                .then()
                                .statusCode(200)
                                .body(containsString("2 files"))
                                .extract()
                                .asString(),
                        p -> p.contains("Import report"));
        org.hamcrest.MatcherAssert.assertThat(
                page,
                allOf(
                        containsString("Import report"),
                        containsString("2 of 2 files"),
                        containsString("neco-weekly-2023-12-22.txt"),
                        containsString("broken.txt"),
                        containsString("class=\"failed\""),
                        not(containsString("http-equiv=\"refresh\""))));
    }
}
