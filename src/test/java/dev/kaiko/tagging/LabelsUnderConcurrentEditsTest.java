package dev.kaiko.tagging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.RepeatedTest;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Manual tag edits racing a re-tag: every write succeeds, and afterwards the index tells technologies from labels
 * for every topic exactly as the database and the rule ({@link TagKinds}) do.
 */
@QuarkusTest
class LabelsUnderConcurrentEditsTest {

    @Inject
    TestData data;

    @Inject
    EntityManager em;

    @Inject
    Taxonomy taxonomy;

    @RepeatedTest(3)
    void editsRacingARetagKeepTechnologiesAndLabelsApart() throws Exception {
        data.clear();
        Corpora.multipart(List.of(Corpora.seed(), Corpora.root().resolve("jser-2023/2023-03.json")))
                .post("/api/imports")
                .then()
                .statusCode(200);
        List<Long> edited = given().queryParam("label", "ReleaseNote")
                .queryParam("size", 6)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("hits.id", Long.class);
        assertThat(edited).hasSize(6);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> writes = new ArrayList<>();
            writes.add(() -> {
                String job = given().header("Authorization", "Bearer " + Corpora.TOKEN)
                        .post("/api/tags/retag")
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("id");
                await("retag " + job).atMost(Duration.ofMinutes(2)).until(() -> {
                    String state = given().header("Authorization", "Bearer " + Corpora.TOKEN)
                            .get("/api/jobs/" + job)
                            .then()
                            .extract()
                            .path("state");
                    return "done".equals(state) || "failed".equals(state);
                });
                return given().header("Authorization", "Bearer " + Corpora.TOKEN)
                                .get("/api/jobs/" + job)
                                .then()
                                .extract()
                                .<String>path("state")
                                .equals("done")
                        ? 200
                        : 500;
            });
            for (long id : edited) {
                // a technology by an alias, a label the taxonomy does not know
                writes.add(() -> given().header("Authorization", "Bearer " + Corpora.TOKEN)
                        .contentType("application/json")
                        .body(Map.of("tags", List.of("nodejs", "Kaiko curated")))
                        .put("/api/topics/" + id + "/tags")
                        .then()
                        .extract()
                        .statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(writes)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200);
        } finally {
            pool.shutdownNow();
        }

        // the edits won and are searchable as they are: Node.js a technology, "Kaiko curated" a label
        JsonPath curated = given().queryParam("label", "Kaiko curated")
                .queryParam("size", 20)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(curated.getList("hits.id", Long.class)).containsExactlyInAnyOrderElementsOf(edited);
        assertThat(curated.<List<String>>getList("hits.tags"))
                .allSatisfy(t -> assertThat(t).containsExactly("Node.js"));
        assertThat(curated.<List<String>>getList("hits.labels"))
                .allSatisfy(l -> assertThat(l).containsExactly("Kaiko curated"));
        assertThat(given().queryParam("tag", "Kaiko curated")
                        .get("/api/search")
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("total"))
                .isZero();

        // every label facet count is the database's count of topics showing that tag, for every label
        JsonPath all =
                given().get("/api/search").then().statusCode(200).extract().jsonPath();
        for (Map<String, Object> v : all.<Map<String, Object>>getList("facets.label")) {
            String label = (String) v.get("value");
            assertThat(taxonomy.find(label)).as(label).isEmpty();
            assertThat(((Number) v.get("count")).longValue()).as(label).isEqualTo(topicsShowing(label));
        }
        assertThat(all.getList("facets.label.value", String.class)).contains("ReleaseNote", "Kaiko curated");
        // the year in review's counters (kept by database triggers) followed every edit and the re-tag
        assertThat(data.reviewCountDrift()).isEmpty();
    }

    private long topicsShowing(String tag) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "select count(distinct topic_id) from topic_effective_tag where name = ?1")
                                .setParameter(1, tag)
                                .getSingleResult())
                        .longValue());
    }
}
