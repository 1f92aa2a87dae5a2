package dev.kaiko.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The review's counters (migration V31, kept by database triggers) under concurrent writers: imports, re-imports,
 * tag edits and their removal, presenter edits, issue and series deletions all at once; afterwards every counter
 * equals a count from scratch, before and after compaction, and the review's figures equal the search API's.
 */
@QuarkusTest
class ReviewCountsTest {

    private static final String AUTH = "Bearer " + Corpora.TOKEN;

    @Inject
    TestData data;

    @Inject
    ReviewCounts counts;

    @Inject
    EntityManager em;

    @Inject
    dev.kaiko.tagging.TaxonomyInUse taxonomies;

    @Test
    void countersFollowConcurrentWritersExactly() throws Exception {
        data.clear();
        Path twir = Corpora.root().resolve("twir-2023");
        Path jser = Corpora.root().resolve("jser-2023");
        List<Path> twirFiles = Corpora.files(twir, ".md");
        Corpora.importFile(Corpora.seed()).statusCode(200);
        Corpora.importFile(twirFiles.get(0)).statusCode(200);
        Corpora.importFile(twirFiles.get(1)).statusCode(200);
        Corpora.importFile(jser.resolve("2023-05.json")).statusCode(200);
        assertThat(data.reviewCountDrift()).isEmpty();
        long seed = firstIssue("select i.id from issue i where i.published = date '2023-12-22'");
        List<Long> twirTopics = ids("select t.id from topic t join issue i on i.id = t.issue_id"
                + " where i.source_file = '" + twirFiles.get(0).getFileName() + "' order by t.id limit 6");
        String jserSeries = (String) QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("select series from issue where source_file = '2023-05.json' limit 1")
                        .getSingleResult());

