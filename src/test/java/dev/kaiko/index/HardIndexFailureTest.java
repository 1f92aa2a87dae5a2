package dev.kaiko.index;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;
import dev.kaiko.tagging.Taxonomy;
import dev.kaiko.tagging.TaxonomyInUse;
import dev.kaiko.tagging.TechnologyTagger;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A topic whose document cannot be built — the taxonomy the document's tag bridge asks for throws an
 * {@link OutOfMemoryError}, as building a document for a huge item once did — is parked at once as a dead letter,
 * never retried in a loop; the import says "failed" and names it; what was indexed before stays searchable; the service
 * stays ready and live (the poller and the watchdog keep running) and the next import is indexed as usual.
 *
 * <p>The failure is injected by replacing Kaiko's own {@link TaxonomyInUse} bean for this test only (QuarkusMock):
 * while armed, every document build fails hard; PostgreSQL and OpenSearch stay the real ones.
 */
@QuarkusTest
class HardIndexFailureTest {

    @Inject
    TestData data;

    @Inject
    TaxonomyInUse taxonomies;

    /** Kaiko's taxonomy as usual, except that while armed asking for it fails as running out of memory does. */
    @jakarta.enterprise.inject.Vetoed // not a bean: installed by hand for this test only
    static final class FailingTaxonomy extends TaxonomyInUse {
        private final Taxonomy taxonomy;
        private final Taxonomy configured;
        private final TechnologyTagger tagger;
        volatile boolean armed;

        FailingTaxonomy(TaxonomyInUse real) {
            taxonomy = real.taxonomy();
            configured = real.configured();
            tagger = real.tagger();
        }

        @Override
        public Taxonomy taxonomy() {
            if (armed) {
                throw new OutOfMemoryError("Java heap space (injected by HardIndexFailureTest)");
            }
            return taxonomy;
        }

        @Override
        public Taxonomy configured() {
            return configured;
        }

        @Override
        public TechnologyTagger tagger() {
            return tagger;
        }

        @Override
        public void refresh() {}

        @Override
        public synchronized void reload() {}
    }

    private FailingTaxonomy failing;

    @BeforeEach
    void empty() {
        data.clear();
        failing = new FailingTaxonomy(taxonomies);
        QuarkusMock.installMockForType(failing, TaxonomyInUse.class);
    }

    @AfterEach
    void disarm() {
        failing.armed = false;
        data.clear();
    }

    @Test
    void aRowThatFailsHardIsParkedAndTheServiceStaysUp() {
        Corpora.importRaw("hard-weekly-2024-05-31.md", """
                        ---
                        Title: Hard Weekly 2024-05-31
                        Number: 6
                        Date: 2024-05-31
                        ---
                        ## Topics
                        - [Kyverno policies quuxzebra](https://example.org/kyverno)
                        - [Falco rules quuxzebra](https://example.org/falco)
                        """.getBytes())
                .statusCode(200)
                .body("indexing", equalTo("done"));

        failing.armed = true;
        Map<String, Object> report = Corpora.importRaw("hard-weekly-2024-06-07.md", """
                        ---
                        Title: Hard Weekly 2024-06-07
                        Number: 7
                        Date: 2024-06-07
                        ---
                        ## Topics
                        - [Tetragon breaks the document builder](https://example.org/oom)
                        """.getBytes())
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        failing.armed = false;
        long marked = data.topicId("Tetragon%");

        assertThat(report.get("indexing"))
                .as("the import says what happened to the index")
                .isEqualTo("failed");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failures = (List<Map<String, Object>>) report.get("index_failures");
        assertThat(failures).hasSize(1);
        assertThat(((Number) failures.get(0).get("topic_id")).longValue()).isEqualTo(marked);
        assertThat((String) failures.get(0).get("error")).contains("OutOfMemoryError");

        given().queryParam("q", "quuxzebra")
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
        given().auth()
                .oauth2(Corpora.TOKEN)
                .get("/api/admin/index/dead-letters")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].topic_id", equalTo((int) marked))
                .body("[0].attempts", equalTo(1));
        assertThat(data.outboxRows()).as("nothing is retried in a loop").isZero();

        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);

        // the poller and the indexing path still work: the next import is indexed and says so
        Corpora.importRaw("hard-weekly-2024-06-14.md", """
                        ---
                        Title: Hard Weekly 2024-06-14
                        Number: 8
                        Date: 2024-06-14
                        ---
                        ## Topics
                        - [Cosign signatures zebraquuxa](https://example.org/cosign)
                        """.getBytes())
                .statusCode(200)
                .body("indexing", equalTo("done"));
        given().queryParam("q", "zebraquuxa")
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
    }
}
