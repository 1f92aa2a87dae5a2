package dev.kaiko.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Two topics that tie for a technology's highlight (no citations, bodies of the same length) give the same highlight
 * whichever was imported first: ties go by the topic's stable key, not by the id the import order hands out.
 */
@QuarkusTest
class HighlightTieBreakTest {

    @Inject
    TestData data;

    private static final String FIRST = """
            ---
            Title: Tie Weekly 1
            Number: 1
            Date: 2024-04-05
            ---
            ## News
            - [Kubernetes tie zulu](https://example.org/zulu)
            """;

    private static final String SECOND = """
            ---
            Title: Tie Weekly 2
            Number: 2
            Date: 2024-04-12
            ---
            ## News
            - [Kubernetes tie alpha](https://example.org/alpha)
            """;

    @Test
    void theHighlightDoesNotDependOnImportOrder() {
        String forward = highlightAfter(List.of(FIRST, SECOND));
        String backward = highlightAfter(List.of(SECOND, FIRST));
        assertThat(forward).isNotNull().isEqualTo(backward);
    }

    private String highlightAfter(List<String> files) {
        data.clear();
        for (int i = 0; i < files.size(); i++) {
            Corpora.importRaw("tie-" + i + ".md", files.get(i).getBytes()).statusCode(200);
        }
        return given().get("/api/years/2024/review")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("highlights.find { it.technology == 'Kubernetes' }.topic.title");
    }
}
