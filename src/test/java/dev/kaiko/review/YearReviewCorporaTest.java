package dev.kaiko.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;
import dev.kaiko.web.Browser;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Reviews of the real corpora (seed, This Week in Rust 2023, JSer.info 2023) and of the demo archive (2024 and
 * 2025, for year-over-year): every figure is checked against what the search API reports, and the exports are
 * opened by the tools they are meant for (a Markdown parser, headless Chromium without network).
 */
@QuarkusTest
class YearReviewCorporaTest {

    private static boolean imported;

    @Inject
    TestData data;

    @Inject
    YearInReview reviews;

    @Inject
    dev.kaiko.tagging.Taxonomy taxonomy;

    @BeforeEach
    void archive() {
        if (imported) {
            return;
        }
        data.clear();
        reviews.invalidate();
        Corpora.importAllWithDemo();
        Corpora.importRaw("guild-" + GUILD_YEAR + ".json", guildYear()).statusCode(200);
        imported = true;
    }

    /** A year with more presenters than the search API's presenter facet lists (30). */
    static final int GUILD_YEAR = 2022;

    static final int GUILD_PRESENTERS = 40;

    /** Four issues of GUILD_YEAR: presenter n presents 1 + n % 3 topics (79 topics in all). */
    @SuppressWarnings("unchecked")
    static byte[] guildYear() {
        List<Map<String, Object>> topics = new ArrayList<>();
        for (int n = 0; n < GUILD_PRESENTERS; n++) {
            for (int k = 0; k <= n % 3; k++) {
                topics.add(YearReviewExampleTest.topic(
                        "ギルドの話題 " + n + "-" + k, List.of(k == 0 ? "Rust" : "Go"), String.format("guild-%02d", n)));
            }
        }
        Map<String, Object>[] issues = new Map[4];
        for (int i = 0; i < 4; i++) {
            issues[i] = YearReviewExampleTest.issue(
                    "Guild Weekly",
                    i + 1,
                    GUILD_YEAR + "-0" + (2 * i + 2) + "-04",
                    topics.subList(i * topics.size() / 4, (i + 1) * topics.size() / 4)
                            .toArray(new Map[0]));
        }
        return YearReviewExampleTest.export(issues);
    }

