package dev.kaiko.search;

import static dev.kaiko.search.RelatedTopicsTest.idOf;
import static dev.kaiko.search.RelatedTopicsTest.pageRelated;
import static dev.kaiko.search.RelatedTopicsTest.topic;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Related topics on a constructed archive whose right answers are known: every text is made of words no other topic
 * has (so content similarity decides nothing), and the tags are chosen among technologies the taxonomy knows (tags
 * it does not know are labels, which never make topics related): {@code Haskell} on 31 of 39 topics,
 * {@code Erlang} on 4, {@code OCaml} on 3, {@code Elixir} on 2.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelatedRarityTest {

    @Inject
    TestData data;

    @Inject
    TagRarity rarity;

    private final Random random = new Random(13);
    private final Set<String> used = new HashSet<>();
    /** Fixture topic titles by role. */
    private final Map<String, String> titles = new LinkedHashMap<>();

    private boolean loaded;

    /** A word of letters that no corpus and no other fixture topic has. */
    private String word() {
        while (true) {
            StringBuilder w = new StringBuilder("zq");
            for (int i = 0; i < 7; i++) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            if (used.add(w.toString())) {
                return w.toString();
            }
        }
    }

    private String item(String role, String url, String date, String... tags) {
        String title = word() + " " + word() + " " + word();
        if (role != null) {
            titles.put(role, title);
        }
        String body = word() + " " + word() + " " + word() + " " + word() + " " + word();
        StringBuilder t = new StringBuilder();
        for (String tag : tags) {
            t.append(t.isEmpty() ? "" : ", ").append('"').append(tag).append('"');
        }
        return """
                {"date": "%s", "title": "%s", "url": "%s", "content": "%s", "tags": [%s]}""".formatted(date, title, url != null ? url : "https://example.org/" + word(), body, t);
    }

    private static String feed(List<String> items) {
        return "{\"series\": \"Kaiko Fixture\", \"list\": [" + String.join(",\n", items) + "]}";
    }

    @BeforeEach
    void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        data.clear();
        String date = "2026-03-02";
        List<String> items = new ArrayList<>();
        items.add(item("Q", null, date, "Haskell", "OCaml"));
        items.add(item("R", "https://example.org/rare-article", date, "OCaml"));
        // the same article again (another spelling of its link): one of the two at most
        items.add(item("D", "https://www.example.org/rare-article/?utm_source=x", date, "OCaml"));
        items.add(item("Q2", null, date, "Erlang", "Elixir"));
        items.add(item("R2", null, date, "Elixir"));
        for (String c : List.of("C2a", "C2b", "C2c")) {
            items.add(item(c, null, date, "Erlang"));
        }
        for (int i = 1; i <= 30; i++) {
            items.add(item("F" + i, null, date, "Haskell"));
        }
        items.add(item("N", null, date));
        Corpora.importRaw("kaiko-fixture.json", feed(items).getBytes(StandardCharsets.UTF_8))
                .statusCode(200);
    }

    private long id(String role) {
        return idOf(titles.get(role));
    }

    private List<Long> related(String role) {
        long id = id(role);
        JsonPath t = topic(id);
        List<Long> api = t.getList("related.id", Long.class);
        assertThat(pageRelated(id)).as("page of " + role).isEqualTo(api);
        assertThat(api).as(role).doesNotContain(id);
        return api;
    }

    @Test
    @Order(1)
    void theArchiveIsAsConstructed() {
        TagRarity.Table table = rarity.table();
        assertThat(table.topics()).isEqualTo(39);
        assertThat(table.df("Haskell")).isEqualTo(31);
        assertThat(table.df("Erlang")).isEqualTo(4);
        assertThat(table.df("OCaml")).isEqualTo(3);
        assertThat(table.df("Elixir")).isEqualTo(2);
        assertThat(topic(id("Q")).getList("tags", String.class)).containsExactlyInAnyOrder("Haskell", "OCaml");
        assertThat(topic(id("N")).getList("tags", String.class)).isEmpty();
    }

    @Test
    @Order(2)
    void aCommonSharedTechnologyNeverMakesATopicRelatedOnItsOwn() {
        // Q shares OCaml with R and D (one article: only one of them) and Haskell with 30 fillers
        List<Long> q = related("Q");
        assertThat(q).hasSize(1);
        assertThat(q.get(0)).isIn(id("R"), id("D"));
        // a filler shares only the common technology: honestly nothing
        JsonPath f1 = topic(id("F1"));
        assertThat(f1.getList("related", Object.class)).isEmpty();
        assertThat(f1.getBoolean("related_available")).isTrue();
        assertThat(f1.getString("related_reason")).isEqualTo("none_found");
    }

    @Test
    @Order(3)
    void aRarerSharedTechnologyOutranksAMoreCommonOne() {
        // Elixir (2 topics) against Erlang (4 topics): both qualify, the rarer one first
        List<Long> q2 = related("Q2");
        assertThat(q2).hasSize(4);
        assertThat(q2.get(0)).isEqualTo(id("R2"));
        assertThat(q2.subList(1, 4)).containsExactlyInAnyOrder(id("C2a"), id("C2b"), id("C2c"));
    }

    @Test
    @Order(4)
    void aTopicWithNoTechnologyAndUniqueTextHasNoneFound() {
        long n = id("N");
        JsonPath t = topic(n);
        assertThat(t.getList("related", Object.class)).isEmpty();
        assertThat(t.getBoolean("related_available")).isTrue();
        assertThat(t.getString("related_reason")).isEqualTo("none_found");
        var page = Jsoup.parse(given().accept("text/html")
                .get("/topics/" + n)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(page.select("section[aria-labelledby=related-title] .related-none")
                        .text())
                .contains("No related topics");
        assertThat(page.select("section[aria-labelledby=related-title] a")).isEmpty();
        assertThat(page.select(".related-unavailable")).isEmpty();
    }

    @Test
    @Order(5)
    void aTechnologyStopsBeingCommonAsTheArchiveGrows() {
        // 400 more topics without tags: Haskell is now on 31 of 439 (7 %), no longer common, so the filler that
        // had nothing now has the other fillers; the rarer OCaml still ranks first for Q
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            more.add(item(null, null, "2026-04-06"));
        }
        Corpora.importRaw("kaiko-fixture-more.json", feed(more).getBytes(StandardCharsets.UTF_8))
                .statusCode(200);
        assertThat(rarity.table().topics()).isEqualTo(439);
        List<Long> f1 = related("F1");
        assertThat(f1).hasSize(RelatedTopics.COUNT);
        Set<Long> commonCarriers = new HashSet<>();
        for (int i = 2; i <= 30; i++) {
            commonCarriers.add(id("F" + i));
        }
        commonCarriers.add(id("Q"));
        assertThat(commonCarriers).containsAll(f1);
        List<Long> q = related("Q");
        assertThat(q.get(0)).isIn(id("R"), id("D"));
        assertThat(q).hasSize(RelatedTopics.COUNT).doesNotContain(q.get(0) == id("R") ? id("D") : id("R"));
    }
}
