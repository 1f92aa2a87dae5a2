package dev.kaiko.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * No dead ends: when no topic has every word, the answer is the best results without the word that over-constrained,
 * and the API and the page say which word was left out. Known answers on a constructed archive and the seed.
 */
@QuarkusTest
class RelaxationTest {

    @Inject
    TestData data;

    private static boolean loaded;

    @BeforeEach
    void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        data.clear();
        Corpora.importFile(Corpora.seed()).statusCode(200);
        Corpora.importRaw("relax-weekly-2024-05-10.md", """
                        ---
                        Title: Relax Weekly 2024-05-10
                        Number: 1
                        Date: 2024-05-10
                        ---
                        ## Topics
                        - [Kaniko creates container images without a daemon](https://example.org/kaniko)
                        - [Kaniko caches layers in a registry](https://example.org/kaniko-cache)
                        - [Zyphrix assembles images rootless](https://example.org/zyphrix)
                        """.getBytes()).statusCode(200);
        Corpora.importRaw("relax-weekly-2023-03-03.md", """
                        ---
                        Title: Relax Weekly 2023-03-03
                        Number: 0
                        Date: 2023-03-03
                        ---
                        ## Topics
                        - [Quorvex ships a mirror for base images](https://example.org/quorvex)
                        """.getBytes()).statusCode(200);
    }

    @Test
    void theWordNoTopicHasIsLeftOutAndNamed() {
        // no topic has all three words; without "zebraquux" two do, without "kaniko" or "layers" none or fewer
        JsonPath r = search("kaniko layers zebraquux");
        assertThat(r.getLong("total")).isEqualTo(1);
        assertThat(r.getList("relaxed.dropped", String.class)).containsExactly("zebraquux");
        assertThat(r.getString("relaxed.query")).isEqualTo("kaniko layers");
        assertThat(r.getString("hits[0].title")).isEqualTo("Kaniko caches layers in a registry");
    }

    @Test
    void theDroppedWordIsTheOneWhoseAbsenceFindsMost() {
        // without "zyphrix": 2 Kaniko topics; without "kaniko": 1 Zyphrix topic → "zyphrix" is left out
        JsonPath r = search("kaniko zyphrix");
        assertThat(r.getList("relaxed.dropped", String.class)).containsExactly("zyphrix");
        assertThat(r.getLong("total")).isEqualTo(2);
    }

    @Test
    void vaultAndAWordNoTopicHasFindsTheOpenBaoTopicWithoutThatWord() {
        // "vault fork" is a full match since loanwords (fork ↔ フォーク, LoanwordSearchTest)
        JsonPath r = search("vault zebraquux");
        assertThat(r.getString("hits[0].title")).contains("OpenBao");
        assertThat(r.getList("relaxed.dropped", String.class)).containsExactly("zebraquux");
    }

    @Test
    void theCountsBehindTheChoiceHonourTheFilters() {
        // unfiltered, "kaniko" alone finds two topics and "quorvex" alone one: "quorvex" is left out
        assertThat(search("kaniko quorvex").getList("relaxed.dropped", String.class))
                .containsExactly("quorvex");
        // within 2023 "kaniko" finds nothing and "quorvex" one topic: now "kaniko" is the word to leave out
        JsonPath r = given().queryParam("q", "kaniko quorvex")
                .queryParam("year", "2023")
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(r.getList("relaxed.dropped", String.class)).containsExactly("kaniko");
        assertThat(r.getList("hits.title", String.class)).containsExactly("Quorvex ships a mirror for base images");
        // the same through the date range (a query clause, not a facet)
        JsonPath ranged = given().queryParam("q", "kaniko quorvex")
                .queryParam("to", "2023-12-31")
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(ranged.getList("relaxed.dropped", String.class)).containsExactly("kaniko");
    }

    @Test
    void queriesThatFindSomethingOrCannotBeRelaxedAreNotRelaxed() {
        given().queryParam("q", "kaniko layers").get("/api/search").then().body("relaxed", nullValue());
        // one word: nothing to leave out, an honest zero
        given().queryParam("q", "zebraquux")
                .get("/api/search")
                .then()
                .body("total", equalTo(0))
                .body("relaxed", nullValue());
        // an exclusion is never dropped: leaving it out would answer with what the reader excluded
        JsonPath r = search("kaniko -kaniko zyphrix");
        assertThat(r.getList("relaxed.dropped", String.class)).containsExactly("kaniko");
        assertThat(r.getList("hits.title", String.class)).containsExactly("Zyphrix assembles images rootless");
    }

    @Test
    void thePageSaysWhichWordWasLeftOut() {
        given().accept("text/html")
                .header("Accept-Language", "en")
                .queryParam("q", "kaniko layers zebraquux")
                .get("/search")
                .then()
                .statusCode(200)
                .body(containsString("No topic has all the words — showing results without “zebraquux”."))
                .body(containsString("registry"))
                .body(containsString("Relax Weekly"));
    }

    private static JsonPath search(String q) {
        return given().queryParam("q", q)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
