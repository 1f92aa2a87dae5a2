package dev.kaiko.review;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A small constructed archive whose right answers are known: new-this-year, disappeared, rising and falling by share
 * (not raw counts), and which topics later issues point back to, including the seed's own back-references.
 */
@QuarkusTest
class YearReviewExampleTest {

    @Inject
    TestData data;

    @Inject
    YearInReview reviews;

    @Inject
    Citations citations;

    @BeforeEach
    void archive() {
        data.clear();
        reviews.invalidate(); // clear() bypasses imports, so nothing told the cache
        // 2000: Python once. 2001 (4 topics): Go 2, Rust 1, Zig 1. 2002 (8 topics): Rust 4, Deno 2, Go 2, Python 1.
        // Rust rises (25% -> 50%) and Go falls (50% -> 25%) although Go's raw count stays 2; Deno is new, Zig gone;
        // Python is back after a gap: rising, not new.
        Corpora.importRaw(
                        "example.json",
                        export(
                                issue("Fixture Weekly", 1, "2000-05-05", topic("Old one", List.of("Python"), "bob")),
                                issue(
                                        "Fixture Weekly",
                                        2,
                                        "2001-03-02",
                                        topic("Go one", List.of("Go"), "alice"),
                                        topic("Rust one", List.of("Rust"), "bob"),
                                        topic("Go two", List.of("Go"), "alice")),
                                issue("Fixture Weekly", 3, "2001-06-01", topic("Zig one", List.of("Zig"), "carol")),
                                issue(
                                        "Fixture Weekly",
                                        4,
                                        "2002-02-01",
                                        topic("Rust two", List.of("Rust"), "bob"),
                                        topic("Deno one", List.of("Deno"), "alice"),
                                        topic("Go three", List.of("Go"), "alice")),
                                issue(
                                        "Fixture Weekly",
                                        5,
                                        "2002-11-08",
                                        topic(
                                                "Rust looking back",
                                                List.of("Rust"),
                                                "bob",
                                                "一年を振り返りました。\n(Fixture Weekly 2001-03-02号)"),
                                        topic(
                                                "Deno looking back",
                                                List.of("Deno"),
                                                "alice",
                                                "前の回から続く話。\n(Fixture Weekly 2001-06-01号、2030-01-01号)"),
                                        topic("Rust four", List.of("Rust", "Python"), "bob"),
                                        topic("Go four", List.of("Go"), "carol"),
                                        topic("Rust five", List.of("Rust"), "bob"))))
                .statusCode(200);
    }

    @Test
    void newDisappearedRisingAndFallingAreByShare() {
        JsonPath r = given().get("/api/years/2002/review")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(8, r.getInt("totals.topics"));
        assertEquals(2, r.getInt("totals.issues"));
        assertEquals(3, r.getInt("totals.presenters"));
        assertEquals(4, r.getInt("totals.technologies"));
        assertEquals(2001, r.getInt("previous_year"));
        assertEquals(List.of("Deno"), r.getList("new_this_year.name"));
        assertEquals(List.of("Zig"), r.getList("disappeared.name"));
        assertEquals(List.of("Rust", "Python"), r.getList("rising.name"));
        assertEquals(25.0, r.getDouble("rising[0].share_change"), 1e-9);
        assertEquals("back", r.getString("rising[1].trend"));
        assertEquals(List.of("Go"), r.getList("falling.name"));
        assertEquals(-25.0, r.getDouble("falling[0].share_change"), 1e-9);
        assertEquals(2, r.getInt("falling[0].topics"));
        assertEquals(2, r.getInt("falling[0].previous_topics"));
        assertEquals(List.of("Rust", "Deno", "Go", "Python"), r.getList("top_technologies.name"));
        assertEquals(List.of("up", "new", "down", "back"), r.getList("top_technologies.trend"));
        assertEquals(12, r.getList("topics_per_month").size());
        assertEquals(3, r.getInt("topics_per_month[1].topics"));
        assertEquals(5, r.getInt("topics_per_month[10].topics"));
        assertEquals(List.of("bob", "alice", "carol"), r.getList("presenters.name"));
        assertEquals("Rust", r.getString("presenters[0].favourite_technologies[0].name"));

        // one series in the archive: the review is of it, without asking
        assertEquals(List.of("Fixture Weekly"), r.getList("series"));
        assertTrue(r.getBoolean("comparison.comparable"));
        assertEquals("2001 has 2 issues, at least half of 2002's 2", r.getString("comparison.reason"));

        // The first year has nothing before it: nothing is "new" (there is no covered year to be new after), nothing
        // rises or falls, and the review says why.
        JsonPath first = given().get("/api/years/2000/review")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(first.getList("new_this_year").isEmpty());
        assertTrue(first.getList("rising").isEmpty());
        assertEquals(false, first.getBoolean("comparison.comparable"));
        assertEquals(1999, first.getInt("comparison.previous_year"));
        assertEquals("1999 has no issue", first.getString("comparison.reason"));
        assertTrue(first.get("top_technologies[0].trend") == null);
        assertTrue(first.get("top_technologies[0].share_change") == null);
        assertTrue(first.get("previous_year") == null);
        assertEquals(2001, first.getInt("next_year"));
    }

