package dev.kaiko.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.kaiko.model.LinkKey;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The site facet (the domain of a topic's link): its filter, its counts in the API and its block on the page. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteFacetTest {

    /** Five topics on three sites, spelt as archives spell them (www., upper case, a port, http). */
    static final String FIXTURE = """
            {"series": "Site Weekly", "list": [
              {"date": "2024-03-04T10:00:00Z", "title": "Cilium 1.15 released",
               "url": "https://github.com/cilium/cilium/releases", "content": "Release notes.", "tags": []},
              {"date": "2024-03-05T10:00:00Z", "title": "The Rust compiler repository",
               "url": "https://www.GitHub.com/rust-lang/rust/", "content": "Where rustc lives.", "tags": []},
              {"date": "2024-03-06T10:00:00Z", "title": "Announcing Rust 1.76.0",
               "url": "https://blog.rust-lang.org/2024/02/08/Rust-1.76.0.html", "content": "ABI notes.", "tags": []},
              {"date": "2024-03-07T10:00:00Z", "title": "Inside Rust: the compiler team",
               "url": "http://Blog.Rust-Lang.org:8080/inside-rust/", "content": "Team news.", "tags": []},
              {"date": "2024-03-08T10:00:00Z", "title": "Envoy as a sidecar proxy",
               "url": "https://www.example.org/envoy", "content": "A sidecar proxy.", "tags": []}
            ]}
            """;

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
        Corpora.importRaw("sites.json", FIXTURE.getBytes(StandardCharsets.UTF_8))
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> search(Map.of()).getLong("total") == 5);
    }

    static JsonPath search(Map<String, ?> params) {
        return given().queryParams(params)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** value → [count, selected] of one facet of an answer. */
    static Map<String, List<Object>> facet(JsonPath answer, String name) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> v : answer.<Map<String, Object>>getList("facets." + name)) {
            out.put((String) v.get("value"), List.of(((Number) v.get("count")).longValue(), v.get("selected")));
        }
        return out;
    }

    @Test
    void everyTopicCountsUnderItsLinksDomain() {
        JsonPath all = search(Map.of());
        assertThat(facet(all, "site"))
                .containsExactly(
                        Map.entry("blog.rust-lang.org", List.of(2L, false)),
                        Map.entry("github.com", List.of(2L, false)),
                        Map.entry("example.org", List.of(1L, false)));
        // the other facets are still there, the new one added after them (extend, never break)
        assertThat(all.getMap("facets").keySet())
                .containsExactlyInAnyOrder("year", "tag", "label", "presenter", "series", "section", "site");
    }

    @Test
    void filteringBySiteFindsOnlyItsTopicsAndCountsTheOtherSites() {
        JsonPath github = search(Map.of("site", "github.com"));
        assertThat(github.getLong("total")).isEqualTo(2);
        assertThat(github.getList("hits.url", String.class))
                .hasSize(2)
                .allSatisfy(url -> assertThat(LinkKey.site(url)).isEqualTo("github.com"));
        // disjunctive: the site's own counts ignore its selection, so the other sites show what they would add
        assertThat(facet(github, "site"))
                .containsEntry("github.com", List.of(2L, true))
                .containsEntry("blog.rust-lang.org", List.of(2L, false))
                .containsEntry("example.org", List.of(1L, false));
        // the other facets count within the selection
        assertThat(facet(github, "year")).containsExactly(Map.entry("2024", List.of(2L, false)));

        JsonPath two = given().queryParam("site", "github.com", "blog.rust-lang.org")
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(two.getLong("total")).isEqualTo(4);
        assertThat(two.getList("hits.url", String.class))
                .allSatisfy(url -> assertThat(LinkKey.site(url)).isIn("github.com", "blog.rust-lang.org"));

        // with words: AND-ed with the text
        JsonPath rust = search(Map.of("q", "compiler", "site", "blog.rust-lang.org"));
        assertThat(rust.getList("hits.title", String.class)).containsExactly("Inside Rust: the compiler team");

        // a site no topic has: nothing found, the selection still shown (with 0) so it can be removed
        JsonPath none = search(Map.of("site", "gitlab.com"));
        assertThat(none.getLong("total")).isZero();
        assertThat(facet(none, "site")).containsEntry("gitlab.com", List.of(0L, true));
    }

    @Test
    void siteIsValidatedLikeTheOtherFacets() {
        given().queryParam("site", "x".repeat(201))
                .get("/api/search")
                .then()
                .statusCode(400)
                .body("parameter", org.hamcrest.Matchers.equalTo("site"));
    }

    @Test
    void theSiteOfALinkIsItsHostAsLinkKeysSpellIt() {
        assertThat(LinkKey.site("https://www.GitHub.com/a/b?x=1#c")).isEqualTo("github.com");
        assertThat(LinkKey.site("http://user@Blog.Rust-Lang.org.:8080/x")).isEqualTo("blog.rust-lang.org");
        assertThat(LinkKey.site("<//docs.example.org/>")).isEqualTo("docs.example.org");
        assertThat(LinkKey.site("https://例え.jp/")).isEqualTo("xn--r8jz45g.jp");
        assertThat(LinkKey.site("mailto:a@example.org")).isNull();
        assertThat(LinkKey.site("/relative/path")).isNull();
        assertThat(LinkKey.site(null)).isNull();
    }

    @Test
    void theSearchPageShowsTheSiteFacet() {
        given().get("/search?site=github.com")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<fieldset class=\"facet facet-site\">"),
                        containsString("<legend>Site</legend>"),
                        containsString("name=\"site\" value=\"github.com\" checked"),
                        containsString("name=\"site\" value=\"blog.rust-lang.org\""),
                        containsString("The Rust compiler repository"),
                        // its chip removes it
                        containsString("class=\"chip chip-removable\" href=\"/search\"")));
        given().get("/search?lang=ja").then().statusCode(200).body(containsString("<legend>サイト</legend>"));
    }

    @Test
    void openApiDocumentsTheSiteParameter() {
        JsonPath doc = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(doc.getList("paths.'/api/search'.get.parameters.name", String.class))
                .contains("q", "year", "tag", "label", "presenter", "series", "section", "issue", "site");
    }
}
