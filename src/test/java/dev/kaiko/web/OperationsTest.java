package dev.kaiko.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Health, metrics, security headers, and credentials on every write endpoint. */
@QuarkusTest
class OperationsTest {

    @Inject
    TestData data;

    @BeforeEach
    void seed() {
        data.clear();
        Corpora.importFile(Corpora.seed()).statusCode(200);
    }

    @Test
    void readinessCoversDatabaseEngineAndBacklog() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("search-engine"))
                .body("checks.name", hasItem("index-backlog"))
                .body("checks.find { it.name == 'index-backlog' }.data.backlog", equalTo(0))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsExposeSearchLatencyImportsAndBacklog() {
        given().queryParam("q", "eBPF").get("/api/search").then().statusCode(200);
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(
                metrics.contains("kaiko_search_latency_seconds_bucket"), "latency histogram");
        org.junit.jupiter.api.Assertions.assertTrue(
                metrics.contains("kaiko_import_topics_total{result=\"added\"}"), "import counter");
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("kaiko_index_backlog"), "backlog gauge");
    }

    @Test
    void pagesAndStaticFilesCarryStrictSecurityHeaders() {
        // pages, static files, the API, /q/*, and answers the security layer gives before any page runs: the login
        // redirect of /admin and the API's 401
        for (String path : new String[] {
            "/", "/search?q=eBPF", "/app.css", "/api/search", "/q/health/live", "/q/openapi", "/admin", "/api/export"
        }) {
            given().redirects()
                    .follow(false)
                    .get(path)
                    .then()
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY");
        }
        given().redirects().follow(false).get("/admin").then().statusCode(302);
        given().get("/q/swagger-ui/")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("object-src 'none'"));
        // CORS is off: no Access-Control-Allow-Origin for a foreign origin
        given().header("Origin", "https://evil.example")
                .get("/api/search")
                .then()
                .header("Access-Control-Allow-Origin", (String) null);
    }

    @Test
    void everyWriteEndpointNeedsCredentials() {
        String[][] endpoints = {
            {"POST", "/api/imports"},
            {"GET", "/api/imports/some-job"},
            {"GET", "/api/export"},
            {"PUT", "/api/topics/1/tags"},
            {"DELETE", "/api/topics/1/tags"},
            {"POST", "/api/tags/retag"},
            {"GET", "/api/jobs/some-job"},
            {"POST", "/api/admin/reindex"},
            {"GET", "/api/sources"},
            {"POST", "/api/sources"},
            {"GET", "/api/sources/1"},
            {"DELETE", "/api/sources/1"},
            {"POST", "/api/sources/1/fetch"}
        };
        for (String[] e : endpoints) {
            RequestSpecification anonymous =
                    given().contentType("application/json").body("{}");
            anonymous.request(e[0], e[1]).then().statusCode(401);
            RequestSpecification wrong = given().header("Authorization", "Bearer not-the-token")
                    .contentType("application/json")
                    .body("{}");
            wrong.request(e[0], e[1]).then().statusCode(403);
        }
        // the admin pages take the login session only: without it (a bearer token is not looked at there) the
        // browser is sent to the login form
        for (String page : new String[] {"/admin", "/admin/sources"}) {
            given().redirects().follow(false).get(page).then().statusCode(302).header("Location", endsWith("/login"));
            given().redirects()
                    .follow(false)
                    .header("Authorization", "Bearer " + dev.kaiko.support.Corpora.TOKEN)
                    .get(page)
                    .then()
                    .statusCode(302);
        }
    }

    @Test
    void archiveMarkupIsRenderedInert() {
        String hostile = "Hostile Weekly (2024-02-02号)\n第2回です。\nセクション\n画像の罠\n"
                + "本文 <img src=x onerror=alert(1)> と <script>alert(2)</script> です。\n";
        Corpora.importRaw("hostile.txt", hostile.getBytes(StandardCharsets.UTF_8))
                .statusCode(200);
        given().queryParam("q", "画像の罠")
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("hits[0].snippet", containsString("<img src=x onerror=alert(1)>"))
                .body("hits[0].highlights.title", notNullValue());
        long id = given().queryParam("q", "画像の罠")
                .get("/api/search")
                .then()
                .extract()
                .jsonPath()
                .getLong("hits[0].id");
        String page = given().accept("text/html")
                .get("/topics/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        org.hamcrest.MatcherAssert.assertThat(page, not(containsString("<img src=x")));
        org.hamcrest.MatcherAssert.assertThat(page, not(containsString("<script>alert")));
        org.hamcrest.MatcherAssert.assertThat(page, containsString("&lt;img src=x onerror=alert(1)&gt;"));
    }
}
