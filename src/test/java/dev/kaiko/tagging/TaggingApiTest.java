package dev.kaiko.tagging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Tags as stored and searched: auto tags on the seed, provenance, manual edits surviving re-import and retag. */
@QuarkusTest
class TaggingApiTest {

    @Inject
    TestData data;

    @BeforeEach
    void seed() {
        data.clear();
        Corpora.importFile(Corpora.seed()).statusCode(200);
    }

    private static List<String> tagsOf(String exactTitle) {
        JsonPath all = given().queryParam("size", 20)
                .get("/api/search")
                .then()
                .extract()
                .jsonPath();
        int i = all.getList("hits.title", String.class).indexOf(exactTitle);
        return all.getList("hits[" + i + "].tags", String.class);
    }

    @Test
    void seedTopicsCarryTheirTechnologies() {
        assertContains(tagsOf("入門 eBPF"), "eBPF");
        assertContains(tagsOf("BPF Programmable Netdevice"), "eBPF");
        assertContains(tagsOf("eBPFを使ったOpenTelemetryのGo自動計装ライブラリを調べる"), "eBPF", "OpenTelemetry", "Go");
        assertContains(
                tagsOf("Kubernetes 1.28でFeatureGateになったSidecar containersをJobで試す"), "Sidecar containers", "Kubernetes");
        assertContains(tagsOf("CVSSとその限界"), "CVSS", "EPSS");
        assertContains(
                tagsOf("HashiCorp Vaultもフォークへ、「OpenBao」がLinux Foundation傘下で進行中"),
                "Vault",
                "OpenBao",
                "Terraform",
                "OpenTofu");
        assertContains(tagsOf("CiliumにおけるGeneveプロトコルを用いたDSRの実装と導入"), "Cilium", "Geneve", "DSR");
        assertContains(tagsOf("大規模Kubernetesクラスタにおけるコンテナレジストリの高速化"), "Spegel");
        List<String> failInPlace = tagsOf("A fail-in-place approach for sustainable server operations");
        for (String language : List.of("Go", "Rust", "Java", "Python", "JavaScript", "TypeScript")) {
            assertEquals(false, failInPlace.contains(language), language + " on " + failInPlace);
        }
        // the tag facet and filter see the same tags
        given().queryParam("tag", "eBPF")
                .get("/api/search")
                .then()
                .body("total", equalTo(3))
                .body("facets.tag.value", hasItems("eBPF", "Cilium"));
    }

    @Test
    void catalogueListsTechnologiesWithCountsAndYears() {
        JsonPath tags =
                given().get("/api/tags").then().statusCode(200).extract().jsonPath();
        int i = tags.getList("name", String.class).indexOf("eBPF");
        assertEquals(3, tags.getInt("[" + i + "].topics"));
        assertEquals(2023, tags.getInt("[" + i + "].first_year"));
        org.junit.jupiter.api.Assertions.assertNotNull(tags.getString("[" + i + "].category"), "eBPF has a category");
        assertEquals(true, tags.getBoolean("[" + i + "].canonical"));
    }

    @Test
    void manualTagsWinAndSurviveReimportAndRetag() throws Exception {
        long id = given().queryParam("q", "CVSS")
                .get("/api/search")
                .then()
                .extract()
                .jsonPath()
                .getLong("hits[0].id");
        given().contentType("application/json")
                .body(Map.of("tags", List.of("CVSS", "Security")))
                .put("/api/topics/" + id + "/tags")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .contentType("application/json")
                .body(Map.of("tags", List.of("cvss", "Vulnerability management")))
                .put("/api/topics/" + id + "/tags")
                .then()
                .statusCode(200)
                .body("tags", containsInAnyOrder("CVSS", "Vulnerability management"));

        Corpora.importFile(Corpora.seed()).statusCode(200).body("files[0].topics_unchanged", equalTo(9));
        String id2 = given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .post("/api/tags/retag")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        await("retag job " + id2)
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> given().header("Authorization", "Bearer " + Corpora.TOKEN)
                                .get("/api/jobs/" + id2)
                                .then()
                                .extract()
                                .<String>path("state"),
                        state -> "done".equals(state) || "failed".equals(state));
        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .get("/api/jobs/" + id2)
                .then()
                .body("state", equalTo("done"))
                .body("done", equalTo(9))
                .body("total", equalTo(9));
        // a manual tag the taxonomy does not know is a label, filtered as such (see TagKinds)
        given().queryParam("label", "Vulnerability management")
                .get("/api/search")
                .then()
                .body("total", equalTo(1))
                .body("hits[0].tags", not(hasItem("EPSS")));
        given().queryParam("tag", "EPSS").get("/api/search").then().body("total", equalTo(0));

        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .delete("/api/topics/" + id + "/tags")
                .then()
                .statusCode(200)
                .body("tags", hasItems("CVSS", "EPSS"));
    }

    private static void assertContains(List<String> tags, String... expected) {
        for (String e : expected) {
            assertEquals(true, tags.contains(e), e + " in " + tags);
        }
    }
}
