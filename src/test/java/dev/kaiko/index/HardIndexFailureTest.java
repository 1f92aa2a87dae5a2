package dev.kaiko.index;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A topic whose document cannot be built — the test bridge ({@link HardFailureBridge}) throws an
 * {@link OutOfMemoryError} for it — is parked at once as a dead letter, its neighbours in the same import are
 * searchable, the import says "failed" and names it, and the service stays ready and live: the poller and the
 * watchdog keep running and a later import is indexed as usual.
 */
@QuarkusTest
class HardIndexFailureTest {

    @Inject
    TestData data;

    @Inject
    EntityManager em;

    @BeforeEach
    @AfterEach
    void empty() {
        data.clear(); // the marked topic must not meet a later test's reindex
    }

    @Test
    void aRowThatFailsHardIsParkedAndTheServiceStaysUp() {
        Map<String, Object> report = Corpora.importRaw(
                        "hard-weekly-2024-06-07.md", ("""
                        ---
                        Title: Hard Weekly 2024-06-07
                        Number: 7
                        Date: 2024-06-07
                        ---
                        ## Topics
                        - [Kyverno policies quuxzebra](https://example.org/kyverno)
                        - [%s breaks the document builder](https://example.org/oom)
                        - [Falco rules quuxzebra](https://example.org/falco)
                        """.formatted(HardFailureBridge.MARKER)).getBytes())
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        long marked = topicId("%" + HardFailureBridge.MARKER + "%");

        assertThat(report.get("indexing"))
                .as("the import says what happened to the index")
                .isEqualTo("failed");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failures = (List<Map<String, Object>>) report.get("index_failures");
        assertThat(failures).hasSize(1);
        assertThat(((Number) failures.get(0).get("topic_id")).longValue()).isEqualTo(marked);
        assertThat((String) failures.get(0).get("error")).contains("OutOfMemoryError");

        given().queryParam("q", "quuxzebra")
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
        given().auth()
                .oauth2(Corpora.TOKEN)
                .get("/api/admin/index/dead-letters")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].topic_id", equalTo((int) marked))
                .body("[0].attempts", equalTo(1));
        assertThat(outboxRows()).as("nothing is retried in a loop").isZero();

        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);

        // the poller and the indexing path still work: the next import is indexed and says so
        Corpora.importRaw("hard-weekly-2024-06-14.md", """
                        ---
                        Title: Hard Weekly 2024-06-14
                        Number: 8
                        Date: 2024-06-14
                        ---
                        ## Topics
                        - [Cosign signatures zebraquuxa](https://example.org/cosign)
                        """.getBytes())
                .statusCode(200)
                .body("indexing", equalTo("done"));
        given().queryParam("q", "zebraquuxa")
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
    }

    private long topicId(String titleLike) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select id from topic where title like ?1")
                                .setParameter(1, titleLike)
                                .getSingleResult())
                        .longValue());
    }

    private long outboxRows() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from index_outbox")
                                .getSingleResult())
                        .longValue());
    }
}
