package dev.kaiko.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.kaiko.index.SearchAvailability;
import dev.kaiko.index.SearchEngineLifecycle;
import dev.kaiko.model.ArchiveWrites;
import dev.kaiko.model.Topic;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Curation (issue 13, item 5): deletes of issues, series and the demo; presenters named by hand. Deletes are checked
 * against the known right answer, an archive that never had the deleted rows, on everything a reader sees.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CurationTest {

    private static final String AUTH = "Bearer " + Corpora.TOKEN;
    private static final Path DEMO = Path.of("src/main/resources/demo");
    /** The demo issue deleted below: it cites two earlier issues and three later ones cite it. */
    private static final String DELETED_DEMO_FILE = "kaiko-weekly-2024-09-13.txt";

    private static final List<String> TWIR = List.of(
            "2023-01-04-this-week-in-rust.md", "2023-06-07-this-week-in-rust.md", "2023-11-29-this-week-in-rust.md");

    @Inject
    TestData data;

    @Inject
    ArchiveImporter importer;

    @Inject
    Curation curation;

    @Inject
    CitationResolver citations;

    @Inject
    ArchiveWrites writes;

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

    // ---- deletes ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void deletingAnIssueAndASeriesLeavesWhatAnArchiveThatNeverHadThemShows() {
        // the known right answer: the same files in the same order, without the issue and the series
        importDemo(false);
        Corpora.importFile(Corpora.seed()).statusCode(200);
        Map<String, String> never = snapshot();
        assertThat(data.references())
                .as("the demo's back-references resolve (else the comparison proves little)")
                .isNotEmpty();

        data.clear();
        importDemo(true);
        Corpora.importFile(Corpora.seed()).statusCode(200);
        for (String f : TWIR) {
            Corpora.importFile(Corpora.root().resolve("twir-2023").resolve(f)).statusCode(200);
        }
        Map<String, String> before = snapshot(); // also fills the review cache, which the delete must empty
        assertThat(before).isNotEqualTo(never);
        long topicsBefore = data.count("Topic");

        long demoIssue = issueId(2024, "2024-09-13");
        long demoTopics = issueTopics(demoIssue);
        List<String> referencesBefore = data.references();
        given().header("Authorization", AUTH)
                .delete("/api/issues/" + demoIssue)
                .then()
                .statusCode(200)
                .body("issues", equalTo(1))
                .body("topics", equalTo((int) demoTopics))
                .body("indexing", equalTo("done"));
        assertThat(data.references())
                .as("references to and from the deleted issue are gone, the others stay")
                .isNotEmpty()
                .hasSizeLessThan(referencesBefore.size());

        String series = seriesOf(issueId(2023, "2023-06-07"));
        long seriesTopics = topicsOfSeries(series);
        given().header("Authorization", AUTH)
                .delete("/api/series/" + series.toUpperCase(java.util.Locale.ROOT))
                .then()
                .statusCode(200)
                .body("issues", equalTo(TWIR.size()));
        assertThat(data.count("Topic")).isEqualTo(topicsBefore - demoTopics - seriesTopics);

        Map<String, String> after = snapshot();
        for (String key : never.keySet()) {
            assertThat(after.get(key)).as(key + " after the deletes").isEqualTo(never.get(key));
        }
        assertIndexMatchesDatabase();

        // and the same delete again, or an unknown one: 404 JSON, nothing changes
        given().header("Authorization", AUTH)
                .delete("/api/issues/" + demoIssue)
                .then()
                .statusCode(404)
                .body("error", containsString("No issue"));
        given().header("Authorization", AUTH)
                .delete("/api/series/" + series)
                .then()
                .statusCode(404)
                .body("parameter", equalTo("name"));
        given().header("Authorization", AUTH)
                .delete("/api/issues/abc")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("id"));
        given().delete("/api/issues/" + issueId(2023, "2023-12-22")).then().statusCode(401);
        assertThat(snapshot()).isEqualTo(after);
    }

    @Test
    @Order(2)
    void concurrentDeletesImportsAndPresenterEditsAllSucceedWithAConsistentEndState() throws Exception {
        Path twir = Corpora.root().resolve("twir-2023");
        Path jser = Corpora.root().resolve("jser-2023");
        for (int round = 0; round < 2; round++) {
            data.clear();
            Corpora.importFile(Corpora.seed()).statusCode(200);
            Corpora.importFile(twir.resolve(TWIR.get(0))).statusCode(200);
            Corpora.importFile(twir.resolve(TWIR.get(1))).statusCode(200);
            Corpora.importFile(jser.resolve("2023-06.json")).statusCode(200);
            long seed = issueId(2023, "2023-12-22");
            long seedTopics = issueTopics(seed);
            long first = issueId(2023, "2023-01-04");
            long second = issueId(2023, "2023-06-07");
            long secondTopic = topicsOf(second).get(0);
            String jserSeries = seriesOfFile("2023-06.json");

            List<Callable<Integer>> writers = new ArrayList<>();
            // a delete racing imports of the same file, twice
            writers.add(() -> deleteStatus("/api/issues/" + seed));
            writers.add(() -> importStatus(Corpora.seed()));
            writers.add(() -> importStatus(Corpora.seed()));
            // a series delete racing an import of another file of that series
            writers.add(() -> deleteStatus("/api/series/" + jserSeries));
            writers.add(() -> importStatus(jser.resolve("2023-07.json")));
            // imports of other files, presenter edits
            writers.add(() -> importStatus(twir.resolve(TWIR.get(2))));
            writers.add(() -> importStatus(twir.resolve(TWIR.get(0))));
            writers.add(() -> presenterStatus("/api/topics/" + secondTopic + "/presenter", "Carol"));
            writers.add(() -> presenterStatus("/api/issues/" + first + "/presenter", "Dave"));
            ExecutorService pool = Executors.newFixedThreadPool(writers.size());
            try {
                List<Future<Integer>> results = pool.invokeAll(writers, 5, TimeUnit.MINUTES);
                for (Future<Integer> f : results) {
                    assertThat(f.get()).as("every writer succeeds").isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }

            // the seed: re-imported whole (an import came after the delete) or gone (the delete came last)
            List<Long> seedNow = issueIds(2023, "2023-12-22");
            if (!seedNow.isEmpty()) {
                assertThat(issueTopics(seedNow.get(0))).isEqualTo(seedTopics);
            }
            // JSer: June went with its series; July stays only if it was imported after the delete
            assertThat(issueIdsOfFile("2023-06.json")).isEmpty();
            assertThat(issueIds(2023, "2023-01-04")).containsExactly(first);
            assertThat(issueIds(2023, "2023-11-29")).hasSize(1);
            assertThat(presentersOf(first)).containsOnly("Dave");
            given().get("/api/topics/" + secondTopic).then().statusCode(200).body("presenter", equalTo("Carol"));

            // what was derived incrementally equals a derivation from scratch, and the index equals the database
            List<String> references = data.references();
            List<String> citationRows = data.citations();
            writes.run(Duration.ofMinutes(1), citations::rebuildAll);
            assertThat(data.references()).isEqualTo(references);
            assertThat(data.citations()).isEqualTo(citationRows);
            assertIndexMatchesDatabase();
            // the year in review's counters (kept by database triggers) equal a count from scratch
            assertThat(data.reviewCountDrift()).isEmpty();
            JsonPath search = given().queryParam("size", 1)
                    .get("/api/search")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(search.getLong("total")).isEqualTo(data.count("Topic"));
            assertThat(search.getInt("facets.presenter.find { it.value == 'Dave' }.count"))
                    .isEqualTo(issueTopics(first));
        }
    }

    @Test
    @Order(9) // last: it kills the engine (the watchdog brings it back)
    void aDeleteWhileTheEngineIsDownIsAppliedWhenItReturns() throws InterruptedException {
        Corpora.importFile(Corpora.seed()).statusCode(200);
        Corpora.importFile(Corpora.root().resolve("twir-2023").resolve(TWIR.get(0)))
                .statusCode(200);
        long twir = issueId(2023, "2023-01-04");
        Set<Long> deleted = new HashSet<>(topicsOf(twir));
        assertThat(indexedIds()).containsAll(deleted);

        long pid = lifecycle.managedEngine().orElseThrow().pid().orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await("the engine is noticed down")
                .atMost(Duration.ofSeconds(20))
                .until(() -> given().get("/api/search").then().extract().statusCode() == 503);

        given().header("Authorization", AUTH)
                .delete("/api/issues/" + twir)
                .then()
                .statusCode(200)
                .body("topics", equalTo(deleted.size()))
                // "pending" unless the watchdog restarted the engine within the delete's short wait
                .body("indexing", org.hamcrest.Matchers.oneOf("pending", "done"));
        assertThat(issueIds(2023, "2023-01-04")).as("the delete is stored").isEmpty();

        assertThat(availability.awaitReady(Duration.ofSeconds(120)))
                .as("the engine comes back")
                .isTrue();
        await("the deleted topics leave the index")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(indexedIds()).doesNotContainAnyElementsOf(deleted);
                    assertIndexMatchesDatabase();
                });
        given().queryParam("size", 1).get("/api/search").then().statusCode(200).body("total", equalTo((int)
                data.count("Topic")));
    }

    // ---- presenters ------------------------------------------------------------------------------------------

    @Test
    @Order(3)
    void aPresenterSetByHandIsFacetedAndSurvivesReImports() {
        Corpora.importFile(Corpora.seed()).statusCode(200);
        long topic = topicWith("Geneve");
        JsonPath none =
                given().get("/api/search").then().statusCode(200).extract().jsonPath();
        assertThat(none.getList("facets.presenter"))
                .as("the seed names no presenter")
                .isEmpty();

        given().header("Authorization", AUTH)
                .contentType("application/json")
                .body(Map.of("presenter", "  Alice  "))
                .put("/api/topics/" + topic + "/presenter")
                .then()
                .statusCode(200)
                .body("presenter", equalTo("Alice"))
                .body("presenter_edited", equalTo(true));
        assertPresenterFacet("Alice", 1);
        given().queryParam("presenter", "Alice")
                .get("/api/search")
                .then()
                .body("total", equalTo(1))
                .body("hits[0].id", equalTo((int) topic));

        // the same file again (nothing changes) and then with this topic's body edited (the row is rewritten)
        Corpora.importFile(Corpora.seed()).statusCode(200).body("files[0].topics_unchanged", not(equalTo(0)));
        String seed = new String(Corpora.bytes(Corpora.seed()), StandardCharsets.UTF_8);
        String edited = seed.replace("Cilium 1.14 から", "Cilium 1.14 (2023年7月) から");
        assertThat(edited).isNotEqualTo(seed);
        Corpora.importRaw(Corpora.seed().getFileName().toString(), edited.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("files[0].topics_updated", equalTo(1));
        given().get("/api/topics/" + topic).then().statusCode(200).body("presenter", equalTo("Alice"));
        assertPresenterFacet("Alice", 1);

        // a whole issue at once; then one topic's edit cleared: it shows the archive's presenter again (none)
        long issue = issueId(2023, "2023-12-22");
        long topics = issueTopics(issue);
        given().header("Authorization", AUTH)
                .contentType("application/json")
                .body(Map.of("presenter", "Bob"))
                .put("/api/issues/" + issue + "/presenter")
                .then()
                .statusCode(200)
                .body("topics", equalTo((int) topics));
        assertPresenterFacet("Bob", topics);
        given().header("Authorization", AUTH)
                .delete("/api/topics/" + topic + "/presenter")
                .then()
                .statusCode(200)
                .body("presenter_edited", equalTo(false))
                .body("presenter", equalTo(null));
        assertPresenterFacet("Bob", topics - 1);
        assertThat(data.presenterTopics(2023)).isEqualTo(Map.of("Bob", topics - 1));
        // the year in review counts presenters too (its cache forgot the earlier state)
        given().get("/api/years/2023/review").then().statusCode(200).body("totals.presenters", equalTo(1));

        // bad input: 400/404 JSON, and writes need the token
        given().header("Authorization", AUTH)
                .contentType("application/json")
                .body(Map.of("presenter", "   "))
                .put("/api/topics/" + topic + "/presenter")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("presenter"));
        given().header("Authorization", AUTH)
                .contentType("application/json")
                .body("{}")
                .put("/api/issues/" + issue + "/presenter")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("presenter"));
        given().header("Authorization", AUTH)
                .contentType("application/json")
                .body(Map.of("presenter", "Eve"))
                .put("/api/topics/999999999/presenter")
                .then()
                .statusCode(404)
                .body("error", containsString("No topic"));
        given().header("Authorization", AUTH)
                .delete("/api/issues/999999999/presenter")
                .then()
                .statusCode(404)
                .body("error", containsString("No issue"));
        given().contentType("application/json")
                .body(Map.of("presenter", "Eve"))
                .put("/api/topics/" + topic + "/presenter")
                .then()
                .statusCode(401);
        assertPresenterFacet("Eve", 0);
    }

    @Test
    @Order(4)
    void presentersSetByHandRoundTripThroughTheExport() throws ArchiveFormatException {
        Corpora.importFile(Corpora.seed()).statusCode(200);
        long topic = topicWith("Geneve");
        given().header("Authorization", AUTH)
                .contentType("application/json")
                .body(Map.of("presenter", "Alice"))
                .put("/api/topics/" + topic + "/presenter")
                .then()
                .statusCode(200);
        String export = export();
        JsonPath doc = JsonPath.from(export);
        assertThat(doc.getList("issues[0].topics.findAll { it.presenter_edited == true }.title"))
                .hasSize(1);
        assertThat(doc.getString("issues[0].topics.find { it.presenter_edited == true }.presenter"))
                .isEqualTo("Alice");
        List<String> dump = data.dump();

        data.clear();
        Corpora.importRaw("kaiko-export.json", export.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("files[0].format", equalTo(KaikoExportReader.FORMAT));
        TestData.assertSameArchive(dump, data.dump());
        assertThat(restorable(export()))
                .as("exported again: the same document, the edit still marked as one")
                .isEqualTo(restorable(export));
        assertPresenterFacet("Alice", 1);

        // the export as a reader sees it: the presenter people see, the edit kept apart from the archive's
        KaikoExport.Topic t = new KaikoExportReader()
                .readDocument("x.json", export).issues().get(0).topics().stream()
                        .filter(x -> x.manualPresenter() != null)
                        .findFirst()
                        .orElseThrow();
        assertThat(t.presenter()).isEqualTo("Alice");
        assertThat(t.presenterFromArchive()).isNull();
    }

    // ---- the demo --------------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void theDemoIsMarkedAndGoesAwayByOneAdminCall() {
        importer.importDemo(ArchiveBootstrap.demoArchive());
        Corpora.importFile(Corpora.seed()).statusCode(200);
        given().get("/api/demo").then().statusCode(200).body("issues", equalTo(12));
        long demoTopics = given().get("/api/demo").then().extract().jsonPath().getLong("topics");
        long seedIssue = issueId(2023, "2023-12-22");
        long demoIssue = issueId(2024, "2024-09-13");

        // visibly so: a notice on the search page, a badge on demo hits and on demo issue pages only
        String hitBadge = "class=\"badge badge-demo\" title";
        String page = html("/search"); // newest first: the demo's 2025 topics
        assertThat(page).contains("notice-demo").contains("/api/demo").contains(hitBadge);
        String seedHits = html("/search?q=Geneve");
        assertThat(seedHits).contains("Geneve").doesNotContain(hitBadge);
        assertThat(html("/issues/" + demoIssue)).contains("badge-demo");
        assertThat(html("/issues/" + seedIssue)).doesNotContain("badge-demo");

        // a real import of one of the demo's files makes that issue real; the others stay demo (no automatic removal)
        Corpora.importFile(DEMO.resolve("kaiko-weekly-2024-01-12.txt")).statusCode(200);
        given().get("/api/demo").then().body("issues", equalTo(11));

        given().delete("/api/demo").then().statusCode(401);
        long before = data.count("Topic");
        long realDemoTopics = issueTopics(issueId(2024, "2024-01-12"));
        given().header("Authorization", AUTH)
                .delete("/api/demo")
                .then()
                .statusCode(200)
                .body("issues", equalTo(11))
                .body("topics", equalTo((int) (demoTopics - realDemoTopics)));
        assertThat(data.count("Topic")).isEqualTo(before - (demoTopics - realDemoTopics));
        given().get("/api/demo").then().body("issues", equalTo(0)).body("topics", equalTo(0));
        assertThat(html("/search")).doesNotContain("notice-demo");
        assertThat(html("/search?year=2024")).doesNotContain("badge-demo");
        assertThat(curation.demoRemoved())
                .as("an emptied instance will not import it again")
                .isTrue();
        given().queryParam("size", 1).get("/api/search").then().body("total", equalTo((int) data.count("Topic")));
        // again: nothing left, still 200
        given().header("Authorization", AUTH)
                .delete("/api/demo")
                .then()
                .statusCode(200)
                .body("issues", equalTo(0));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Everything a reader sees, ids and timings blanked (ids differ between two imports of the same files). */
    private Map<String, String> snapshot() {
        Map<String, String> out = new LinkedHashMap<>();
        // search: totals, facets and which hits (ties in date or score may come in either order)
        for (String url : List.of("/api/search?size=100", "/api/search?q=Kubernetes&size=100")) {
            JsonPath j = given().get(url).then().statusCode(200).extract().jsonPath();
            List<String> hits = new ArrayList<>(j.getList(
                    "hits.collect { it.title + '|' + it.date + '|' + it.presenter + '|' + it.tags + '|' + it.issue.series }",
                    String.class));
            java.util.Collections.sort(hits);
            out.put(url, "total=" + j.getLong("total") + " facets=" + j.getMap("facets") + " hits=" + hits);
        }
        for (String url : List.of(
                "/api/issues",
                "/api/tags",
                "/api/years",
                "/api/years/2023/review",
                "/api/years/2024/review",
                "/api/years/2025/review")) {
            var r = given().get(url).then().extract();
            out.put(url, r.statusCode() + " " + blanked(r.asString()));
        }
        out.put("/api/export", withoutTimestamp(export()));
        out.put("references", String.join("\n", data.references()));
        out.put("citations", String.join("\n", data.citations()));
        out.put("dump", String.join("\n", data.dump()));
        return out;
    }

    private static String blanked(String json) {
        return json.replaceAll("\"(id|took_ms|computed_ms)\"\\s*:\\s*\\d+", "\"$1\":0")
                .replaceAll("/(topics|issues)/\\d+", "/$1/N");
    }

    private static String withoutTimestamp(String export) {
        return export.replaceAll("\"exported_at\"\\s*:\\s*\"[^\"]*\"", "\"exported_at\":\"\"");
    }

    /** An export without what a restore changes by design: the time, and the file an issue came from. */
    private static String restorable(String export) {
        return withoutTimestamp(export).replaceAll("\"source_file\"\\s*:\\s*\"[^\"]*\"", "\"source_file\":\"\"");
    }

    private static String export() {
        return given().header("Authorization", AUTH)
                .get("/api/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static String html(String url) {
        return given().accept("text/html")
                .header("Accept-Language", "en")
                .get(url)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** The demo files through the API (not marked demo: this is the test's own archive), one left out or not. */
    private static void importDemo(boolean withDeletedIssue) {
        List<Path> files = new ArrayList<>();
        for (var upload : ArchiveBootstrap.demoArchive()) {
            if (withDeletedIssue || !upload.name().equals(DELETED_DEMO_FILE)) {
                files.add(DEMO.resolve(upload.name()));
            }
        }
        Corpora.multipart(files).post("/api/imports").then().statusCode(200);
    }

    private static void assertPresenterFacet(String name, long count) {
        JsonPath json =
                given().get("/api/search").then().statusCode(200).extract().jsonPath();
        Integer found = json.get("facets.presenter.find { it.value == '" + name + "' }.count");
        assertThat(found == null ? 0L : found.longValue())
                .as("presenter facet " + name)
                .isEqualTo(count);
    }

    private static long topicWith(String word) {
        JsonPath json = given().queryParam("q", word)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getInt("total")).isEqualTo(1);
        return json.getLong("hits[0].id");
    }

    private static List<Long> issueIds(int year, String date) {
        return given().queryParam("year", year)
                .get("/api/issues")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.date == '" + date + "' }.id", Long.class);
    }

    private static long issueId(int year, String date) {
        List<Long> ids = issueIds(year, date);
        assertThat(ids).as("issue of " + date).hasSize(1);
        return ids.get(0);
    }

    private static long issueTopics(long issue) {
        return topicsOf(issue).size();
    }

    private static List<Long> topicsOf(long issue) {
        return given().get("/api/issues/" + issue)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("topics.id", Long.class);
    }

    private static List<String> presentersOf(long issue) {
        return given().get("/api/issues/" + issue)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("topics.presenter", String.class);
    }

    private static String seriesOf(long issue) {
        return given().get("/api/issues/" + issue).then().extract().jsonPath().getString("issue.series");
    }

    /** The issues first stored from a file (a JSer.info month: its weeks). */
    private List<Long> issueIdsOfFile(String file) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery("select i.id from Issue i where i.sourceFile = :f", Long.class)
                        .setParameter("f", file)
                        .getResultList());
    }

    private String seriesOfFile(String file) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery(
                                "select distinct i.series from Issue i where i.sourceFile = :f", String.class)
                        .setParameter("f", file)
                        .getSingleResult());
    }

    private long topicsOfSeries(String series) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery("select count(t) from Topic t where t.issue.series = :s", Long.class)
                        .setParameter("s", series)
                        .getSingleResult());
    }

    private static int deleteStatus(String url) {
        return given().header("Authorization", AUTH)
                .delete(url)
                .then()
                .extract()
                .statusCode();
    }

    private static int importStatus(Path file) {
        var r = Corpora.importFile(file).extract();
        assertThat(r.jsonPath().getList("files.errors.flatten()"))
                .as("import of " + file.getFileName())
                .isEmpty();
        return r.statusCode();
    }

    private static int presenterStatus(String url, String presenter) {
        return given().header("Authorization", AUTH)
                .contentType("application/json")
                .body(Map.of("presenter", presenter))
                .put(url)
                .then()
                .extract()
                .statusCode();
    }

    private void assertIndexMatchesDatabase() {
        assertThat(indexedIds()).isEqualTo(data.topicIds());
    }

    private Set<Long> indexedIds() {
        return QuarkusTransaction.requiringNew()
                .call(() -> new HashSet<>(Search.session(em)
                        .search(Topic.class)
                        .select(f -> f.id(Long.class))
                        .where(f -> f.matchAll())
                        .fetchHits(10_000)));
    }
}
