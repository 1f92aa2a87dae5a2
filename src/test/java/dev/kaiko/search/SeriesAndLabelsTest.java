package dev.kaiko.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;
import dev.kaiko.tagging.Taxonomy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Series and labels as search dimensions, on the seed, the demo archive and the TWiR and JSer.info 2023 corpora:
 * every figure shown is checked against the database or against the search it stands for.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesAndLabelsTest {

    /** JSer.info's own tags that say what kind of item it is, not which technology: labels. */
    static final List<String> JSER_LABELS = List.of("ReleaseNote", "article", "library", "Tools");

    @Inject
    TestData data;

    @Inject
    EntityManager em;

    @Inject
    Taxonomy taxonomy;

    private boolean imported;

    // once per class, but in @BeforeEach: REST Assured knows the test application's port only from there
    @BeforeEach
    void importArchive() throws IOException {
        if (imported) {
            return;
        }
        imported = true;
        data.clear();
        Corpora.importFile(Corpora.seed()).statusCode(200);
        for (String name :
                resource("/demo/index.txt").lines().filter(l -> !l.isBlank()).toList()) {
            Corpora.importRaw(name, resource("/demo/" + name).getBytes(StandardCharsets.UTF_8))
                    .statusCode(200);
        }
        Corpora.multipart(Corpora.twirAndJser()).post("/api/imports").then().statusCode(200);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = SeriesAndLabelsTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> sql(String query) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(query).getResultList());
    }

    /** Topics per series, straight from the database. */
    private Map<String, Long> topicsPerSeries() {
        Map<String, Long> out = new TreeMap<>();
        for (Object[] r : sql(
                "select i.series, count(t.id) from issue i join topic t on t.issue_id = i.id" + " group by i.series")) {
            out.put((String) r[0], ((Number) r[1]).longValue());
        }
        return out;
    }

    private static Map<String, Long> counts(JsonPath result, String facet) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map<String, Object> v : result.<Map<String, Object>>getList("facets." + facet)) {
            out.put((String) v.get("value"), ((Number) v.get("count")).longValue());
        }
        return out;
    }

    @Test
    void seriesFacetCountsAreThePerSeriesTotals() {
        Map<String, Long> expected = topicsPerSeries();
        assertThat(expected).containsKeys("Neco Weekly", "Kaiko Weekly", "This Week in Rust");
        assertThat(expected).hasSizeGreaterThanOrEqualTo(4);

        Map<String, Long> facet = counts(CorpusSearchTest.search(Map.of()), "series");
        assertThat(facet).containsExactlyInAnyOrderEntriesOf(expected);
        for (var e : facet.entrySet()) {
            assertThat(CorpusSearchTest.total(Map.of("series", e.getKey())))
                    .as(e.getKey())
                    .isEqualTo(e.getValue());
        }
        // within a text search too: each count is what filtering by that series finds
        for (var e :
                counts(CorpusSearchTest.search(Map.of("q", "React")), "series").entrySet()) {
            assertThat(CorpusSearchTest.total(Map.of("q", "React", "series", e.getKey())))
                    .as("React in " + e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void seriesFacetIsDisjunctive() {
        Map<String, Long> all = topicsPerSeries();
        JsonPath rust = CorpusSearchTest.search(Map.of("series", "This Week in Rust"));
        assertThat(rust.getLong("total")).isEqualTo(all.get("This Week in Rust"));
        assertThat(rust.getList("hits.issue.series", String.class)).containsOnly("This Week in Rust");
        // the other series keep their own counts, so ticking one more shows what it adds
        assertThat(counts(rust, "series")).containsExactlyInAnyOrderEntriesOf(all);
        assertThat(rust.getBoolean("facets.series.find { it.value == 'This Week in Rust' }.selected"))
                .isTrue();
        assertThat(rust.getBoolean("facets.series.find { it.value == 'Neco Weekly' }.selected"))
                .isFalse();
        // values of one facet are OR-ed; the other facets count within the selection
        assertThat(CorpusSearchTest.total(Map.of("series", List.of("This Week in Rust", "Neco Weekly"))))
                .isEqualTo(all.get("This Week in Rust") + all.get("Neco Weekly"));
        assertThat(counts(rust, "year")).containsOnlyKeys("2023");
    }

    @Test
    void apiSeriesFiguresEqualTheDatabase() {
        List<Map<String, Object>> expected = new ArrayList<>();
        for (Object[] r : sql("select i.series, count(distinct i.id), count(t.id), min(i.published), max(i.published)"
                + " from issue i left join topic t on t.issue_id = i.id group by i.series order by i.series")) {
            expected.add(Map.of(
                    "name", r[0],
                    "issues", ((Number) r[1]).intValue(),
                    "topics", ((Number) r[2]).intValue(),
                    "first_date", r[3].toString(),
                    "last_date", r[4].toString()));
        }
        List<Map<String, Object>> actual = given().get("/api/series")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(actual).isEqualTo(expected);
        // known answers: the demo archive is 12 issues from 2024-01-12 to 2025-12-19, the seed one issue
        assertThat(actual).anySatisfy(s -> {
            assertThat(s.get("name")).isEqualTo("Kaiko Weekly");
            assertThat(s.get("issues")).isEqualTo(12);
            assertThat(s.get("first_date")).isEqualTo("2024-01-12");
            assertThat(s.get("last_date")).isEqualTo("2025-12-19");
        });
        assertThat(actual).anySatisfy(s -> {
            assertThat(s.get("name")).isEqualTo("Neco Weekly");
            assertThat(s.get("issues")).isEqualTo(1);
            assertThat(s.get("first_date")).isEqualTo("2023-12-22");
        });
    }

    @Test
    void jserLabelsAreLabelsAndNeverTechnologies() {
        for (String label : JSER_LABELS) {
            assertThat(taxonomy.find(label))
                    .as(label + " is unknown to the taxonomy")
                    .isEmpty();
        }
        JsonPath everything = CorpusSearchTest.search(Map.of());
        Map<String, Long> labels = counts(everything, "label");
        assertThat(labels).containsKeys(JSER_LABELS.toArray(String[]::new));
        for (String label : JSER_LABELS) {
            long stored = ((Number) sql("select count(distinct topic_id), 0 from topic_effective_tag where name = '"
                                    + label + "'")
                            .get(0)[0])
                    .longValue();
            assertThat(stored).as(label + " in the database").isPositive();
            assertThat(labels.get(label)).as(label).isEqualTo(stored);
            assertThat(CorpusSearchTest.total(Map.of("label", label)))
                    .as("label=" + label)
                    .isEqualTo(stored);
            // not in the technology filter either
            assertThat(CorpusSearchTest.total(Map.of("tag", label)))
                    .as("tag=" + label)
                    .isZero();
        }
        // the technology facet holds technologies only, by their canonical names
        for (String q : List.of("", "React", "リリース")) {
            for (String tag :
                    counts(CorpusSearchTest.search(Map.of("q", q)), "tag").keySet()) {
                assertThat(taxonomy.find(tag)).as("tag facet value " + tag).isPresent();
                assertThat(taxonomy.find(tag).get().name()).isEqualTo(tag);
            }
        }
        // hits: tags are technologies, labels listed apart
        JsonPath releases = CorpusSearchTest.search(Map.of("label", "ReleaseNote", "size", 100));
        assertThat(releases.getList("hits.labels", List.class))
                .allSatisfy(l -> assertThat(l).contains("ReleaseNote"));
        for (List<String> tags : releases.<List<String>>getList("hits.tags")) {
            assertThat(tags).allSatisfy(t -> assertThat(taxonomy.find(t)).isPresent());
            assertThat(tags).doesNotContainAnyElementsOf(JSER_LABELS);
        }
        // GET /api/tags and the /tags page: technologies only
        List<String> catalogue = given().get("/api/tags")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("name");
        assertThat(catalogue).isNotEmpty().doesNotContainAnyElementsOf(JSER_LABELS);
        assertThat(catalogue).allSatisfy(t -> assertThat(taxonomy.find(t)).as(t).isPresent());
        assertThat(catalogue).doesNotHaveDuplicates();
        // a topic's page lists its labels apart from its technologies
        long releaseTopic = releases.getLong("hits[0].id");
        String topicPage = given().get("/topics/" + releaseTopic)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(topicPage).contains("class=\"chips topic-labels\"");
        assertThat(topicPage.substring(topicPage.indexOf("topic-labels")))
                .contains("href=\"/search?label=ReleaseNote\"");
        if (topicPage.contains("topic-tags")) {
            assertThat(topicPage.substring(topicPage.indexOf("topic-tags"), topicPage.indexOf("topic-labels")))
                    .doesNotContain(">ReleaseNote<");
        }
        String page = given().get("/tags").then().statusCode(200).extract().asString();
        assertThat(page).contains("<span class=\"tag-name\">TypeScript</span>");
        for (String label : JSER_LABELS) {
            assertThat(page).doesNotContain("<span class=\"tag-name\">" + label + "</span>");
        }
    }

    @Test
    void technologyCountsAgreeBetweenCatalogueAndSearch() {
        // JSer.info tags Node.js as "node.js" and "nodejs": both are the one technology Node.js
        long nodeTopics = ((Number) sql("select count(distinct topic_id), 0 from topic_effective_tag"
                                + " where name in ('Node.js', 'node.js', 'nodejs')")
                        .get(0)[0])
                .longValue();
        assertThat(nodeTopics).isPositive();
        Map<String, Object> node = given().get("/api/tags")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("find { it.name == 'Node.js' }");
        assertThat(((Number) node.get("topics")).longValue()).isEqualTo(nodeTopics);
        assertThat(CorpusSearchTest.total(Map.of("tag", "Node.js"))).isEqualTo(nodeTopics);
    }

    @Test
    void labelFacetWithinASeriesCountsThatSeriesLabels() {
        // the right answer, from the database and the rule: TWiR's stored tags the taxonomy does not know
        Map<String, Long> expected = new TreeMap<>();
        for (Object[] r : sql("select tt.name, count(distinct t.id) from topic_effective_tag tt join topic t"
                + " on t.id = tt.topic_id join issue i on i.id = t.issue_id"
                + " where i.series = 'This Week in Rust' group by tt.name")) {
            if (taxonomy.find((String) r[0]).isEmpty()) {
                expected.put((String) r[0], ((Number) r[1]).longValue());
            }
        }
        JsonPath rust = CorpusSearchTest.search(Map.of("series", "This Week in Rust"));
        // TWiR carries no archive tags: its label facet is honestly empty
        assertThat(new TreeMap<>(counts(rust, "label"))).isEqualTo(expected);
        // a label filter and a series filter are AND-ed: JSer.info's label within TWiR finds nothing
        assertThat(CorpusSearchTest.total(Map.of("series", "This Week in Rust", "label", "ReleaseNote")))
                .isZero();
        // and the demo's labels are counted within the demo's series, JSer.info's are not
        Map<String, Long> demo = counts(CorpusSearchTest.search(Map.of("series", "Kaiko Weekly")), "label");
        assertThat(demo).doesNotContainKeys(JSER_LABELS.toArray(String[]::new));
    }

    @Test
    void seriesPageListsItsIssuesByYear() {
        String html = given().get("/series/Kaiko Weekly")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        // newest year first, each year with the issues of that year
        Map<Integer, Long> perYear = new LinkedHashMap<>();
        for (Object[] r : sql("select extract(year from published), count(*) from issue where series = 'Kaiko Weekly'"
                + " group by 1 order by 1 desc")) {
            perYear.put(((Number) r[0]).intValue(), ((Number) r[1]).longValue());
        }
        assertThat(perYear).containsOnlyKeys(2025, 2024);
        Matcher years = Pattern.compile("<h2 id=\"year-(\\d+)\">").matcher(html);
        List<Integer> shown = new ArrayList<>();
        while (years.find()) {
            shown.add(Integer.parseInt(years.group(1)));
        }
        assertThat(shown).containsExactly(2025, 2024);
        String[] sections = html.split("<h2 id=\"year-");
        for (int i = 1; i < sections.length; i++) {
            int year = Integer.parseInt(sections[i].substring(0, 4));
            Matcher items = Pattern.compile(
                            "<li class=\"issue-item\"><a href=\"/issues/\\d+\">Kaiko Weekly( #\\d+)?</a>")
                    .matcher(sections[i]);
            long n = 0;
            while (items.find()) {
                n++;
            }
            assertThat(n).as("issues of " + year).isEqualTo(perYear.get(year));
            assertThat(sections[i]).doesNotContain(String.valueOf(year == 2025 ? 2024 : 2025) + "-");
        }
        assertThat(html).contains("href=\"/search?series=Kaiko%20Weekly\"");
        given().get("/series/No Such Weekly").then().statusCode(404);
    }

    @Test
    void issueNumbersAreShownWithTheirSeries() {
        JsonPath seed = CorpusSearchTest.search(Map.of("series", "Neco Weekly", "size", 1));
        Map<String, Object> issue = seed.getMap("hits[0].issue");
        assertThat(issue).containsKeys("id", "series", "number", "title", "date");
        assertThat(issue.get("series")).isEqualTo("Neco Weekly");
        assertThat(issue.get("number")).isEqualTo(47);
        long issueId = ((Number) issue.get("id")).longValue();
        long topicId = seed.getLong("hits[0].id");

        String issuePage = text(given().get("/issues/" + issueId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(issuePage).contains("Neco Weekly #47");
        String topicPage = given().get("/topics/" + topicId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(topicPage).contains("href=\"/series/Neco%20Weekly\"");
        assertThat(text(topicPage)).contains("Neco Weekly #47");
        String results = text(given().queryParam("series", "Neco Weekly")
                .get("/search")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(results).contains("Neco Weekly #47");
        // wherever "#47" appears, it follows the series name
        for (String page : List.of(issuePage, text(topicPage), results)) {
            assertThat(page).doesNotContainPattern("(?<!Neco Weekly )#47(?![0-9a-fA-F])");
        }
    }

    @Test
    void searchPageOffersSeriesAndLabelFacets() {
        String html = given().queryParam("series", "Neco Weekly")
                .queryParam("label", "ReleaseNote")
                .get("/search")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(html).contains("class=\"facet facet-series\"").contains("class=\"facet facet-label\"");
        // the selected series is ticked and links to its page; the chips show both filters
        assertThat(html).containsPattern("name=\"series\" value=\"Neco Weekly\" checked");
        assertThat(html).contains("href=\"/series/Neco%20Weekly\"");
        assertThat(html).contains("name=\"label\" value=\"ReleaseNote\" checked");
        String labels = given().get("/search?label=ReleaseNote")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(labels).contains("class=\"chips hit-labels\"").contains("href=\"/search?label=ReleaseNote\"");
        // labels are not in the technology facet of the page either
        String techFacet = labels.substring(labels.indexOf("facet facet-tag"), labels.indexOf("facet facet-label"));
        for (String label : JSER_LABELS) {
            assertThat(techFacet).doesNotContain("value=\"" + label + "\"");
        }
    }

    @Test
    void badSeriesAndLabelFiltersAreRefusedNamingTheParameter() {
        given().queryParam("series", "x".repeat(201))
                .get("/api/search")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("series"));
        var tooMany = given();
        for (int i = 0; i < 51; i++) {
            tooMany = tooMany.queryParam("label", "l" + i);
        }
        tooMany.get("/api/search").then().statusCode(400).body("parameter", equalTo("label"));
        // an unknown series is no error: it just finds nothing, and stays listed as selected
        JsonPath none = CorpusSearchTest.search(Map.of("series", "No Such Weekly"));
        assertThat(none.getLong("total")).isZero();
        assertThat(none.getBoolean("facets.series.find { it.value == 'No Such Weekly' }.selected"))
                .isTrue();
    }

    /** The page's text, tags removed and spaces collapsed. */
    private static String text(String html) {
        return html.replaceAll("<[^>]+>", "").replaceAll("\\s+", " ");
    }
}
