package dev.kaiko.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The query log: one record per search a reader makes (not per page, facet click, keystroke or suggestion), nothing
 * about the reader, the admin report by period, concurrent searches all counted, retention. Invented words, so
 * nothing else in the test run searches them.
 */
@QuarkusTest
class QueryLogTest {

    @Inject
    TestData data;

    @Inject
    QueryLog queryLog;

    @Inject
    EntityManager em;

    private static boolean loaded;

    @BeforeEach
    void load() {
        if (!loaded) {
            loaded = true;
            data.clear();
            Corpora.importRaw("qlog-weekly-2024-06-07.md", """
                            ---
                            Title: Qlog Weekly 2024-06-07
                            Number: 1
                            Date: 2024-06-07
                            ---
                            ## Topics
                            - [Glimmerquad builds container images without a daemon](https://example.org/g1)
                            - [Glimmerquad caches layers in a registry](https://example.org/g2)
                            - [Thornwick renders charts](https://example.org/t1)
                            """.getBytes()).statusCode(200);
        }
        queryLog.flush();
        clearLog();
    }

    @Transactional
    void clearLog() {
        em.createNativeQuery("delete from query_log").executeUpdate();
    }

    @Test
    void eachSearchIsRecordedOnceWithItsHits() {
        for (int i = 0; i < 3; i++) {
            api(Map.of("q", "Glimmerquad"));
        }
        // the same query paged, narrowed by a facet: not new searches
        api(Map.of("q", "glimmerquad", "page", "1", "size", "1"));
        api(Map.of("q", "glimmerquad", "year", "2024"));
        // the page counts once; while typing (X-Kaiko-Typing) it does not; suggestions never
        given().accept("text/html")
                .queryParam("q", "ＧＬＩＭＭＥＲＱＵＡＤ")
                .get("/search")
                .then()
                .statusCode(200);
        given().accept("text/html")
                .header("X-Kaiko-Typing", "1")
                .queryParam("q", "glimmerqua")
                .get("/search")
                .then()
                .statusCode(200);
        given().queryParam("q", "glimmer").get("/api/suggest").then().statusCode(200);
        // nothing found: a zero-hit query; relaxed (one word left out) also counts as nothing found as typed
        api(Map.of("q", "vexolithium"));
        api(Map.of("q", "Vexolithium "));
        api(Map.of("q", "glimmerquad vexolithium"));
        queryLog.flush();

        JsonPath r = report(Map.of());
        assertThat(r.getList("top.query", String.class))
                .containsExactlyInAnyOrder("glimmerquad", "vexolithium", "glimmerquad vexolithium");
        assertThat(r.getLong("top.find { it.query == 'glimmerquad' }.count")).isEqualTo(4);
        assertThat(r.getLong("top.find { it.query == 'glimmerquad' }.last_hits"))
                .isEqualTo(2);
        assertThat(r.getList("zero_hits.query", String.class))
                .containsExactly("vexolithium", "glimmerquad vexolithium");
        assertThat(r.getLong("zero_hits[0].count")).isEqualTo(2);
        assertThat(r.getLong("zero_hits[0].rescued")).isZero();
        assertThat(r.getLong("zero_hits[1].rescued")).isEqualTo(1);
        assertThat(r.getString("zero_hits[0].last_seen")).isNotBlank();
        assertThat(r.getString("since")).isEqualTo(today().minusDays(29).toString());
        assertThat(r.getString("until")).isEqualTo(today().toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStoredRowsHoldNothingAboutTheReader() {
        given().header("User-Agent", "PrivacyProbe/1.0")
                .header("X-Forwarded-For", "203.0.113.7")
                .queryParam("q", "Thornwick")
                .get("/api/search")
                .then()
                .statusCode(200);
        queryLog.flush();
        List<String> columns = em.createNativeQuery(
                        "select column_name from information_schema.columns where table_name = 'query_log' "
                                + "and table_schema = current_schema() order by ordinal_position")
                .getResultList();
        assertThat(columns)
                .containsExactly("day", "query", "searches", "zero_hits", "rescued", "last_hits", "last_seen");
        List<Object[]> rows = em.createNativeQuery("select * from query_log").getResultList();
        assertThat(rows).hasSize(1);
        assertThat(String.join(
                        "|",
                        java.util.Arrays.stream(rows.get(0))
                                .map(String::valueOf)
                                .toList()))
                .contains("thornwick")
                .doesNotContain("203.0.113.7")
                .doesNotContain("PrivacyProbe");
    }

    @Test
    void theReportCoversTheDaysAsked() {
        insert(LocalDate.parse("2026-01-05"), "oldquery", 3, 3);
        insert(LocalDate.parse("2026-02-10"), "oldquery", 2, 0);
        insert(LocalDate.parse("2026-02-10"), "febquery", 5, 0);

        JsonPath jan = report(Map.of("since", "2026-01-01", "until", "2026-01-31"));
        assertThat(jan.getList("top.query", String.class)).containsExactly("oldquery");
        assertThat(jan.getList("zero_hits.query", String.class)).containsExactly("oldquery");
        JsonPath both = report(Map.of("since", "2026-01-01", "until", "2026-02-28"));
        assertThat(both.getList("top.query", String.class)).containsExactly("febquery", "oldquery");
        assertThat(both.getLong("top[1].count")).isEqualTo(5);
        // its latest search (February) found something: no longer a zero-hit query
        assertThat(both.getList("zero_hits.query", String.class)).isEmpty();
        assertThat(report(Map.of("since", "2026-02-11", "until", "2026-02-28")).getList("top"))
                .isEmpty();
        assertThat(report(Map.of("since", "2026-01-01", "until", "2026-02-28", "limit", "1"))
                        .getList("top.query", String.class))
                .containsExactly("febquery");
    }

    @Test
    void badParametersAreNamedAndTheReportNeedsTheToken() {
        bad(Map.of("since", "2026-13-01"), "since");
        bad(Map.of("until", "yesterday"), "until");
        bad(Map.of("since", "2026-03-01", "until", "2026-02-01"), "since");
        bad(Map.of("limit", "0"), "limit");
        bad(Map.of("limit", "many"), "limit");
        given().get("/api/admin/queries").then().statusCode(401);
        given().header("Authorization", "Bearer wrong")
                .get("/api/admin/queries")
                .then()
                .statusCode(403);
    }

    @Test
    void concurrentSearchesAreAllCounted() throws Exception {
        int threads = 8;
        int each = 50;
        long droppedBefore = queryLog.dropped();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Integer> work = () -> {
                    for (int i = 0; i < each; i++) {
                        given().queryParam("q", "Thornwick")
                                .get("/api/search")
                                .then()
                                .statusCode(200);
                    }
                    return each;
                };
                done.add(pool.submit(work));
            }
            for (Future<Integer> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long elapsed = System.nanoTime() - start;
        int written = queryLog.flush();
        System.out.printf(
                "Query log: %d concurrent API searches (%d threads) in %d ms; %d left for the final flush%n",
                threads * each, threads, elapsed / 1_000_000, written);
        assertThat(queryLog.dropped()).isEqualTo(droppedBefore);
        JsonPath r = report(Map.of());
        assertThat(r.getLong("top.find { it.query == 'thornwick' }.count")).isEqualTo(threads * each);
        assertThat(r.getLong("top.find { it.query == 'thornwick' }.last_hits")).isEqualTo(1);
    }

    @Test
    void aBurstIsWrittenAsOneAggregatedBatch() {
        int searches = 10_000;
        int distinct = 1_000;
        long droppedBefore = queryLog.dropped();
        SearchAnswer none = new SearchAnswer(0, 0, 20, 1, List.of(), Map.of());
        List<SearchRequest> requests = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            requests.add(request("burstquery " + i));
        }
        // two rounds: the second one's figures are those of a warm JVM
        for (int round = 1; round <= 2; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < searches; i++) {
                queryLog.record(requests.get(i % distinct), none);
            }
            long recorded = System.nanoTime() - start;
            start = System.nanoTime();
            queryLog.flush();
            long flushed = System.nanoTime() - start;
            System.out.printf(
                    "Query log, round %d: %d searches of %d queries recorded in %.1f ms (%.0f ns each), flushed in %d"
                            + " ms%n",
                    round, searches, distinct, recorded / 1e6, (double) recorded / searches, flushed / 1_000_000);
        }
        assertThat(queryLog.dropped()).isEqualTo(droppedBefore);
        JsonPath r = report(Map.of("limit", "1000"));
        assertThat(r.getList("top")).hasSize(distinct);
        assertThat(r.getList("top.count", Integer.class).stream()
                        .mapToLong(Integer::longValue)
                        .sum())
                .isEqualTo(2L * searches);
        assertThat(r.getList("zero_hits")).hasSize(distinct);
    }