    @Test
    void figuresEqualWhatSearchReports() {
        JsonPath years =
                given().get("/api/years").then().statusCode(200).extract().jsonPath();
        assertThat(years.<Integer>getList("years.year")).containsAll(List.of(GUILD_YEAR, 2023, 2024, 2025));
        for (int year : List.of(GUILD_YEAR, 2023, 2024, 2025)) {
            JsonPath search = search(Map.of("year", year, "size", 1));
            JsonPath r = given().get("/api/years/" + year + "/review")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            long total = search.getLong("total");
            assertThat(r.getLong("totals.topics")).as("topics %d", year).isEqualTo(total);
            assertThat(years.getLong("years.find { it.year == " + year + " }.topics"))
                    .isEqualTo(total);
            assertThat(years.getLong("years.find { it.year == " + year + " }.issues"))
                    .isEqualTo(r.getLong("totals.issues"));
            assertThat(r.getList("issues")).hasSize(r.getInt("totals.issues"));
            assertThat(r.getList("issues.topics", Long.class).stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(total);
            assertThat(r.getList("topics_per_month.topics", Long.class).stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(total);
            // technologies: the search facet (top 30) agrees with the review on every shared value
            Map<String, Long> tagFacet = facet(search, "tag");
            assertThat(r.<Map<String, Object>>getList("top_technologies")).isNotEmpty();
            for (Map<String, Object> t : r.<Map<String, Object>>getList("top_technologies")) {
                long topics = ((Number) t.get("topics")).longValue();
                assertThat(topics).as("tag %s", t).isEqualTo(tagFacet.get(t.get("name")));
                assertThat(((Number) t.get("share")).doubleValue())
                        .as("share %s", t)
                        .isCloseTo(Math.round(10000.0 * topics / total) / 100.0, within(1e-4));
            }
            // the review counts technologies only (tags the taxonomy knows); labels are not technologies
            assertThat(r.getInt("totals.technologies")).isGreaterThanOrEqualTo((int) tagFacet.keySet().stream()
                    .filter(tag -> taxonomy.find(tag).isPresent())
                    .count());
            // presenters: every presenter of the year and their topic counts, against the database (the search
            // facet lists only the 30 most frequent, so it cannot vouch for the total)
            Map<String, Long> stored = data.presenterTopics(year);
            Map<String, Long> reviewed = new TreeMap<>();
            for (Map<String, Object> p : r.<Map<String, Object>>getList("presenters")) {
                reviewed.put((String) p.get("name"), ((Number) p.get("topics")).longValue());
            }
            assertThat(r.getLong("totals.presenters")).as("presenters %d", year).isEqualTo(stored.size());
            assertThat(reviewed).as("presenters and their topics %d", year).isEqualTo(stored);
            Map<String, Long> presenterFacet = facet(search, "presenter");
            assertThat(stored).as("the search facet agrees with the database").containsAllEntriesOf(presenterFacet);
            // one month, checked through the search API's date range
            int busiest = r.getList("topics_per_month.topics", Long.class)
                            .indexOf(r.getList("topics_per_month.topics", Long.class).stream()
                                    .max(Long::compare)
                                    .orElseThrow())
                    + 1;
            String from = String.format("%d-%02d-01", year, busiest);
            String to =
                    java.time.LocalDate.parse(from).plusMonths(1).minusDays(1).toString();
            assertThat(r.getLong("topics_per_month[" + (busiest - 1) + "].topics"))
                    .isEqualTo(search(Map.of("year", year, "from", from, "to", to, "size", 1))
                            .getLong("total"));
        }
        // the known answers: the demo archive names presenters; the guild year has more than the facet shows
        assertThat(given().get("/api/years/2024/review").jsonPath().getList("presenters"))
                .isNotEmpty();
        JsonPath guild = given().get("/api/years/" + GUILD_YEAR + "/review").jsonPath();
        assertThat(guild.getInt("totals.presenters")).isEqualTo(GUILD_PRESENTERS);
        assertThat(facet(search(Map.of("year", GUILD_YEAR, "size", 1)), "presenter"))
                .hasSize(30);
    }

    @Test
    void yearOverYearAgreesWithSearch() {
        JsonPath r = given().get("/api/years/2025/review")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(2024, r.getInt("previous_year"));
        assertTrue(r.get("next_year") == null);
        Map<String, Long> before = facet(search(Map.of("year", 2024, "size", 1)), "tag");
        for (Map<String, Object> t : r.<Map<String, Object>>getList("top_technologies")) {
            long previous = ((Number) t.get("previous_topics")).longValue();
            assertEquals(before.getOrDefault(t.get("name"), 0L), previous, "previous year of " + t);
        }
        List<String> fresh = r.getList("new_this_year.name");
        assertFalse(fresh.isEmpty(), "the demo's 2025 brings new technologies");
        for (String tag : fresh) {
            assertEquals(
                    0, search(Map.of("tag", tag, "to", "2024-12-31", "size", 1)).getLong("total"), tag);
            assertTrue(search(Map.of("tag", tag, "year", 2025, "size", 1)).getLong("total") > 0, tag);
        }
        for (String tag : r.<String>getList("disappeared.name")) {
            assertEquals(0, search(Map.of("tag", tag, "year", 2025, "size", 1)).getLong("total"), tag);
            assertTrue(search(Map.of("tag", tag, "year", 2024, "size", 1)).getLong("total") > 0, tag);
        }
        for (Map<String, Object> t : r.<Map<String, Object>>getList("rising")) {
            assertTrue(
                    ((Number) t.get("share")).doubleValue() > ((Number) t.get("previous_share")).doubleValue(), "" + t);
        }
        for (Map<String, Object> t : r.<Map<String, Object>>getList("falling")) {
            assertTrue(
                    ((Number) t.get("share")).doubleValue() < ((Number) t.get("previous_share")).doubleValue(), "" + t);
        }
        // The demo's retrospectives cite earlier issues: 2024's highlights include cited topics, cited later.
        JsonPath y2024 = given().get("/api/years/2024/review").jsonPath();
        List<Map<String, Object>> cited = y2024.getList("highlights.findAll { it.reason == 'referenced' }");
        assertFalse(cited.isEmpty(), "2024 highlights: " + y2024.getList("highlights"));
        for (int i = 0; i < cited.size(); i++) {
            String origin =
                    y2024.getString("highlights.findAll { it.reason == 'referenced' }[" + i + "].topic.issue.date");
            for (String date : y2024.<String>getList(
                    "highlights.findAll { it.reason == 'referenced' }[" + i + "].referenced_by.date")) {
                assertTrue(date.compareTo(origin) > 0, date + " cites " + origin);
            }
        }
    }

    @Test
    void pageShowsTheYearWithNavigationChartsAndSearchLinks() {
        String html = given().get("/years/2024")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        Document page = Jsoup.parse(html);
        assertEquals("/years/2023", page.selectFirst("a[rel=prev]").attr("href"));
        assertEquals("/years/2025", page.selectFirst("a[rel=next]").attr("href"));
        assertEquals(2, page.select("svg.chart").size());
        assertEquals("/review.css", page.selectFirst("link[rel=stylesheet]").attr("href"));
        assertFalse(page.select("a[href^=/search?year=2024&tag=]").isEmpty());
        assertFalse(page.select("a[href=/years/2024/review.html][download]").isEmpty());
        assertFalse(page.select("a[href=/years/2024/review.md][download]").isEmpty());
        JsonPath r = given().get("/api/years/2024/review").jsonPath();
        assertEquals(r.getString("totals.topics"), page.getElementById("topics").text());
        given().get("/review.css").then().statusCode(200).body(containsString(".highlight"));
        given().redirects()
                .follow(false)
                .get("/years")
                .then()
                .statusCode(303)
                .header("Location", containsString("/years/2025"));
    }

    @Test
    void markdownParsesAndLinksEveryHighlight() {
        for (int year : List.of(2023, 2024)) {
            String md = given().get("/years/" + year + "/review.md")
                    .then()
                    .statusCode(200)
                    .contentType(containsString("text/markdown"))
                    .extract()
                    .asString();
            List<String> links = new ArrayList<>();
            Parser.builder().build().parse(md).accept(new AbstractVisitor() {
                @Override
                public void visit(Link link) {
                    links.add(link.getDestination());
                    visitChildren(link);
                }
            });
            JsonPath r = given().get("/api/years/" + year + "/review").jsonPath();
            List<String> highlightLinks = r.getList("highlights.link");
            assertFalse(highlightLinks.isEmpty());
            for (String link : highlightLinks) {
                // exports are published: their links use kaiko.public-url, not the host the request came to
                String expected = link.startsWith("/") ? "https://kaiko.example.org" + link : link;
                assertTrue(links.contains(expected), expected + " not among " + links);
            }
            assertTrue(md.contains("## 今年紹介したトピックの振り返り"));
            assertFalse(md.contains(RestAssured.baseURI + ":" + RestAssured.port), "no link to the test host");
        }
    }

    @Test
    void standaloneHtmlRendersItsChartsWithoutNetwork() throws Exception {
        String html = given().get("/years/2024/review.html")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Document doc = Jsoup.parse(html);
        assertTrue(doc.select("link, script, img, iframe, [src], [style*=url(]").isEmpty(), "nothing to fetch");
        assertFalse(doc.select("style").isEmpty());
        assertEquals(2, doc.select("svg.chart").size());
        assertTrue(doc.select("a[href^=/]").isEmpty(), "links are absolute in a file of its own");
        Path target = Path.of("target");
        Path file = target.resolve("review-2024.html").toAbsolutePath();
        Files.writeString(file, html, StandardCharsets.UTF_8);

        Path chromium = Browser.requireChromium();
        Path png = target.resolve("review-2024.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("kaiko-chromium");
        Process p = new ProcessBuilder(
                        chromium.toString(),
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--proxy-server=127.0.0.1:9",
                        "--proxy-bypass-list=<-loopback>",
                        "--user-data-dir=" + profile,
                        "--hide-scrollbars",
                        "--window-size=1200,2400",
                        "--screenshot=" + png,
                        file.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(target.resolve("chromium.log").toFile())
                .start();
        assertThat(p.waitFor(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS))
                .as("chromium finished")
                .isTrue();
        assertThat(Files.size(png)).as("a non-trivial screenshot").isGreaterThan(30_000);
        var image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        // the monthly chart's bars are drawn in the accent colour: count such pixels
        int accent = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if ((image.getRGB(x, y) & 0xffffff) == 0x3b6fd8) {
                    accent++;
                }
            }
        }
        assertThat(accent).as("chart bars rendered").isGreaterThan(500);
    }

    @Test
    void importsInvalidateTheCachedReview() {
        JsonPath first = given().get("/api/years/2024/review").jsonPath();
        JsonPath again = given().get("/api/years/2024/review").jsonPath();
        assertEquals(first.getLong("computed_ms"), again.getLong("computed_ms"));
        assertEquals(first.getLong("totals.topics"), again.getLong("totals.topics"));
        Corpora.importRaw(
                        "late-2024.json",
                        YearReviewExampleTest.export(YearReviewExampleTest.issue(
                                "Kaiko Weekly",
                                999,
                                "2024-07-05",
                                YearReviewExampleTest.topic("後から追加した話", List.of("Zig"), "ito"))))
                .statusCode(200);
        JsonPath after = given().get("/api/years/2024/review").jsonPath();
        assertEquals(first.getLong("totals.topics") + 1, after.getLong("totals.topics"));
        assertNotEquals(first.getLong("topics_per_month[6].topics"), after.getLong("topics_per_month[6].topics"));
        // The other tests compare with the search API at the time they run, so this extra topic does not upset them.
    }

    private static JsonPath search(Map<String, Object> params) {
        return given().queryParams(params)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Map<String, Long> facet(JsonPath search, String name) {
        Map<String, Long> out = new HashMap<>();
        for (Map<String, Object> v : search.<Map<String, Object>>getList("facets." + name)) {
            out.put((String) v.get("value"), ((Number) v.get("count")).longValue());
        }
        return out;
    }
}
