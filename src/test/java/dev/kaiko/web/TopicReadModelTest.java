package dev.kaiko.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.kaiko.search.TopicCatalog;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.SeedTopics;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Issue 12: the API and the pages read topics and issues from one read model ({@link TopicCatalog}), so a topic's
 * related topics, its issue's table of contents and an issue's topics are the same lists in JSON and in HTML.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicReadModelTest {

    @Inject
    TestData data;

    private boolean loaded;

    @BeforeEach
    void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        data.clear();
        Corpora.importFile(Corpora.seed()).statusCode(200);
        List<Path> weekly = Corpora.twirAndJser();
        Corpora.importFile(weekly.get(0)).statusCode(200); // a JSer.info issue
        Corpora.importFile(weekly.get(weekly.size() - 1)).statusCode(200); // a TWiR issue
    }

    private static long idOf(String query) {
        return given().queryParams(Map.of("q", query))
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("hits[0].id");
    }

    /** Topic ids linked from the page's elements matching the selector, in page order. */
    private static List<Long> linkedIds(Document page, String selector) {
        List<Long> ids = new ArrayList<>();
        page.select(selector).forEach(a -> ids.add(Long.parseLong(a.attr("href").replaceAll("^/topics/", ""))));
        return ids;
    }

    private static Document page(String path) {
        return Jsoup.parse(given().accept("text/html")
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    @Test
    void relatedTopicsAreTheSameInTheApiAndOnThePage() {
        long netkit = idOf("netkit");
        JsonPath api = given().get("/api/topics/" + netkit)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(SeedTopics.NETKIT, api.getString("title"));
        assertTrue(api.getBoolean("related_available"));
        List<Long> apiRelated = api.getList("related.id", Long.class);
        assertFalse(apiRelated.isEmpty());
        assertTrue(apiRelated.size() <= TopicCatalog.RELATED, apiRelated.toString());
        assertEquals(apiRelated, linkedIds(page("/topics/" + netkit), "section[aria-labelledby=related-title] a"));

        // the JSON only grew: every field of before, plus previous/next/related_available; page-only parts stay out
        Map<String, Object> fields = api.getMap("$");
        assertTrue(
                fields.keySet()
                        .containsAll(List.of(
                                "id",
                                "title",
                                "body",
                                "url",
                                "links",
                                "section",
                                "presenter",
                                "tags",
                                "date",
                                "year",
                                "position",
                                "issue",
                                "neighbours",
                                "related",
                                "shared_before",
                                "previous",
                                "next",
                                "related_available")),
                fields.keySet().toString());
        for (String pageOnly : List.of("bodyHtml", "body_html", "issueTopics", "relatedAvailable", "sharedBefore")) {
            assertFalse(fields.containsKey(pageOnly), pageOnly);
        }
        assertTrue(
                api.getMap("related[0]")
                        .keySet()
                        .containsAll(List.of("id", "title", "section", "presenter", "url", "tags", "position")),
                api.getMap("related[0]").keySet().toString());

        // every topic of the seed issue: the same related list, the same table of contents
        List<Long> issueTopics = new ArrayList<>(api.getList("neighbours.id", Long.class));
        issueTopics.add(netkit);
        for (long id : issueTopics) {
            JsonPath t = given().get("/api/topics/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            Document html = page("/topics/" + id);
            assertEquals(
                    t.getList("related.id", Long.class),
                    linkedIds(html, "section[aria-labelledby=related-title] a"),
                    "related of topic " + id);
            List<Long> toc = new ArrayList<>(t.getList("neighbours.id", Long.class));
            assertEquals(toc, linkedIds(html, "ol.toc a"), "table of contents of topic " + id);
        }
    }

    @Test
    void anIssueListsTheSameTopicsInTheApiAndOnThePage() {
        for (Object idObject : given().get("/api/issues")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id")) {
            long id = ((Number) idObject).longValue();
            JsonPath api = given().get("/api/issues/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Long> topics = api.getList("topics.id", Long.class);
            assertEquals(api.getInt("issue.topic_count"), topics.size());
            assertFalse(api.getMap("$").containsKey("sections"));
            assertEquals(topics, linkedIds(page("/issues/" + id), "a.topic-item-title"), "topics of issue " + id);
        }
    }
}
