package dev.kaiko.engine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.util.common.SearchException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.index.SearchAvailability;
import dev.kaiko.index.SearchEngineLifecycle;
import dev.kaiko.model.Topic;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The managed engine is killed in the middle of a large import: the import still commits, searches answer 503
 * meanwhile, the engine comes back by itself, and then every stored topic is in the index — none missing, none extra.
 */
@QuarkusTest
class EngineFailureTest {

    @Inject
    TestData data;

    @Inject
    SearchEngineLifecycle lifecycle;

    @Inject
    SearchAvailability availability;

    @Inject
    EntityManager em;

    @BeforeEach
    void empty() {
        data.clear();
    }

    @Test
    void killedEngineLosesNoIndexUpdates() throws Exception {
        List<Path> files = Corpora.twirAndJser();
        String job = Corpora.multipart(files)
                .queryParam("async", true)
                .post("/api/imports")
                .then()
                .statusCode(202)
                .extract()
                .path("id");

        // wait until the import is under way, then kill the engine outright
        awaitJob(job, s -> !"queued".equals(s.state) && s.filesDone >= 5, Duration.ofSeconds(60));
        long pid = lifecycle.managedEngine().orElseThrow().pid().orElseThrow();
        if (dev.kaiko.RunningUser.isRoot()) {
            assertThat(ProcessHandle.of(pid).orElseThrow().info().user())
                    .as("the engine runs as its own system user, not root nor nobody")
                    .hasValue("kaiko-engine");
        }
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        // searches answer 200 (not yet noticed) or 503 (noticed), never anything else, and soon 503
        await("searches answer 503 while the engine is down")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    int status = given().queryParam("q", "Rust")
                            .get("/api/search")
                            .then()
                            .extract()
                            .statusCode();
                    assertThat(status).as("search status while the engine dies").isIn(200, 503);
                    return status == 503;
                });
        given().queryParam("q", "Rust")
                .get("/api/search")
                .then()
                .statusCode(503)
                .header("Retry-After", "10");

        // browsing reads the database: a topic still answers, in JSON and as a page, with no related topics and a note
        long some = storedIds().iterator().next();
        given().get("/api/topics/" + some)
                .then()
                .statusCode(200)
                .body("related.size()", equalTo(0))
                .body("related_available", equalTo(false));
        given().accept("text/html")
                .header("Accept-Language", "en")
                .get("/topics/" + some)
                .then()
                .statusCode(200)
                .body(containsString("class=\"related-unavailable\""));

        JobState done = awaitJob(job, s -> "done".equals(s.state), Duration.ofSeconds(180));
        assertThat(done.filesDone).as("every file of the import committed").isEqualTo(files.size());

        // the engine is restarted by the watchdog, and the outbox catches the index up within 60 s
        assertThat(availability.awaitReady(Duration.ofSeconds(90)))
                .as("the engine comes back by itself")
                .isTrue();
        Set<Long> stored = storedIds();
        assertThat(stored.size()).as("the whole import was stored").isGreaterThan(2000);
        await("the index catches up with the database")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsMatching(EngineFailureTest::engineUnavailable)
                .untilAsserted(() -> {
                    Set<Long> indexed = indexedIds();
                    Set<Long> missing = new HashSet<>(stored);
                    missing.removeAll(indexed);
                    Set<Long> extra = new HashSet<>(indexed);
                    extra.removeAll(stored);
                    assertThat(missing).as("missing from the index").isEmpty();
                    assertThat(extra).as("extra in the index").isEmpty();
                });
        System.out.printf(
                "After the engine failure: %d topics stored, 0 missing from the index, 0 extra%n", stored.size());
        assertThat(storedIds()).as("nothing stored meanwhile").isEqualTo(stored);
    }

    private Set<Long> storedIds() {
        return QuarkusTransaction.requiringNew()
                .call(() -> new HashSet<>(
                        em.createQuery("select t.id from Topic t", Long.class).getResultList()));
    }

    /** Every id in the index; an engine that cannot answer throws (see {@link #engineUnavailable}). */
    private Set<Long> indexedIds() {
        return QuarkusTransaction.requiringNew()
                .call(() -> new HashSet<>(Search.session(em)
                        .search(Topic.class)
                        .select(f -> f.id(Long.class))
                        .where(f -> f.matchAll())
                        .fetchHits(10_000)));
    }

    /**
     * The one failure tolerated while waiting for the index: the engine cannot answer yet (Hibernate Search reports
     * a connection failure, or the engine answers 503 while its shards recover). Anything else fails the test.
     */
    static boolean engineUnavailable(Throwable e) {
        boolean search = false;
        for (Throwable c = e; c != null; c = c.getCause()) {
            search |= c instanceof SearchException;
            if (search && c instanceof IOException) {
                return true;
            }
            if (search && c.getMessage() != null && c.getMessage().matches("(?s).*\\b503\\b.*")) {
                return true;
            }
        }
        return false;
    }

    private record JobState(String state, int filesDone) {}

    private static JobState awaitJob(String id, Predicate<JobState> until, Duration timeout) {
        return await("job " + id)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            var json = given().header("Authorization", "Bearer " + Corpora.TOKEN)
                                    .get("/api/imports/" + id)
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath();
                            return new JobState(json.getString("state"), json.getInt("files_done"));
                        },
                        until);
    }
}
