package dev.kaiko.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** GET /api/admin/search/engine-request: the engine request behind a search, for bench/SearchLoad.java. */
@QuarkusTest
class EngineRequestEndpointTest {

    @Inject
    TestData data;

    @ConfigProperty(name = "kaiko.engine.http-port")
    int enginePort;

    @BeforeEach
    void seed() {
        data.clear();
        Corpora.importFile(Corpora.seed()).statusCode(200);
    }

    @Test
    void theRequestSentStraightToTheEngineFindsWhatTheApiFinds() throws Exception {
        for (String q : new String[] {"eBPF", "コンテナ", "kubernetes -sidecar"}) {
            JsonPath api = given().queryParam("q", q)
                    .get("/api/search")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            JsonPath captured = given().auth()
                    .oauth2("test-admin-token")
                    .queryParam("q", q)
                    .get("/api/admin/search/engine-request")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            Map<String, String> parameters = captured.getMap("parameters");
            String query = parameters.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpResponse<String> raw = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + enginePort
                                            + captured.getString("path") + (query.isEmpty() ? "" : "?" + query)))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(captured.getString("body")))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(raw.statusCode()).as(q).isEqualTo(200);
            int apiTotal = api.getInt("total");
            assertThat(apiTotal).as("hits for %s", q).isPositive();
            assertThat(JsonPath.from(raw.body()).getInt("hits.total.value"))
                    .as("engine total for %s", q)
                    .isEqualTo(apiTotal);
        }
    }

    @Test
    void adminOnlyAndBadParametersNamed() {
        given().queryParam("q", "eBPF")
                .get("/api/admin/search/engine-request")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2("test-admin-token")
                .queryParam("size", "abc")
                .get("/api/admin/search/engine-request")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("size"));
    }
}
