package dev.kaiko.index;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.arjuna.ats.arjuna.coordinator.TxControl;

import dev.kaiko.jobs.BackgroundJobs;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The start-up check finds an index that holds fewer topics than the database (rows loaded without the outbox, as
 * after a restore or a cut rebuild) and rebuilds it behind the alias: the rebuild takes far longer than the
 * (lowered) default transaction timeout and still completes, searches keep answering meanwhile, and readiness says
 * "rebuilding, N of M" instead of UP until the index holds every stored topic.
 */
@QuarkusTest
class IndexRebuildTest {

    static final int SYNTHETIC = 20000;
    static final int TIMEOUT_SECONDS = 1;

    @Inject
    TestData data;

    @Inject
    EntityManager em;

    @Inject
    SearchEngineLifecycle lifecycle;

    @Inject
    BackgroundJobs jobs;

    private int defaultTimeout;

    @BeforeEach
    void lowerTheDefaultTransactionTimeout() {
        data.clear();
        defaultTimeout = TxControl.getDefaultTimeout();
    }

    @AfterEach
    void restore() {
        TxControl.setDefaultTimeout(defaultTimeout);
        data.clear();
    }

    @Test
    void rebuildLongerThanTheTransactionTimeoutCompletesAndReadinessSaysHowFar() {
        Corpora.importFile(Corpora.seed()).statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery(
                            "insert into issue (issue_key, series, number, title, published)"
                                    + " values ('synthetic-1', 'Synthetic Weekly', 1, 'Synthetic Weekly #1', date '2021-06-04')")
                    .executeUpdate();
            em.createNativeQuery("insert into topic (issue_id, topic_key, position, title, body, content_hash,"
                            + " title_key) select (select id from issue where issue_key = 'synthetic-1'),"
                            + " 'synthetic-' || g, g, 'Synthetic topic ' || g, 'Body of synthetic topic ' || g"
                            + " || ' about storage engines', md5(g::text), 'synthetic topic ' || g"
                            + " from generate_series(1, " + SYNTHETIC + ") g")
                    .executeUpdate();
        });
        long stored = storedTopics();
        long indexedBefore = searchTotal();
        assertThat(indexedBefore)
                .as("the seed is indexed, the synthetic rows are not")
                .isEqualTo(stored - SYNTHETIC);

        TxControl.setDefaultTimeout(TIMEOUT_SECONDS);
        long started = System.nanoTime();
        BackgroundJobs.Status job = lifecycle
                .rebuildIfIncomplete()
                .orElseThrow(() -> new AssertionError("the start-up check did not notice the index lags the database"));

        List<String> readiness = new ArrayList<>();
        AtomicBoolean searchFailed = new AtomicBoolean();
        await("the rebuild job ends")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonPath health =
                            given().get("/q/health/ready").then().extract().jsonPath();
                    String rebuilding = health.getString("checks.find { it.name == 'index-rebuild' }.data.rebuilding");
                    if (rebuilding != null) {
                        readiness.add(health.getString("status") + " " + rebuilding);
                    }
                    if (given().queryParam("q", "").get("/api/search").statusCode() != 200) {
                        searchFailed.set(true);
                    }
                    String state = jobs.status(job.id()).orElseThrow().state();
                    return !state.equals("queued") && !state.equals("running");
                });
        double seconds = (System.nanoTime() - started) / 1e9;
        BackgroundJobs.Status done = jobs.status(job.id()).orElseThrow();
        TxControl.setDefaultTimeout(defaultTimeout);

        assertThat(done.state()).as("rebuild job: %s", done.error()).isEqualTo("done");
        assertThat(seconds)
                .as("the rebuild took far longer than the %d s transaction timeout", TIMEOUT_SECONDS)
                .isGreaterThan(2.0 * TIMEOUT_SECONDS);
        assertThat(searchTotal()).as("every stored topic is searchable").isEqualTo(stored);
        assertThat(readiness)
                .as("readiness said how far the rebuild was, and was not UP meanwhile")
                .isNotEmpty()
                .allMatch(r -> r.startsWith("DOWN ") && r.endsWith(" of " + stored));
        assertThat(searchFailed)
                .as("searches kept answering during the rebuild")
                .isFalse();
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'index-rebuild' }.status", org.hamcrest.Matchers.equalTo("UP"));
        assertThat(lifecycle.rebuildIfIncomplete())
                .as("a complete index is left alone")
                .isEmpty();
        System.out.printf(
                "Index rebuild: %d topics in %.1f s with a %d s default transaction timeout; readiness samples %s%n",
                stored, seconds, TIMEOUT_SECONDS, readiness.subList(0, Math.min(3, readiness.size())));
    }

    private long storedTopics() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from topic")
                                .getSingleResult())
                        .longValue());
    }

    private static long searchTotal() {
        return given().queryParam("q", "")
                .queryParam("size", 1)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("total")
                .longValue();
    }
}
