package dev.kaiko.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;
import dev.kaiko.tagging.Taxonomy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Reviews per series, year-over-year statements only against a comparable year, and the admin's picks, on the real
 * corpora (seed, This Week in Rust 2023, JSer.info 2023, the demo) plus a constructed 2022 of This Week in Rust
 * whose right answers are known.
 */
@QuarkusTest
class YearReviewScopeTest {

    static final String NECO = "Neco Weekly";
    static final String TWIR = "This Week in Rust";
    static final String JSER = "JSer.info";
    /** The constructed TWiR 2022: this many weekly issues, one topic each, all tagged Rust only. */
    static final int TWIR_2022_ISSUES = 30;

    static final String PUBLIC = "https://kaiko.example.org";

    private static boolean imported;

    @Inject
    TestData data;

    @Inject
    YearInReview reviews;

    @Inject
    EntityManager em;

    @Inject
    Taxonomy taxonomy;

    @BeforeEach
    void archive() {
        if (!imported) {
            data.clear();
            reviews.invalidate();
            Corpora.importAllWithDemo();
            Corpora.importRaw("twir-2022.json", twir2022()).statusCode(200);
            imported = true;
        }
        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .contentType(ContentType.JSON)
                .body("[]")
                .put("/api/years/2023/picks")
                .then()
                .statusCode(200);
    }

    @SuppressWarnings("unchecked")
    static byte[] twir2022() {
        Map<String, Object>[] issues = new Map[TWIR_2022_ISSUES];
        LocalDate first = LocalDate.of(2022, 1, 5);
        for (int i = 0; i < TWIR_2022_ISSUES; i++) {
            issues[i] = YearReviewExampleTest.issue(
                    TWIR,
                    420 + i,
                    first.plusWeeks(i).toString(),
                    YearReviewExampleTest.topic("第" + (420 + i) + "号のまとめ", List.of("Rust"), null, "今週の本文です。"));
        }
        return YearReviewExampleTest.export(issues);
    }

    @Test
    void aSeriesReviewHoldsOnlyThatSeries() {
        JsonPath all = review(2023, List.of());
        assertThat(all.<String>getList("series")).isEmpty();
        assertThat(all.<String>getList("series_available.name")).contains(NECO, TWIR, JSER);

        JsonPath neco = review(2023, List.of(NECO));
        assertThat(neco.<String>getList("series")).containsExactly(NECO);
        assertThat(neco.getLong("totals.topics")).isEqualTo(topics(NECO, 2023)).isPositive();
        assertThat(neco.getLong("totals.issues")).isEqualTo(1);
        assertThat(neco.<String>getList("issues.series")).containsOnly(NECO);
        assertThat(neco.<String>getList("highlights.topic.issue.series"))
                .isNotEmpty()
                .containsOnly(NECO);
        Set<String> necoTags = tags(NECO, 2023);
        assertThat(neco.<String>getList("top_technologies.name")).isNotEmpty().allMatch(necoTags::contains);
        // the only Neco year: no previous year to compare with
        assertThat(neco.getBoolean("comparison.comparable")).isFalse();
        assertThat(neco.getString("comparison.reason")).isEqualTo("2022 has no issue");

        // two series together: their sum
        JsonPath two = review(2023, List.of(NECO, TWIR));
        assertThat(two.getLong("totals.topics")).isEqualTo(topics(NECO, 2023) + topics(TWIR, 2023));

        // the page: the switch lists the year's series, the scoped page shows the scoped figures and keeps the scope
        Document page = Jsoup.parse(given().queryParam("series", NECO)
                .get("/years/2023")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(page.select("nav.series-switch a").eachAttr("href"))
                .contains("/years/2023", "/years/2023?series=Neco%20Weekly", "/years/2023?series=JSer.info");
        assertThat(page.selectFirst("nav.series-switch a[aria-current]").text()).startsWith(NECO);
        assertThat(page.getElementById("topics").text()).isEqualTo(String.valueOf(topics(NECO, 2023)));
        assertThat(page.select("a[href=/years/2023/review.md?series=Neco%20Weekly]"))
                .hasSize(1);
        String md = given().queryParam("series", NECO)
                .get("/years/2023/review.md")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(md).startsWith("# 2023年の振り返り: Neco Weekly\n").contains("2023年は 1 回の共有会で");

        given().queryParam("series", "No Such Weekly")
                .get("/api/years/2023/review")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("series"));
        given().queryParam("series", NECO)
                .get("/api/years/2024/review")
                .then()
                .statusCode(404)
                .body("parameter", equalTo("year"));
    }

