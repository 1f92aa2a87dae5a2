package dev.kaiko.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A hostile address never reaches the year review or its exports: readers refuse it at import, and a row stored
 * before that rule (put here by SQL, as an older database may hold it) is not shown as a link either. The
 * standalone review.html, published without Kaiko's headers, carries its own Content-Security-Policy.
 */
@QuarkusTest
class HostileLinkExportTest {

    private static final String ISSUE = """
            ---
            title: Hostile Weekly #7
            series: Hostile Weekly
            number: 7
            date: 2024-03-01
            url: "javascript:alert(1)"
            ---
            ## Topics

            ### Click here

            [click](javascript:alert(4)) and [data](data:text/html,x)

            ### Kubernetes news

            Kubernetes 1.30 [released](https://kubernetes.io/blog/).
            """;

    @Inject
    TestData data;

    @Inject
    YearInReview reviews;

    @Inject
    EntityManager em;

    @Test
    void importRefusesHostileLinksAndTheExportsShowNoneOfAStoredOne() throws Exception {
        data.clear();
        reviews.invalidate();
        Corpora.importRaw("hostile-weekly-7.md", ISSUE.getBytes(StandardCharsets.UTF_8))
                .statusCode(200);

        // the reader kept no hostile address
        assertThat(sql("select coalesce(url, '-') from issue where series = 'Hostile Weekly'"))
                .containsExactly("-");
        assertThat(sql("select coalesce(url, '-') || ' ' || array_to_string(links, ' ') from topic order by position"))
                .containsExactly("- ", "https://kubernetes.io/blog/ https://kubernetes.io/blog/");

        // as an older database may hold them: hostile addresses, and a title with markup
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update issue set url = ' JaVaScRiPt:alert(5)' where series = 'Hostile Weekly'")
                    .executeUpdate();
            em.createNativeQuery("""
                    update topic set url = 'javascript:alert(4)', links = array['javascript:alert(4)', 'data:text/html,x'],
                        title = '<img src=x onerror=alert(6)>Click'
                    where title = 'Click here'""").executeUpdate();
        });
        long picked = Long.parseLong(sql("select id::text from topic where url = 'javascript:alert(4)'")
                .get(0));
        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .contentType(ContentType.JSON)
                .body(List.of(Map.of("topic", picked, "note", "picked")))
                .put("/api/years/2024/picks")
                .then()
                .statusCode(200);
        reviews.invalidate();

        String standalone = given().get("/years/2024/review.html")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Document html = Jsoup.parse(standalone);
        Element pick = html.selectFirst("article.highlight.pick[data-topic=" + picked + "]");
        assertThat(pick).as("the picked topic is in the export").isNotNull();
        assertNoHostileLink(html);
        assertThat(standalone.toLowerCase(Locale.ROOT)).doesNotContain("javascript:", "data:text/html", "<img");
        assertThat(pick.select("h3").text()).contains("<img src=x onerror=alert(6)>Click");

        // its own CSP, before the stylesheet it allows by hash, and nothing else
        Element csp = html.selectFirst("head meta[http-equiv=Content-Security-Policy]");
        assertThat(csp).as("CSP meta").isNotNull();
        String policy = csp.attr("content");
        assertThat(policy)
                .contains("default-src 'none'", "script-src 'none'", "object-src 'none'", "base-uri 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        Element style = html.selectFirst("head style");
        assertThat(csp.elementSiblingIndex()).isLessThan(style.elementSiblingIndex());
        String hash = Base64.getEncoder()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(style.data().getBytes(StandardCharsets.UTF_8)));
        assertThat(policy).contains("style-src 'sha256-" + hash + "'");
        assertThat(html.select("[style]"))
                .as("inline style attributes the CSP would block")
                .isEmpty();
        assertThat(html.select("script")).isEmpty();

        // the page (with the site's headers) and the other exports do not show the stored address either
        Document page = Jsoup.parse(
                given().get("/years/2024").then().statusCode(200).extract().asString());
        assertNoHostileLink(page);
        String md = given().get("/years/2024/review.md")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(md.toLowerCase(Locale.ROOT))
                .doesNotContain("javascript:", "data:text/html")
                .doesNotContainPattern("(?<!\\\\)<img"); // escaped markup is text
        String json = given().get("/api/years/2024/review")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(json.toLowerCase(Locale.ROOT)).doesNotContain("javascript:", "data:text/html");
    }

    private static void assertNoHostileLink(Document doc) {
        assertThat(doc.select("[href], [src], [action], [formaction]")).allSatisfy(e -> {
            String url =
                    (e.hasAttr("href") ? e.attr("href") : e.attr("src")).strip().toLowerCase(Locale.ROOT);
            assertThat(url).doesNotContain("script:").doesNotStartWith("data:").doesNotStartWith("//");
        });
    }

    @SuppressWarnings("unchecked")
    private List<String> sql(String query) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (List<String>) em.createNativeQuery(query).getResultList());
    }
}
