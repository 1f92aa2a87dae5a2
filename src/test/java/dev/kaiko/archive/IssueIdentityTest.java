package dev.kaiko.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An issue is identified by what it says (series + number, else series + date), not by the name of the file it
 * came in; its topics by their issue and title. The same issue under another file name updates the same issue and
 * the same topics.
 */
@QuarkusTest
class IssueIdentityTest {

    /** Topics of the seed issue (Neco Weekly 第47回). */
    static final int SEED_TOPICS = 9;

    @Inject
    TestData data;

    @Inject
    EntityManager em;

    @Test
    void theSeedUnderTwoNamesIsOneIssueWithItsTopicsOnce() {
        data.clear();
        byte[] seed = Corpora.bytes(Corpora.seed());
        Corpora.importRaw("neco-weekly-2023-12-22.txt", seed)
                .statusCode(200)
                .body("files[0].topics_added", equalTo(SEED_TOPICS));
        List<String> before = data.dump();
        List<String> ids = sql("select id::text from topic order by id");
        assertThat(ids).hasSize(SEED_TOPICS);

        Corpora.importRaw("neco-weekly-renamed.txt", seed)
                .statusCode(200)
                .body("files[0].topics_added", equalTo(0))
                .body("files[0].topics_removed", equalTo(0))
                .body("files[0].topics_unchanged", equalTo(SEED_TOPICS));
        assertThat(data.count("Issue")).isEqualTo(1);
        assertThat(data.count("Topic")).isEqualTo(SEED_TOPICS);
        assertThat(sql("select id::text from topic order by id")).isEqualTo(ids);
        assertThat(sql("select count(distinct title)::text from topic")).containsExactly(String.valueOf(SEED_TOPICS));
        TestData.assertSameArchive(before, data.dump());
        // the topics now come from the file that last brought them
        assertThat(sql("select distinct source_file from topic")).containsExactly("neco-weekly-renamed.txt");

        // and back under the first name: still the same
        Corpora.importRaw("neco-weekly-2023-12-22.txt", seed).statusCode(200).body("files[0].topics_added", equalTo(0));
        assertThat(data.count("Topic")).isEqualTo(SEED_TOPICS);
        data.awaitSearch();
        io.restassured.RestAssured.given()
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(SEED_TOPICS));
    }

    @Test
    void anEditedIssueUnderAnotherNameReplacesTheTopicsItNoLongerHas() {
        data.clear();
        String v1 = "Weekly X (2024-05-10号)\n第3回です。\nトピック\nKubernetes の話\nKubernetes 1.30 が出ました。\n"
                + "Rust の話\nRust 1.78 が出ました。\n";
        String v2 = "Weekly X (2024-05-10号)\n第3回です。\nトピック\nKubernetes の話\nKubernetes 1.30 が出ました。詳しく。\n";
        Corpora.importRaw("x.txt", v1.getBytes(StandardCharsets.UTF_8)).statusCode(200);
        String kubernetes =
                sql("select id::text from topic where title = 'Kubernetes の話'").get(0);
        Corpora.importRaw("weekly-x-3.txt", v2.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("files[0].topics_added", equalTo(0))
                .body("files[0].topics_updated", equalTo(1))
                .body("files[0].topics_removed", equalTo(1));
        assertThat(data.count("Issue")).isEqualTo(1);
        assertThat(sql("select id::text || ' ' || title from topic")).containsExactly(kubernetes + " Kubernetes の話");
        // the same issue in another format is the same issue too
        String md = "---\ntitle: Weekly X 第3回\nseries: Weekly X\nnumber: 3\ndate: 2024-05-10\n---\n## トピック\n\n"
                + "### Kubernetes の話\n\nKubernetes 1.30 が出ました。詳しく。\n";
        Corpora.importRaw("weekly-x-3.md", md.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("files[0].topics_added", equalTo(0));
        assertThat(data.count("Issue")).isEqualTo(1);
        assertThat(sql("select id::text from topic")).containsExactly(kubernetes);
    }

    private static byte[] jser(String... items) {
        return ("{\"series\": \"JSer.info\", \"list\": [" + String.join(",", items) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String item(String date, String title) {
        return "{\"date\": \"" + date + "T10:00:00Z\", \"title\": \"" + title + "\", \"url\": \"https://example.org/"
                + title.replace(' ', '-') + "\", \"content\": \"" + title + " の紹介\"}";
    }

    /**
     * JsonItemFeedReader: "a week spanning two monthly files gives one issue per file, with the same title". Both
     * parts are stored in one issue (same series and week), each file keeps its own topics, and a monthly file
     * under another name updates its part instead of adding it again.
     */
    @Test
    void aWeekOfTwoMonthlyFilesIsOneIssueAndARenamedMonthDuplicatesNothing() {
        data.clear();
        // ISO week 2023-W05: Monday 2023-01-30 to Sunday 2023-02-05
        byte[] january = jser(item("2023-01-30", "Deno 1.30"), item("2023-01-31", "Node 19.6"));
        byte[] february = jser(item("2023-02-02", "TypeScript 5.0 Beta"), item("2023-02-03", "Vite 4.1"));
        Corpora.importRaw("jser-2023-01.json", january).statusCode(200);
        Corpora.importRaw("jser-2023-02.json", february)
                .statusCode(200)
                .body("files[0].topics_added", equalTo(2))
                .body("files[0].topics_removed", equalTo(0));
        assertThat(data.count("Issue")).isEqualTo(1);
        List<String> both = List.of("Deno 1.30", "Node 19.6", "TypeScript 5.0 Beta", "Vite 4.1");
        assertThat(sql("select title from topic order by position")).isEqualTo(both);
        List<String> before = data.dump();

        // January again under another name: its part is updated, February's stays
        Corpora.importRaw("jser-january-copy.json", january)
                .statusCode(200)
                .body("files[0].topics_added", equalTo(0))
                .body("files[0].topics_removed", equalTo(0))
                .body("files[0].topics_unchanged", equalTo(2));
        assertThat(data.count("Issue")).isEqualTo(1);
        assertThat(data.count("Topic")).isEqualTo(4);
        assertThat(sql("select title from topic order by title")).isEqualTo(both);
        // and February re-imported under its own name still leaves January's part alone
        Corpora.importRaw("jser-2023-02.json", february).statusCode(200).body("files[0].topics_removed", equalTo(0));
        assertThat(data.count("Topic")).isEqualTo(4);
        assertThat(before).hasSize(4);
    }

    @Test
    void twoItemsOfOneWeekSharingATitleInTwoMonthlyFilesStayTwoTopics() {
        data.clear();
        Corpora.importRaw("jser-2023-01.json", jser(item("2023-01-31", "Release notes")))
                .statusCode(200);
        String other =
                "{\"series\": \"JSer.info\", \"list\": [{\"date\": \"2023-02-01T10:00:00Z\", \"title\": \"Release notes\", "
                        + "\"url\": \"https://example.org/other\", \"content\": \"another item\"}]}";
        Corpora.importRaw("jser-2023-02.json", other.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("files[0].topics_added", equalTo(1));
        Corpora.importRaw("jser-2023-02.json", other.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("files[0].topics_added", equalTo(0));
        assertThat(data.count("Issue")).isEqualTo(1);
        assertThat(data.count("Topic")).isEqualTo(2);
    }

    @Test
    void simultaneousImportsOfOneIssueUnderDifferentNamesLeaveOneIssue() throws Exception {
        data.clear();
        byte[] seed = Corpora.bytes(Corpora.seed());
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String name = "neco-weekly-copy-" + i + ".txt";
                results.add(pool.submit(() -> {
                    start.await();
                    return Corpora.importRaw(name, seed).extract().statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> r : results) {
                assertThat(r.get(5, TimeUnit.MINUTES)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(data.count("Issue")).isEqualTo(1);
        assertThat(data.count("Topic")).isEqualTo(SEED_TOPICS);
        assertThat(sql("select count(distinct topic_key)::text from topic"))
                .containsExactly(String.valueOf(SEED_TOPICS));
        data.awaitSearch();
        io.restassured.RestAssured.given()
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(SEED_TOPICS));
    }

    @SuppressWarnings("unchecked")
    private List<String> sql(String query) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (List<String>) em.createNativeQuery(query).getResultList());
    }
}
