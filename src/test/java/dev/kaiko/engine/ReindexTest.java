package dev.kaiko.engine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.index.EngineClient;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;

/**
 * POST /api/admin/reindex rebuilds the index while a search every 50 ms keeps getting complete results, and the
 * rebuilt index answers real queries (Japanese, English, phrases, exclusion, filters) with the same hits as before.
 */
@QuarkusTest
class ReindexTest {

    /** Real queries on the TWiR + JSer.info corpora, as query parameters. */
    static final List<Map<String, Object>> QUERIES = List.of(
            Map.of(),
            Map.of("q", "Rust"),
            Map.of("q", "async"),
            Map.of("q", "非同期"),
            Map.of("q", "リリース"),
            Map.of("q", "\"release notes\""),
            Map.of("q", "rust -async"),
            Map.of("q", "型", "tag", "TypeScript"),
            Map.of("tag", "Node.js", "year", 2023),
            Map.of("q", "compiler", "from", "2023-06-01", "to", "2023-09-30"));

    @Inject
    TestData data;

    @Inject
    EngineClient http;

    @BeforeEach
    void load() {
        data.clear();
        Corpora.multipart(Corpora.twirAndJser()).post("/api/imports").then().statusCode(200);
    }

    @Test
    void searchesStayCompleteDuringReindex() throws Exception {
        long expected = data.count("Topic");
        Map<Map<String, Object>, Set<Long>> before = hitsOfEveryQuery();
        assertThat(before.get(Map.<String, Object>of()))
                .as("the empty query lists every topic")
                .hasSize((int) expected);
        before.forEach((query, ids) -> assertThat(ids).as("hits of %s", query).isNotEmpty());
        assertThat(before.get(QUERIES.get(8))).as("a filter narrows").hasSizeLessThan((int) expected);
        String indexBefore = readIndex();

        given().post("/api/admin/reindex").then().statusCode(401);
        String job = given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .post("/api/admin/reindex")
                .then()
                .statusCode(202)
                .extract()
                .path("id");

        // a searcher every 50 ms alongside the rebuild, each answer's total compared with the one before it
        AtomicInteger searches = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService searcher = Executors.newSingleThreadScheduledExecutor();
        searcher.scheduleWithFixedDelay(
                () -> {
                    Map<String, Object> query = QUERIES.get(searches.get() % QUERIES.size());
                    try {
                        var r = given().queryParams(query)
                                .get("/api/search")
                                .then()
                                .extract();
                        if (r.statusCode() != 200) {
                            failures.add(query + ": status " + r.statusCode());
                        } else if (r.jsonPath().getLong("total")
                                != before.get(query).size()) {
                            failures.add(query + ": total " + r.jsonPath().getLong("total") + " instead of "
                                    + before.get(query).size());
                        }
                    } catch (RuntimeException e) {
                        failures.add(query + ": " + e);
                    }
                    searches.incrementAndGet();
                },
                0,
                50,
                TimeUnit.MILLISECONDS);

        AtomicInteger atStart = new AtomicInteger(-1);
        String state;
        try {
            state = await("reindex job " + job)
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(20))
                    .until(
                            () -> {
                                String s = given().header("Authorization", "Bearer " + Corpora.TOKEN)
                                        .get("/api/jobs/" + job)
                                        .then()
                                        .extract()
                                        .path("state");
                                if ("running".equals(s)) {
                                    atStart.compareAndSet(-1, searches.get());
                                }
                                return s;
                            },
                            s -> "done".equals(s) || "failed".equals(s));
        } finally {
            searcher.shutdown();
            assertThat(searcher.awaitTermination(30, TimeUnit.SECONDS))
                    .as("the searcher stopped")
                    .isTrue();
        }
        int duringRun = searches.get() - Math.max(atStart.get(), 0);
        assertThat(state).isEqualTo("done");
        assertThat(failures)
                .as("every search during the rebuild succeeded with complete results")
                .isEmpty();
        System.out.printf(
                "Reindex: %d searches during the rebuild (%d in all), all complete%n", duringRun, searches.get());
        assertThat(duringRun)
                .as("searches ran while the rebuild was in progress")
                .isGreaterThanOrEqualTo(3);
        assertThat(readIndex()).as("searches now read the rebuilt index").isNotEqualTo(indexBefore);
        assertThat(given().header("Authorization", "Bearer " + Corpora.TOKEN)
                        .get("/api/jobs/" + job)
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("done"))
                .as("progress reached every topic")
                .isEqualTo(expected);

        Map<Map<String, Object>, Set<Long>> after = hitsOfEveryQuery();
        for (Map<String, Object> query : QUERIES) {
            assertThat(after.get(query))
                    .as("hits of %s after the reindex", query)
                    .containsExactlyInAnyOrderElementsOf(before.get(query));
        }
    }

    /** Every hit id of every query (all pages), checked against the total the API reports. */
    private static Map<Map<String, Object>, Set<Long>> hitsOfEveryQuery() {
        Map<Map<String, Object>, Set<Long>> out = new LinkedHashMap<>();
        for (Map<String, Object> query : QUERIES) {
            List<Long> listed = dev.kaiko.support.SearchPages.allIds(query);
            Set<Long> ids = new HashSet<>(listed);
            long total = given().queryParams(query)
                    .get("/api/search")
                    .then()
                    .extract()
                    .<Number>path("total")
                    .longValue();
            assertThat((long) ids.size())
                    .as("distinct hits of %s = its total", query)
                    .isEqualTo(total);
            out.put(query, ids);
        }
        return out;
    }

    private String readIndex() throws Exception {
        return http.send("GET", "/_alias/topics-read", null).body();
    }
}
