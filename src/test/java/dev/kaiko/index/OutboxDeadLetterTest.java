package dev.kaiko.index;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.AdminSession;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A poison outbox row — a document the engine refuses (here a presenter longer than Lucene's 32,766-byte term limit)
 * — does not hold up the rows after it: they become searchable at once, while the poison row is retried with
 * backoff and then parked in the dead-letter table, shown by the admin API, readiness and metrics, and retried on
 * demand once its cause is fixed.
 */
@QuarkusTest
class OutboxDeadLetterTest {

    @Inject
    TestData data;

    @Inject
    EntityManager em;

    @BeforeEach
    void empty() {
        data.clear();
    }

    @Test
    void poisonRowIsIsolatedParkedAndRetriedOnDemand() {
        Corpora.importRaw("poison-weekly-2024-05-10.md", """
                        ---
                        Title: Poison Weekly 2024-05-10
                        Number: 1
                        Date: 2024-05-10
                        ---
                        ## Topics
                        - [Kaniko builds images without a daemon](https://example.org/kaniko)
                        - [Trivy scans container images](https://example.org/trivy)
                        """.getBytes()).statusCode(200);
        long poison = data.topicId("Kaniko%");
        long healthy = data.topicId("Trivy%");

        // one transaction: the poison row first (lower id), then a healthy change behind it
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update topic set presenter = repeat('x', 40000) where id = ?1")
                    .setParameter(1, poison)
                    .executeUpdate();
            em.createNativeQuery("insert into index_outbox (topic_id) values (?1)")
                    .setParameter(1, poison)
                    .executeUpdate();
            em.createNativeQuery("update topic set title = 'Trivy zebraquux scans images' where id = ?1")
                    .setParameter(1, healthy)
                    .executeUpdate();
            em.createNativeQuery("insert into index_outbox (topic_id) values (?1)")
                    .setParameter(1, healthy)
                    .executeUpdate();
        });

        await("the healthy change behind the poison row is searchable")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().queryParam("q", "zebraquux")
                        .get("/api/search")
                        .then()
                        .statusCode(200)
                        .body("total", equalTo(1)));

        await("the poison row is parked after its attempts")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().auth()
                        .oauth2(Corpora.TOKEN)
                        .get("/api/admin/index/dead-letters")
                        .then()
                        .statusCode(200)
                        .body("", hasSize(1))
                        .body("[0].topic_id", equalTo((int) poison))
                        .body("[0].attempts", equalTo(3)));
        String error = given().auth()
                .oauth2(Corpora.TOKEN)
                .get("/api/admin/index/dead-letters")
                .then()
                .extract()
                .path("[0].last_error");
        assertThat(error).as("the engine's objection is kept for the admin").isNotBlank();
        assertThat(data.outboxRows()).as("the parked row left the outbox").isZero();
        given().get("/q/health/ready")
                .then()
                .body("checks.find { it.name == 'index-backlog' }.data.dead_letters", equalTo(1));
        assertThat(given().get("/q/metrics").then().extract().asString()).contains("kaiko_index_dead_letters 1.0");
        AdminSession.login()
                .request()
                .get("/admin")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/topics/" + poison));

        // the write API needs the token for the retry too
        given().post("/api/admin/index/dead-letters/retry").then().statusCode(401);

        // fix the cause, retry on demand: the topic is indexed and the dead letter is gone
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("update topic set presenter = 'Ada' where id = ?1")
                        .setParameter(1, poison)
                        .executeUpdate());
        given().auth()
                .oauth2(Corpora.TOKEN)
                .post("/api/admin/index/dead-letters/retry")
                .then()
                .statusCode(200)
                .body("retried", equalTo(1));
        await("the retried topic is searchable with its fixed presenter")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().queryParam("presenter", "Ada")
                        .get("/api/search")
                        .then()
                        .statusCode(200)
                        .body("total", equalTo(1))
                        .body("hits[0].id", equalTo((int) poison)));
        given().auth()
                .oauth2(Corpora.TOKEN)
                .get("/api/admin/index/dead-letters")
                .then()
                .body("", hasSize(0));
    }
}
