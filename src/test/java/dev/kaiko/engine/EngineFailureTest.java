package dev.kaiko.engine;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.model.Topic;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import dev.kaiko.index.SearchAvailability;
import dev.kaiko.index.SearchEngineLifecycle;

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
        String job = Corpora.multipart(files).queryParam("async", true).post("/api/imports").then().statusCode(202)
                .extract().path("id");

        // wait until the import is under way, then kill the engine outright
        awaitJob(job, s -> !"queued".equals(s.state) && s.filesDone >= 5, Duration.ofSeconds(60));
        long pid = lifecycle.managedEngine().orElseThrow().pid().orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        boolean saw503 = false;
        for (int i = 0; i < 100 && !saw503; i++) {
            int status = given().queryParam("q", "Rust").get("/api/search").then().extract().statusCode();
            assertTrue(status == 200 || status == 503, "search answers 200 or 503, not " + status);
            saw503 = status == 503;
            Thread.sleep(100);
        }
        assertTrue(saw503, "searches answer 503 while the engine is down");
        given().queryParam("q", "Rust").get("/api/search").then().statusCode(503)
                .header("Retry-After", "10");

        JobState done = awaitJob(job, s -> "done".equals(s.state), Duration.ofSeconds(180));
        assertEquals(files.size(), done.filesDone, "every file of the import committed");

        // the engine is restarted by the watchdog, and the outbox catches the index up within 60 s
        assertTrue(availability.awaitReady(Duration.ofSeconds(90)), "the engine comes back by itself");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Set<Long> stored;
        Set<Long> indexed;
        do {
            Thread.sleep(500);
            stored = storedIds();
            indexed = indexedIds();
        } while (!stored.equals(indexed) && System.nanoTime() < deadline);
        Set<Long> missing = new HashSet<>(stored);
        missing.removeAll(indexed);
        Set<Long> extra = new HashSet<>(indexed);
        extra.removeAll(stored);
        System.out.printf("After the engine failure: %d topics stored, %d missing from the index, %d extra%n",
                stored.size(), missing.size(), extra.size());
        assertEquals(Set.of(), missing, "missing from the index");
        assertEquals(Set.of(), extra, "extra in the index");
        assertTrue(stored.size() > 2000, "the whole import was stored: " + stored.size());
    }

    private Set<Long> storedIds() {
        return QuarkusTransaction.requiringNew().call(() -> new HashSet<>(
                em.createQuery("select t.id from Topic t", Long.class).getResultList()));
    }

    private Set<Long> indexedIds() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> new HashSet<>(Search.session(em).search(Topic.class)
                    .select(f -> f.id(Long.class)).where(f -> f.matchAll()).fetchHits(10_000)));
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    private record JobState(String state, int filesDone) {
    }

    private static JobState awaitJob(String id, java.util.function.Predicate<JobState> until, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobState s;
        do {
            var json = given().header("Authorization", "Bearer " + Corpora.TOKEN).get("/api/imports/" + id).then()
                    .statusCode(200).extract().jsonPath();
            s = new JobState(json.getString("state"), json.getInt("files_done"));
            if (until.test(s)) {
                return s;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + id + " did not reach the expected state; last: " + s);
    }
}