    @Test
    void laterIssuesPointBackToTopicsSharingATechnologyOrTheOnlyTopic() {
        JsonPath r = given().get("/api/years/2001/review")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Object>> byTech = new LinkedHashMap<>();
        List<Map<String, Object>> highlights = r.getList("highlights");
        highlights.forEach(h -> byTech.put((String) h.get("technology"), h));
        // The Rust topic of 2001-03-02 is cited by a Rust topic; the Go topics of that issue are not.
        assertEquals("referenced", byTech.get("Rust").get("reason"));
        assertEquals("Rust one", title(byTech.get("Rust")));
        assertEquals("longest", byTech.get("Go").get("reason"));
        // A Deno topic cites 2001-06-01, whose single topic (Zig) shares no tag: the only topic is the one meant.
        assertEquals("referenced", byTech.get("Zig").get("reason"));
        assertEquals("2002-11-08", r.getString("highlights.find { it.technology == 'Zig' }.referenced_by[0].date"));
        assertEquals("/search?year=2001&tag=Rust", byTech.get("Rust").get("search_url"));
    }

    @Test
    void theSeedsBackReferencesAreDetected() {
        Corpora.importFile(Corpora.seed()).statusCode(200);
        // Two earlier Neco Weekly issues the seed's retrospective cites, made up for this test.
        Corpora.importRaw(
                        "neco-2023.json",
                        export(
                                issue(
                                        "Neco Weekly",
                                        10,
                                        "2023-03-17",
                                        topic(
                                                "Spegel: ステートレスな分散コンテナレジストリミラー",
                                                List.of("Kubernetes"),
                                                "ymmt",
                                                "Kubernetes のノード間でイメージを共有する。"),
                                        topic("Terraform の話", List.of("Terraform"), "ymmt")),
                                issue(
                                        "Neco Weekly",
                                        35,
                                        "2023-09-22",
                                        topic(
                                                "インターンで Spegel を評価しました",
                                                List.of("Kubernetes"),
                                                "morimoto",
                                                "Kubernetes クラスタで Spegel を試す。"))))
                .statusCode(200);
        JsonPath r = given().get("/api/years/2023/review")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> referenced = r.getList("highlights.findAll { it.reason == 'referenced' }.topic.title");
        assertTrue(
                referenced.contains("Spegel: ステートレスな分散コンテナレジストリミラー") || referenced.contains("インターンで Spegel を評価しました"),
                "referenced highlights: " + referenced);
        assertEquals(
                "Neco Weekly 2023-12-22号",
                r.getString("highlights.find { it.reason == 'referenced' }.referenced_by[0].series") + " "
                        + r.getString("highlights.find { it.reason == 'referenced' }.referenced_by[0].date") + "号");
        // Both cited issues resolve; the Terraform topic, sharing no tag with the citing topic, is not referenced.
        assertEquals(2, citedTopics(2023).size(), "cited: " + citedTopics(2023));
    }

    @Test
    void badAndEmptyYears() {
        given().get("/api/years/20x1/review").then().statusCode(400).body("parameter", equalTo("year"));
        given().get("/api/years/1999/review").then().statusCode(404).body("parameter", equalTo("year"));
        given().get("/years/1999").then().statusCode(404);
        given().get("/years/abc/review.md").then().statusCode(400).body("parameter", equalTo("year"));
        given().get("/api/years")
                .then()
                .statusCode(200)
                .body("years.year", equalTo(List.of(2000, 2001, 2002)))
                .body("years.topics", equalTo(List.of(1, 4, 8)))
                .body("years.issues", equalTo(List.of(1, 2, 2)));
    }

    private List<Long> citedTopics(int year) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> new ArrayList<>(citations.referencedIn(year)));
    }

    @SuppressWarnings("unchecked")
    private static String title(Map<String, Object> highlight) {
        return (String) ((Map<String, Object>) highlight.get("topic")).get("title");
    }

    static Map<String, Object> topic(String title, List<String> tags, String presenter) {
        return topic(title, tags, presenter, "本文です。");
    }

    static Map<String, Object> topic(String title, List<String> tags, String presenter, String body) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("title", title);
        t.put("body", body);
        t.put("presenter", presenter);
        t.put(
                "tags",
                tags.stream()
                        .map(tag -> Map.of("name", tag, "provenance", "archive"))
                        .toList());
        return t;
    }

    @SafeVarargs
    static Map<String, Object> issue(String series, int number, String date, Map<String, Object>... topics) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("series", series);
        i.put("number", number);
        i.put("title", series + " (" + date + "号)");
        i.put("date", date);
        i.put("topics", List.of(topics));
        return i;
    }

    @SafeVarargs
    static byte[] export(Map<String, Object>... issues) {
        try {
            Map<String, Object> document = new LinkedHashMap<>(); // detection looks for "kaiko_export" at the start
            document.put("kaiko_export", 1);
            document.put("issues", List.of(issues));
            return new ObjectMapper().writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