    @Test
    void aComparableTwirYearIsComparedWithTheTwirYearBefore() {
        long issues2023 = issues(TWIR, 2023);
        JsonPath r = review(2023, List.of(TWIR));
        assertThat(r.getBoolean("comparison.comparable")).isTrue();
        assertThat(r.getInt("comparison.previous_year")).isEqualTo(2022);
        assertThat(r.getString("comparison.reason"))
                .isEqualTo("2022 has " + TWIR_2022_ISSUES + " issues, at least half of 2023's " + issues2023);
        // Rust: every topic of the constructed 2022 has it, and only it
        assertThat(r.getLong("top_technologies.find { it.name == 'Rust' }.previous_topics"))
                .isEqualTo(TWIR_2022_ISSUES);
        assertThat(r.getDouble("top_technologies.find { it.name == 'Rust' }.previous_share"))
                .isEqualTo(100.0);
        // everything else TWiR mentions in 2023 is new: none of it was mentioned in 2022
        Set<String> technologies2023 = technologies(TWIR, 2023);
        technologies2023.remove("Rust");
        assertThat(r.<String>getList("new_this_year.name")).containsExactlyInAnyOrderElementsOf(technologies2023);
        assertThat(r.<String>getList("new_this_year.name")).doesNotContain("Rust");
        assertThat(r.<String>getList("top_technologies.trend")).doesNotContainNull();
        assertThat(r.<String>getList("falling.name")).containsExactly("Rust"); // 100% of 2022's topics, less now
        assertThat(r.<String>getList("disappeared")).isEmpty();
        Document page = Jsoup.parse(given().queryParam("series", TWIR)
                .get("/years/2023")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(page.getElementById("no-comparison")).isNull();
        assertThat(page.select("svg.chart text.trend")).isNotEmpty();
    }

    @Test
    void jserHasNoComparablePreviousYearAndSaysSo() {
        long before = issues(JSER, 2022);
        long now = issues(JSER, 2023);
        assertThat(2 * before).as("the JSer corpus's 2022 is a sliver").isLessThan(now);
        JsonPath r = review(2023, List.of(JSER));
        assertThat(r.getBoolean("comparison.comparable")).isFalse();
        assertThat(r.getInt("comparison.previous_year")).isEqualTo(2022);
        assertThat(r.getString("comparison.reason"))
                .isEqualTo("2022 has " + before + (before == 1 ? " issue" : " issues") + ", fewer than half of 2023's "
                        + now);
        assertThat(r.getList("new_this_year")).isEmpty();
        assertThat(r.getList("disappeared")).isEmpty();
        assertThat(r.getList("rising")).isEmpty();
        assertThat(r.getList("falling")).isEmpty();
        assertThat(r.<Object>getList("top_technologies")).isNotEmpty();
        assertThat(r.<Object>getList("top_technologies.trend")).containsOnlyNulls();
        assertThat(r.<Object>getList("top_technologies.share_change")).containsOnlyNulls();

        String notice = "比較できる前年がないため";
        Document page = Jsoup.parse(given().queryParam("series", JSER)
                .get("/years/2023")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(page.getElementById("no-comparison").text()).contains(notice, r.getString("comparison.reason"));
        assertNoYearOverYear(page);
        Document html = Jsoup.parse(given().queryParam("series", JSER)
                .get("/years/2023/review.html")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(html.getElementById("no-comparison").text()).contains(notice);
        assertNoYearOverYear(html);
        String md = given().queryParam("series", JSER)
                .get("/years/2023/review.md")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(md).contains(notice).doesNotContain("★", "▲", "▼", "前年比", "今年初登場");
        assertThat(md).doesNotContainPattern("[+-]\\d+\\.\\dpt");
    }

    private static void assertNoYearOverYear(Document doc) {
        assertThat(doc.select("svg.chart text.trend")).isEmpty();
        assertThat(doc.text()).doesNotContain("★", "▲", "▼", "今年初登場", "伸びた技術", "減った技術", "前年比");
    }

    @Test
    void labelsAreNeverTechnologies() {
        for (List<String> scope : List.of(List.of(JSER), List.<String>of())) {
            JsonPath r = review(2023, scope);
            List<String> named = new ArrayList<>(r.getList("top_technologies.name"));
            named.addAll(r.getList("new_this_year.name"));
            named.addAll(r.getList("rising.name"));
            named.addAll(r.getList("falling.name"));
            named.addAll(r.getList("disappeared.name"));
            named.addAll(r.getList("presenters.favourite_technologies.name.flatten()"));
            assertThat(named).isNotEmpty().allMatch(n -> taxonomy.find(n).isPresent(), "a technology");
            assertThat(named).doesNotContain("ReleaseNote", "article", "library", "Tools");
        }
        // the labels are there, on the topics: the review leaves them out on purpose
        assertThat(tags(JSER, 2023)).contains("ReleaseNote", "article", "library");
        assertThat(taxonomy.find("ReleaseNote")).isEmpty();
    }

    @Test
    void picksLeadThePageTheHtmlAndTheMarkdown() {
        long a = topicId(NECO, 2);
        long b = topicId(TWIR, 0);
        String note = "今年いちばん盛り上がった話題です";
        admin().body(List.of(Map.of("topic", a, "note", note), Map.of("topic", b)))
                .put("/api/years/2023/picks")
                .then()
                .statusCode(200)
                .body("picks.topic", equalTo(List.of((int) a, (int) b)))
                .body("picks[0].note", equalTo(note))
                .body("picks[1].position", equalTo(2));
        given().get("/api/years/2023/picks").then().statusCode(200).body("picks.topic", equalTo(List.of((int) a, (int)
                b)));

        JsonPath r = review(2023, List.of());
        assertThat(r.<Integer>getList("highlights.topic.id").subList(0, 2)).containsExactly((int) a, (int) b);
        assertThat(r.getList("highlights.reason").subList(0, 2)).containsExactly("pick", "pick");
        assertThat(r.getString("highlights[0].note")).isEqualTo(note);
        assertThat(r.getString("highlights[0].back_reference")).isEqualTo("(Neco Weekly 2023-12-22号)");
        assertThat(r.getList("highlights")).hasSize(YearInReview.HIGHLIGHTS);
        assertThat(r.getList("highlights.reason").subList(2, YearInReview.HIGHLIGHTS))
                .doesNotContain("pick");
        String titleA = r.getString("highlights[0].topic.title");
        String linkA = absolute(r.getString("highlights[0].link"));
        String linkB = absolute(r.getString("highlights[1].link"));
        // a series review keeps the picks of its series only
        assertThat(review(2023, List.of(NECO)).<Integer>getList("highlights.topic.id"))
                .startsWith((int) a);
        assertThat(review(2023, List.of(NECO)).<Integer>getList("highlights.topic.id"))
                .doesNotContain((int) b);

        for (String path : List.of("/years/2023", "/years/2023/review.html")) {
            Document doc = Jsoup.parse(
                    given().get(path).then().statusCode(200).extract().asString());
            List<Element> articles = doc.select("article.highlight");
            assertThat(articles.get(0).attr("data-topic")).isEqualTo(String.valueOf(a));
            assertThat(articles.get(1).attr("data-topic")).isEqualTo(String.valueOf(b));
            assertThat(articles.get(0).hasClass("pick")).isTrue();
            assertThat(articles.get(0).selectFirst("h3").text()).isEqualTo(titleA);
            assertThat(articles.get(0).selectFirst(".note").text()).isEqualTo(note);
            assertThat(articles.get(0).selectFirst(".back-reference").text()).isEqualTo("(Neco Weekly 2023-12-22号)");
            // title, note, body, then the back-reference line: the seed's shape
            assertThat(articles.get(0).children().eachAttr("class"))
                    .containsSubsequence("note", "excerpt", "back-reference");
            assertThat(articles.get(2).hasClass("pick")).isFalse();
        }
        String md = given().get("/years/2023/review.md")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String highlights = md.substring(md.indexOf("## 今年紹介したトピックの振り返り"), md.indexOf("## よく話題になった技術"));
        List<String> headings =
                highlights.lines().filter(l -> l.startsWith("### ")).toList();
        assertThat(headings.get(0)).contains(linkA);
        assertThat(headings.get(1)).contains(linkB);
        String first = highlights.substring(highlights.indexOf(headings.get(0)), highlights.indexOf(headings.get(1)));
        assertThat(first.indexOf(note)).isPositive().isLessThan(first.indexOf("(Neco Weekly 2023-12-22号)"));

        // one topic at a time: appended, note changed, unpicked
        long c = topicId(NECO, 0);
        admin().body(Map.of("note", "追加"))
                .put("/api/years/2023/picks/" + c)
                .then()
                .statusCode(200)
                .body("picks.topic", equalTo(List.of((int) a, (int) b, (int) c)));
        admin().body(Map.of("note", "変更"))
                .put("/api/years/2023/picks/" + a)
                .then()
                .statusCode(200)
                .body("picks.topic", equalTo(List.of((int) a, (int) b, (int) c)))
                .body("picks[0].note", equalTo("変更"));
        admin().delete("/api/years/2023/picks/" + b).then().statusCode(204);
        admin().delete("/api/years/2023/picks/" + b).then().statusCode(404);
        assertThat(review(2023, List.of())
                        .<Integer>getList("highlights.topic.id")
                        .subList(0, 2))
                .containsExactly((int) a, (int) c);
    }

    @Test
    void badPicksAreRefusedNamingTheField() {
        long of2024 = topicIdOfYear(2024);
        long a = topicId(NECO, 1);
        given().contentType(ContentType.JSON)
                .body(List.of(Map.of("topic", a)))
                .put("/api/years/2023/picks")
                .then()
                .statusCode(401);
        admin().body(List.of(Map.of("topic", a), Map.of("topic", of2024)))
                .put("/api/years/2023/picks")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("topic"))
                .body("error", containsString("picks[1]"))
                .body("error", containsString("is from 2024, not 2023"));
        admin().body("{}")
                .put("/api/years/2023/picks/" + of2024)
                .then()
                .statusCode(400)
                .body("parameter", equalTo("topic"));
        admin().body(List.of(Map.of("topic", 999_999_999L)))
                .put("/api/years/2023/picks")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("topic"));
        admin().body(List.of(Map.of("topic", a), Map.of("topic", a)))
                .put("/api/years/2023/picks")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("topic"));
        admin().body(List.of(Map.of("topic", a, "note", "x".repeat(YearPicks.MAX_NOTE + 1))))
                .put("/api/years/2023/picks")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("note"));
        admin().body("{}")
                .put("/api/years/2023/picks/abc")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("topic"));
        // nothing of the refused writes was kept
        given().get("/api/years/2023/picks").then().statusCode(200).body("picks", equalTo(List.of()));
    }

    @Test
    void picksSurviveReimportsAndRoundTripThroughTheExport() throws IOException {
        long a = topicId(NECO, 3);
        long b = topicId(TWIR, 5);
        admin().body(List.of(Map.of("topic", a, "note", "メモ"), Map.of("topic", b)))
                .put("/api/years/2023/picks")
                .then()
                .statusCode(200);
        Path twirFile = Corpora.root().resolve("twir-2023").resolve("2023-01-04-this-week-in-rust.md");
        Corpora.importFile(Corpora.seed()).statusCode(200);
        Corpora.importFile(twirFile).statusCode(200);
        JsonPath after = given().get("/api/years/2023/picks").jsonPath();
        assertThat(after.<Integer>getList("picks.topic")).containsExactly((int) a, (int) b);
        assertThat(after.getString("picks[0].note")).isEqualTo("メモ");
        assertThat(review(2023, List.of())
                        .<Integer>getList("highlights.topic.id")
                        .subList(0, 2))
                .containsExactly((int) a, (int) b);

        // the export carries the picks (position, note) ...
        ObjectMapper json = new ObjectMapper();
        JsonNode export = json.readTree(
                admin().get("/api/export").then().statusCode(200).extract().asByteArray());
        List<String> exported = picksIn(export, "2023");
        assertThat(exported).hasSize(2).anyMatch(p -> p.endsWith("#1#メモ")).anyMatch(p -> p.endsWith("#2#"));

        // ... and importing an export restores them (a backup restored, here of a year of its own)
        Map<String, Object> x = YearReviewExampleTest.topic("Roundtrip X", List.of("Go"), null);
        x.put("pick", Map.of("position", 2, "note", "二番"));
        Map<String, Object> y = YearReviewExampleTest.topic("Roundtrip Y", List.of("Rust"), null);
        y.put("pick", Map.of("position", 1));
        Map<String, Object> z = YearReviewExampleTest.topic("Roundtrip Z", List.of("Rust"), null);
        byte[] backup =
                YearReviewExampleTest.export(YearReviewExampleTest.issue("Roundtrip Weekly", 1, "2001-04-06", x, y, z));
        Corpora.importRaw("roundtrip.json", backup).statusCode(200);
        given().get("/api/years/2001/picks")
                .then()
                .statusCode(200)
                .body("picks.title", equalTo(List.of("Roundtrip Y", "Roundtrip X")))
                .body("picks.note", equalTo(java.util.Arrays.asList(null, "二番")));
        JsonNode again = json.readTree(
                admin().get("/api/export").then().statusCode(200).extract().asByteArray());
        assertThat(picksIn(again, "2001")).containsExactlyInAnyOrder("Roundtrip X#2#二番", "Roundtrip Y#1#");
        assertThat(review(2001, List.of("Roundtrip Weekly")).<String>getList("highlights.topic.title"))
                .startsWith("Roundtrip Y", "Roundtrip X");
    }

    /** The picked topics of an export's issues of one year: "title#position#note". */
    private static List<String> picksIn(JsonNode export, String year) {
        List<String> out = new ArrayList<>();
        for (JsonNode issue : export.get("issues")) {
            if (!issue.get("date").asText().startsWith(year)) {
                continue;
            }
            for (JsonNode topic : issue.get("topics")) {
                if (topic.has("pick")) {
                    out.add(topic.get("title").asText() + "#"
                            + topic.get("pick").get("position").asInt() + "#"
                            + topic.get("pick").path("note").asText(""));
                }
            }
        }
        return out;
    }

    @Test
    void concurrentPickWritersDuringAReimportAllSucceedAndOneStateWins() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(topicId(NECO, i));
        }
        List<List<Map<String, Object>>> states = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            List<Map<String, Object>> state = new ArrayList<>();
            state.add(Map.of("topic", ids.get(k % 4)));
            Map<String, Object> second = new LinkedHashMap<>();
            second.put("topic", ids.get((k + 1) % 4));
            second.put("note", "writer " + k);
            state.add(second);
            states.add(state);
        }
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> writes = new ArrayList<>();
            for (List<Map<String, Object>> state : states) {
                writes.add(pool.submit(() -> {
                    start.await();
                    return admin().body(state)
                            .put("/api/years/2023/picks")
                            .then()
                            .extract()
                            .statusCode();
                }));
            }
            Future<Integer> reimport = pool.submit(() -> {
                start.await();
                return Corpora.importFile(Corpora.seed()).extract().statusCode();
            });
            start.countDown();
            for (Future<Integer> w : writes) {
                assertThat(w.get(3, TimeUnit.MINUTES)).isEqualTo(200);
            }
            assertThat(reimport.get(3, TimeUnit.MINUTES)).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        JsonPath now = given().get("/api/years/2023/picks").jsonPath();
        List<Map<String, Object>> written = new ArrayList<>();
        for (int i = 0; i < now.getList("picks").size(); i++) {
            Map<String, Object> pick = new LinkedHashMap<>();
            pick.put("topic", now.getLong("picks[" + i + "].topic"));
            if (now.getString("picks[" + i + "].note") != null) {
                pick.put("note", now.getString("picks[" + i + "].note"));
            }
            written.add(pick);
        }
        assertThat(states).contains(written);
        // and the review shows that state
        assertThat(review(2023, List.of())
                        .<Long>getList("highlights.topic.id", Long.class)
                        .subList(0, 2))
                .containsExactly((Long) written.get(0).get("topic"), (Long)
                        written.get(1).get("topic"));
    }

    @Test
    void exportsLinkToThePublicAddress() {
        String md = given().get("/years/2023/review.md")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(md)
                .contains("](" + PUBLIC + "/search?year=2023&tag=")
                .doesNotContain("127.0.0.1:8081", "localhost:8081");
        Document html = Jsoup.parse(given().get("/years/2023/review.html")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(html.select("a[href^='" + PUBLIC + "/search?year=2023&tag=']"))
                .isNotEmpty();
        assertThat(html.select("a[href*='127.0.0.1'], a[href*='localhost:'], a[href^=/]"))
                .isEmpty();
        // the page itself keeps relative links
        Document page = Jsoup.parse(
                given().get("/years/2023").then().statusCode(200).extract().asString());
        assertThat(page.select("a[href^='/search?year=2023&tag=']")).isNotEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static String absolute(String link) {
        return link.startsWith("/") ? PUBLIC + link : link;
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + Corpora.TOKEN).contentType(ContentType.JSON);
    }

    private static JsonPath review(int year, List<String> series) {
        var req = given();
        for (String s : series) {
            req = req.queryParam("series", s);
        }
        return req.get("/api/years/" + year + "/review")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The id of the n-th topic (by issue date, then position) of a series in 2023. */
    private long topicId(String series, int n) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("""
                        select t.id from topic t join issue i on i.id = t.issue_id
                        where i.series = ?1 and extract(year from i.published) = 2023
                        order by i.published, t.position limit 1 offset ?2""")
                                .setParameter(1, series)
                                .setParameter(2, n)
                                .getSingleResult())
                        .longValue());
    }

    private long topicIdOfYear(int year) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number)
                                em.createNativeQuery("""
                        select t.id from topic t join issue i on i.id = t.issue_id
                        where extract(year from i.published) = ?1 order by t.id limit 1""").setParameter(1, year).getSingleResult())
                        .longValue());
    }

    private long topics(String series, int year) {
        return count(
                "select count(*) from topic t join issue i on i.id = t.issue_id "
                        + "where i.series = ?1 and extract(year from i.published) = ?2",
                series,
                year);
    }

    private long issues(String series, int year) {
        return count(
                "select count(distinct i.id) from topic t join issue i on i.id = t.issue_id "
                        + "where i.series = ?1 and extract(year from i.published) = ?2",
                series,
                year);
    }

    private long count(String sql, String series, int year) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(sql)
                                .setParameter(1, series)
                                .setParameter(2, year)
                                .getSingleResult())
                        .longValue());
    }

    /** Every effective tag on the series' topics of the year, labels included. */
    @SuppressWarnings("unchecked")
    private Set<String> tags(String series, int year) {
        return QuarkusTransaction.requiringNew()
                .call(() -> new HashSet<String>(em.createNativeQuery("""
                        select distinct tt.name from topic_effective_tag tt join topic t on t.id = tt.topic_id
                        join issue i on i.id = t.issue_id where i.series = ?1 and extract(year from i.published) = ?2""")
                        .setParameter(1, series)
                        .setParameter(2, year)
                        .getResultList()));
    }

    private Set<String> technologies(String series, int year) {
        Set<String> out = new HashSet<>(tags(series, year));
        out.removeIf(t -> taxonomy.find(t).isEmpty());
        return out;
    }
}
