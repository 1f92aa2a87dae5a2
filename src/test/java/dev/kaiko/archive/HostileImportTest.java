package dev.kaiko.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kaiko.search.QueryLog;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Inputs that once took the service down or leaked its internals: an item far over every bound (refused whole,
 * nothing stored), an item just under every bound (imported, indexed, searchable, with the heap's peak while it is
 * stated), a JSON item file that names no series, a NUL in a JSON string, a file name with CR/LF, a NUL in a public
 * search (the query log keeps working).
 */
@QuarkusTest
class HostileImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestData data;

    @Inject
    QueryLog queryLog;

    @BeforeEach
    void empty() {
        data.clear();
    }

    private static ObjectNode itemFile(String series, ObjectNode item) {
        ObjectNode file = JSON.createObjectNode();
        if (series != null) {
            file.put("series", series);
        }
        file.putArray("list").add(item);
        return file;
    }

    private static ObjectNode item(String title, String url, String content, int tags, int tagLength) {
        ObjectNode item = JSON.createObjectNode();
        item.put("date", "2024-03-05T10:00:00Z");
        item.put("title", title);
        item.put("url", url);
        item.put("content", content);
        ArrayNode t = item.putArray("tags");
        for (int i = 0; i < tags; i++) {
            String tag = "tag" + i;
            t.add(tag + "x".repeat(Math.max(0, tagLength - tag.length())));
        }
        return item;
    }

    @Test
    void anItemOverEveryBoundIsRefusedWholeAndNothingIsStored() throws Exception {
        Corpora.importFile(Corpora.seed()).statusCode(200);
        List<String> before = data.dump();
        byte[] huge = JSON.writeValueAsBytes(itemFile(
                "Hostile Weekly",
                item(
                        "T".repeat(100_000),
                        "https://example.org/" + "u".repeat(50_000),
                        "本文".repeat(500_000),
                        5_000,
                        10)));
        assertThat(huge.length).isGreaterThan(1_200_000);
        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .contentType("application/octet-stream")
                .queryParam("filename", "hostile.json")
                .body(huge)
                .post("/api/imports")
                .then()
                .statusCode(400)
                .body("file", equalTo("hostile.json"))
                .body("path", equalTo("$.list[0].title"))
                .body("error", containsString("100,000 characters"))
                .body("error", containsString("at most 1,000"));
        assertThat(data.dump()).as("nothing stored, nothing changed").isEqualTo(before);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void anItemJustUnderEveryBoundIsImportedIndexedAndSearchableInBoundedMemory() throws Exception {
        String word = "quuxlimitzebra";
        String title = word + " " + "t".repeat(ItemLimits.TITLE - word.length() - 1);
        String url = "https://example.org/" + "u".repeat(ItemLimits.URL - 20);
        String body = "境界の本文 bounded body ".repeat(ItemLimits.BODY / 10).substring(0, ItemLimits.BODY);
        byte[] file = JSON.writeValueAsBytes(
                itemFile("Limits Weekly", item(title, url, body, ItemLimits.TAGS, ItemLimits.TAG)));

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean importing = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (importing.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        try {
            given().header("Authorization", "Bearer " + Corpora.TOKEN)
                    .contentType("application/octet-stream")
                    .queryParam("filename", "limits.json")
                    .body(file)
                    .post("/api/imports")
                    .then()
                    .statusCode(200)
                    .body("indexing", equalTo("done"))
                    .body("files[0].topics_added", equalTo(1));
        } finally {
            importing.set(false);
            sampler.join();
        }
        long grew = (peak.get() - baseline) / (1024 * 1024);
        System.out.printf(
                "Item at every limit (%,d bytes of JSON): heap peak while importing and indexing %d MB over a"
                        + " %d MB baseline (this JVM also runs the tests)%n",
                file.length, grew, baseline / (1024 * 1024));
        assertThat(grew).as("heap growth in MB while importing the item").isLessThan(512);
        given().queryParam("q", word)
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("hits[0].issue.series", equalTo("Limits Weekly"));
    }

    @Test
    void aJsonItemFileWithoutASeriesIsRefusedUnlessTheImportNamesOne() throws Exception {
        byte[] file = JSON.writeValueAsBytes(
                itemFile(null, item("Orphan item seriesless", "https://example.org/o", "x", 1, 5)));
        Corpora.importRaw("orphan.json", file)
                .statusCode(400)
                .body("path", equalTo("$.series"))
                .body("error", containsString("?series="));
        assertThat(data.count("Issue")).isZero();
        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .contentType("application/octet-stream")
                .queryParam("filename", "orphan.json")
                .queryParam("series", "Orphan Weekly")
                .body(file)
                .post("/api/imports")
                .then()
                .statusCode(200);
        given().queryParam("q", "seriesless")
                .get("/api/search")
                .then()
                .body("total", equalTo(1))
                .body("hits[0].issue.series", equalTo("Orphan Weekly"));
        given().get("/api/series").then().body(not(containsString("JSer.info")));
    }

    @Test
    void controlCharactersInFieldsAndFileNamesNeverReachTheDatabaseOrTheLog() throws Exception {
        byte[] nul =
                JSON.writeValueAsBytes(itemFile("Nul Weekly", item("a\u0000b", "https://example.org/n", "x", 1, 5)));
        String answer = Corpora.importRaw("nul.json", nul)
                .statusCode(400)
                .body("path", equalTo("$.list[0].title"))
                .body("error", containsString("U+0000"))
                .extract()
                .asString();
        assertThat(answer).doesNotContainIgnoringCase("postgres").doesNotContain("invalid byte sequence");

        String forged = "weekly.md\r\n2026-01-01 INFO [forged] admin logged in";
        String report = Corpora.importRaw(
                        forged,
                        "---\nTitle: CRLF Weekly 1\nNumber: 1\nDate: 2024-01-05\n---\n## A\n- [x](https://example.org/x)\n"
                                .getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .extract()
                .path("files[0].file");
        assertThat(report).doesNotContain("\r").doesNotContain("\n").startsWith("weekly.md??");
    }

    @Test
    void aNulInAPublicSearchDoesNotBreakTheQueryLog() {
        queryLog.flush();
        given().queryParam("q", "rust\u0000async").get("/api/search").then().statusCode(200);
        given().queryParam("q", "quux\r\nforged").get("/api/search").then().statusCode(200);
        assertThat(queryLog.flush()).as("both searches are written").isEqualTo(2);
        given().queryParam("q", "after the nul").get("/api/search").then().statusCode(200);
        assertThat(queryLog.flush()).as("and the log goes on").isEqualTo(1);
        List<String> queries = new ArrayList<>(given().auth()
                .oauth2(Corpora.TOKEN)
                .get("/api/admin/queries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("top.query"));
        assertThat(queries).contains("rust async", "quux forged");
    }
}