        List<Callable<Integer>> writers = new ArrayList<>();
        writers.add(() -> status(given().header("Authorization", AUTH).delete("/api/issues/" + seed)));
        writers.add(() -> Corpora.importFile(Corpora.seed()).extract().statusCode());
        writers.add(() -> status(given().header("Authorization", AUTH).delete("/api/series/" + jserSeries)));
        writers.add(
                () -> Corpora.importFile(jser.resolve("2023-06.json")).extract().statusCode());
        writers.add(() -> Corpora.importFile(twirFiles.get(2)).extract().statusCode());
        writers.add(() -> Corpora.importFile(twirFiles.get(0)).extract().statusCode());
        for (int i = 0; i < twirTopics.size(); i++) {
            long id = twirTopics.get(i);
            // edits that make a topic's manual tags effective, and removals that bring its auto tags back
            writers.add(() -> status(given().header("Authorization", AUTH)
                    .contentType("application/json")
                    .body(Map.of("tags", List.of("Kubernetes", "eBPF", "Kaiko curated")))
                    .put("/api/topics/" + id + "/tags")));
            if (i % 2 == 0) {
                writers.add(() -> status(given().header("Authorization", AUTH).delete("/api/topics/" + id + "/tags")));
            }
            writers.add(() -> status(given().header("Authorization", AUTH)
                    .contentType("application/json")
                    .body(Map.of("presenter", "Presenter " + id % 3))
                    .put("/api/topics/" + id + "/presenter")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Integer> f : pool.invokeAll(writers, 5, TimeUnit.MINUTES)) {
                assertThat(f.get()).as("every writer succeeds").isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(data.reviewCountDrift()).as("counters after the writers").isEmpty();
        counts.compact();
        assertThat(data.reviewCountDrift()).as("counters after compaction").isEmpty();
        assertThat(rowsPerKey()).as("one row per key after compaction").isEqualTo(1);

        // the review reads the counters: its figures are the search API's (once the index has every write)
        data.awaitSearch();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(this::reviewEqualsSearch);
    }

    private void reviewEqualsSearch() {
        given().header("Authorization", AUTH).delete("/api/years/cache").then().statusCode(204);
        JsonPath review = given().get("/api/years/2023/review")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        JsonPath search = given().queryParam("year", 2023)
                .queryParam("size", 1)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(review.getLong("totals.topics")).isEqualTo(search.getLong("total"));
        for (Map<String, Object> t : review.<Map<String, Object>>getList("top_technologies")) {
            String tag = (String) t.get("name");
            long total = given().queryParam("year", 2023)
                    .queryParam("tag", tag)
                    .queryParam("size", 1)
                    .get("/api/search")
                    .then()
                    .extract()
                    .jsonPath()
                    .getLong("total");
            assertThat(((Number) t.get("topics")).longValue()).as(tag).isEqualTo(total);
        }
    }

    /**
     * Two stored names of one technology on one topic (an alias the taxonomy learnt after the topic was tagged):
     * the review counts the topic once, as the search engine's canonical tags do.
     */
    @Test
    void twoNamesOfOneTechnologyOnATopicCountOnce() {
        data.clear();
        Corpora.importFile(Corpora.seed()).statusCode(200);
        data.awaitSearch();
        int year = 2023;
        long before = reviewCount(year, "Kubernetes");
        assertThat(before).isPositive();
        List<Long> kubernetes = ids("select e.topic_id from topic_effective_tag e where e.name = 'Kubernetes'");
        QuarkusTransaction.requiringNew().run(() -> {
            for (long id : kubernetes) {
                // an archive tag by the alias, beside the auto tag: no write through the application, no reindex
                em.createNativeQuery("insert into topic_tag (topic_id, name, provenance) values (?1, 'k8s', 'archive')"
                                + " on conflict do nothing")
                        .setParameter(1, id)
                        .executeUpdate();
            }
        });
        given().header("Authorization", AUTH).delete("/api/years/cache").then().statusCode(204);
        assertThat(data.reviewCountDrift()).isEmpty();
        assertThat(reviewCount(year, "Kubernetes")).isEqualTo(before);
        assertThat(reviewCount(year, "Kubernetes"))
                .isEqualTo(given().queryParam("year", year)
                        .queryParam("tag", "Kubernetes")
                        .get("/api/search")
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("total"));
    }

    /**
     * Every automatic highlight is the topic the rule names, and every presenter's favourites the technologies it
     * names, found the slow way. Highlights: all topics of the year with that
     * technology, ranked by how many later issues cite them, then by length (what review_tag_topic's few rows must
     * agree with), skipping topics already highlighted for an earlier technology.
     */
    @Test
    void highlightsAndFavouritesAreTheRulesChoiceOverAllTopics() {
        data.clear();
        Corpora.importAllWithDemo();
        data.awaitSearch();
        int checked = 0;
        int favourites = 0;
        for (int year : given().get("/api/years").then().extract().jsonPath().getList("years.year", Integer.class)) {
            JsonPath r = given().get("/api/years/" + year + "/review")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            java.util.Set<Long> chosen = new java.util.HashSet<>();
            List<Map<String, Object>> highlights = r.getList("highlights");
            for (Map<String, Object> h : highlights) {
                long id = ((Number) ((Map<?, ?>) h.get("topic")).get("id")).longValue();
                if (!"pick".equals(h.get("reason"))) {
                    List<Long> ranked =
                            ids("""
                            select t.id from topic_effective_tag e join topic t on t.id = e.topic_id
                            join issue i on i.id = t.issue_id
                            left join (select cited_topic_id, count(distinct citing_issue_id) as n from topic_reference
                                       where cited_year = %d group by 1) refs on refs.cited_topic_id = t.id
                            where e.name = '%s' and extract(year from i.published) = %d
                            order by coalesce(refs.n, 0) desc, length(t.body) desc, t.topic_key""".formatted(year, ((String) h.get("technology")).replace("'", "''"), year));
                    Long expected = ranked.stream()
                            .filter(t -> !chosen.contains(t))
                            .findFirst()
                            .orElse(null);
                    assertThat(id).as(year + " " + h.get("technology")).isEqualTo(expected);
                    checked++;
                }
                chosen.add(id);
            }
            // each presenter's favourite technologies: the three most frequent among the technologies of their
            // topics of the year, counted over all topics
            for (Map<String, Object> p : r.<Map<String, Object>>getList("presenters")) {
                String presenter = (String) p.get("name");
                Map<String, Long> perTechnology = new java.util.HashMap<>();
                Map<String, java.util.Set<Long>> topicsOf = new java.util.HashMap<>();
                for (Object[] row : rows("""
                        select e.name, t.id from topic_effective_tag e join topic t on t.id = e.topic_id
                        join issue i on i.id = t.issue_id
                        where t.presenter = '%s' and extract(year from i.published) = %d""".formatted(presenter.replace("'", "''"), year))) {
                    taxonomies
                            .taxonomy()
                            .find((String) row[0])
                            .ifPresent(t -> topicsOf.computeIfAbsent(t.name(), k -> new java.util.HashSet<>())
                                    .add(((Number) row[1]).longValue()));
                }
                topicsOf.forEach((t, topics) -> perTechnology.put(t, (long) topics.size()));
                List<String> expected = perTechnology.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue(java.util.Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(3)
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList();
                List<String> actual = ((List<?>) p.get("favourite_technologies"))
                        .stream()
                                .map(f -> ((Map<?, ?>) f).get("name") + "=" + ((Map<?, ?>) f).get("topics"))
                                .toList();
                assertThat(actual).as(year + " " + presenter).isEqualTo(expected);
                favourites += actual.size();
            }
        }
        assertThat(checked).as("automatic highlights checked").isGreaterThan(10);
        assertThat(favourites).as("favourite technologies checked").isGreaterThan(10);
    }

    private static long reviewCount(int year, String technology) {
        JsonPath r = given().get("/api/years/" + year + "/review")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (Map<String, Object> t : r.<Map<String, Object>>getList("top_technologies")) {
            if (technology.equals(t.get("name"))) {
                return ((Number) t.get("topics")).longValue();
            }
        }
        return 0;
    }

    private static int status(io.restassured.response.Response r) {
        return r.then().extract().statusCode();
    }

    private long firstIssue(String sql) {
        return ((Number) QuarkusTransaction.requiringNew()
                        .call(() -> em.createNativeQuery(sql).setMaxResults(1).getSingleResult()))
                .longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (List<Object[]>) em.createNativeQuery(sql).getResultList());
    }

    @SuppressWarnings("unchecked")
    private List<Long> ids(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Number>) em.createNativeQuery(sql).getResultList())
                        .stream().map(Number::longValue).toList());
    }

    /** The largest number of rows any one counter key has. */
    private long rowsPerKey() {
        return ((Number) QuarkusTransaction.requiringNew()
                        .call(() -> em.createNativeQuery("""
                                select greatest(
                                    (select coalesce(max(n), 0) from (select count(*) n from review_tag_topics
                                        group by series, year, name) a),
                                    (select coalesce(max(n), 0) from (select count(*) n from review_presenter_topics
                                        group by series, year, presenter) b),
                                    (select coalesce(max(n), 0) from (select count(*) n from review_issue_topics
                                        group by issue_id) c))""").getSingleResult()))
                .longValue();
    }
}