    private static SearchRequest request(String q) {
        return SearchRequest.of(q, Map.of(), null, null, null, null, null);
    }

    @Test
    void daysOlderThanTheRetentionAreDeleted() {
        insert(today().minusDays(181), "ancientquery", 1, 1);
        insert(today().minusDays(179), "recentquery", 1, 1);
        queryLog.applyRetention();
        JsonPath r = report(Map.of("since", today().minusDays(400).toString()));
        assertThat(r.getList("top.query", String.class)).containsExactly("recentquery");
    }

    @Transactional
    void insert(LocalDate day, String query, long searches, long zeroHits) {
        em.createNativeQuery("insert into query_log (day, query, searches, zero_hits, rescued, last_hits, last_seen) "
                        + "values (:day, :q, :n, :z, 0, :hits, :seen)")
                .setParameter("day", day)
                .setParameter("q", query)
                .setParameter("n", searches)
                .setParameter("z", zeroHits)
                .setParameter("hits", zeroHits == searches ? 0 : 4)
                .setParameter("seen", day.atTime(12, 0).atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static void api(Map<String, String> params) {
        given().queryParams(params).get("/api/search").then().statusCode(200);
    }

    private static JsonPath report(Map<String, String> params) {
        return given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .queryParams(params)
                .get("/api/admin/queries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void bad(Map<String, String> params, String parameter) {
        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .queryParams(params)
                .get("/api/admin/queries")
                .then()
                .statusCode(400)
                .body("parameter", equalTo(parameter));
    }
}
