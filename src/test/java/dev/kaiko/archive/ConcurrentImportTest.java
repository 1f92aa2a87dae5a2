package dev.kaiko.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Imports never fail because another one runs: many simultaneous API imports of distinct and repeated files while
 * the bundled demo archive is being imported (as at first start) all succeed, and leave exactly the archive, the
 * search index and the resolved citations that importing the same files one after another leaves.
 */
@QuarkusTest
class ConcurrentImportTest {

    @Inject
    TestData data;

    @Inject
    ArchiveImporter importer;

    /** 16 TWiR issues, 4 JSer.info months (weeks spanning two months share issues) and the seed: 21 distinct. */
    private static List<Path> distinctFiles() {
        List<Path> all = Corpora.twirAndJser();
        List<Path> files = new ArrayList<>(all.stream()
                .filter(p -> p.toString().contains("twir"))
                .limit(16)
                .toList());
        files.addAll(
                all.stream().filter(p -> p.toString().contains("jser")).limit(4).toList());
        files.add(Corpora.seed());
        return files;
    }

    @Test
    void simultaneousImportsDuringTheDemoImportAllSucceedAndEqualASequentialImport() throws Exception {
        List<Path> files = distinctFiles();

        // The reference: the demo, then every file, one after another.
        data.clear();
        importer.importFiles(ArchiveBootstrap.demoArchive(), null, ArchiveImporter.Progress.NONE);
        for (Path p : files) {
            Corpora.importFile(p).statusCode(200);
        }
        List<String> sequential = data.dump();
        List<String> sequentialReferences = data.references();
        List<String> sequentialCitations = data.citations();
        assertThat(sequentialReferences)
                .as("the demo's retrospective refers to earlier demo topics")
                .isNotEmpty();

        // The same, all at once: the demo import as at start-up, every file, and 6 of them a second time.
        data.clear();
        List<Path> requests = new ArrayList<>(files);
        requests.addAll(files.subList(0, 3));
        requests.addAll(files.subList(files.size() - 3, files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(requests.size() + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            CompletableFuture<ImportReport> demo = CompletableFuture.supplyAsync(
                    () -> {
                        await(start);
                        return importer.importFiles(
                                ArchiveBootstrap.demoArchive(), null, ArchiveImporter.Progress.NONE);
                    },
                    pool);
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (Path p : requests) {
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            return given().header("Authorization", "Bearer " + Corpora.TOKEN)
                                    .contentType("application/octet-stream")
                                    .queryParam("filename", p.getFileName().toString())
                                    .body(Corpora.bytes(p))
                                    .post("/api/imports");
                        },
                        pool));
            }
            start.countDown();
            for (int i = 0; i < answers.size(); i++) {
                Response r = answers.get(i).get(5, TimeUnit.MINUTES);
                assertThat(r.statusCode())
                        .as("import of %s: %s", requests.get(i), r.asString())
                        .isEqualTo(200);
                assertThat(r.jsonPath().getList("files.errors.flatten()"))
                        .as("errors of %s", requests.get(i))
                        .isEmpty();
                assertThat(r.jsonPath().getString("indexing")).isEqualTo("done");
            }
            assertThat(demo.get(5, TimeUnit.MINUTES).anyStored()).isTrue();
        } finally {
            pool.shutdownNow();
        }

        TestData.assertSameArchive(sequential, data.dump());
        assertThat(data.references()).as("resolved citations").isEqualTo(sequentialReferences);
        assertThat(data.citations()).as("parsed citations").isEqualTo(sequentialCitations);
        // stored = searchable, each topic once (the index holds as many documents as the database topics)
        given().queryParam("size", 1)
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(sequential.size()));
        assertThat(data.count("Topic")).isEqualTo(sequential.size());
    }

    @Test
    void tagEditsWhileTheSameIssueIsReimportedAllSucceedAndTheEditSurvives() throws Exception {
        data.clear();
        String v1 = "Weekly C (2024-06-07号)\n第9回です。\nトピック\nKubernetes の話\nKubernetes 1.30 が出ました。\n"
                + "Rust の話\nRust 1.79 が出ました。\n";
        String v2 = v1.replace("出ました。\nRust", "出ました。詳しく見ました。\nRust");
        Corpora.importRaw("c.txt", v1.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .statusCode(200);
        long id = given().queryParam("q", "Kubernetes の話")
                .get("/api/search")
                .then()
                .extract()
                .jsonPath()
                .getLong("hits[0].id");

        // re-imports that rewrite the topic (and its auto tags) race manual edits of the same topic's tags
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                boolean edit = i % 2 == 0;
                String body = i % 4 < 2 ? v2 : v1;
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            var req = given().header("Authorization", "Bearer " + Corpora.TOKEN);
                            return edit
                                    ? req.contentType("application/json")
                                            .body(java.util.Map.of("tags", List.of("eBPF", "Cilium")))
                                            .put("/api/topics/" + id + "/tags")
                                    : req.contentType("application/octet-stream")
                                            .queryParam("filename", "c.txt")
                                            .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                            .post("/api/imports");
                        },
                        pool));
            }
            start.countDown();
            for (CompletableFuture<Response> answer : answers) {
                Response r = answer.get(2, TimeUnit.MINUTES);
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        // same topic (updated in place), still two topics, and the manual set is what it shows
        assertThat(data.count("Topic")).isEqualTo(2);
        given().get("/api/topics/" + id)
                .then()
                .statusCode(200)
                .body("tags", org.hamcrest.Matchers.containsInAnyOrder("eBPF", "Cilium"));
        given().queryParam("tag", "Cilium")
                .get("/api/search")
                .then()
                .body("total", org.hamcrest.Matchers.equalTo(1))
                .body("hits[0].id", org.hamcrest.Matchers.equalTo((int) id));
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
