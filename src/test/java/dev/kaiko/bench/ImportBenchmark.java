package dev.kaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.search.mapper.orm.mapping.SearchMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.kaiko.model.Topic;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Import throughput: TWiR 2023 + JSer.info 2023 + the seed (65 files, 2,216 topics) in one multipart request to
 * POST /api/imports, parsing, tagging, storing and indexing included (the answer comes when search shows them).
 * Each round starts from an empty archive; the first rounds warm the JVM (the cold figure is printed too). Then
 * the same request again, when everything is unchanged. The request body is built once and sent with the JDK's
 * HTTP client, so the figure is the service's, not the test client's. Not part of the test run:
 * {@code ./mvnw test -Dtest=ImportBenchmark -Dkaiko.bench=true} (see README).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "kaiko.bench", matches = "true")
class ImportBenchmark {

    static final int ROUNDS = Integer.getInteger("kaiko.bench.rounds", 8);

    @Inject
    TestData data;

    @Inject
    SearchMapping searchMapping;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void importTheCorporaThroughTheApi() throws Exception {
        List<Path> files = new ArrayList<>(Corpora.twirAndJser());
        files.add(Corpora.seed());
        String boundary = "kaiko-bench-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path p : files) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + p.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Corpora.bytes(p));
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/imports"))
                .header("Authorization", "Bearer " + Corpora.TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();

        List<Double> fresh = new ArrayList<>();
        List<Double> unchanged = new ArrayList<>();
        int topics = 0;
        for (int round = 0; round < ROUNDS; round++) {
            data.clear();
            long t0 = System.nanoTime();
            HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
            long t1 = System.nanoTime();
            HttpResponse<String> again = client.send(request, HttpResponse.BodyHandlers.ofString());
            long t2 = System.nanoTime();
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(again.statusCode()).isEqualTo(200);
            JsonPath firstReport = new JsonPath(first.body());
            topics = firstReport.getList("files.topics_added", Integer.class).stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            assertThat(firstReport.getString("indexing")).isEqualTo("done");
            assertThat(new JsonPath(again.body())
                            .getList("files.topics_unchanged", Integer.class).stream()
                                    .mapToInt(Integer::intValue)
                                    .sum())
                    .isEqualTo(topics);
            fresh.add((t1 - t0) / 1e9);
            unchanged.add((t2 - t1) / 1e9);
            System.out.printf(
                    "IMPORT round %d: %d topics from %d files in %.3f s = %,.0f topics/s; "
                            + "unchanged re-import %.3f s%n",
                    round, topics, files.size(), fresh.get(round), topics / fresh.get(round), unchanged.get(round));
        }
        List<Double> warm =
                fresh.subList(Math.min(3, ROUNDS - 1), ROUNDS).stream().sorted().toList();
        List<Double> warmAgain = unchanged.subList(Math.min(3, ROUNDS - 1), ROUNDS).stream()
                .sorted()
                .toList();
        double median = warm.get(warm.size() / 2);
        System.out.printf("IMPORT first (cold JVM): %.2f s = %,.0f topics/s%n", fresh.get(0), topics / fresh.get(0));
        System.out.printf(
                "IMPORT warm median of %d: %.3f s = %,.0f topics/s (best %,.0f, worst %,.0f)%n",
                warm.size(), median, topics / median, topics / warm.get(0), topics / warm.get(warm.size() - 1));
        System.out.printf("IMPORT unchanged re-import, warm median: %.3f s%n", warmAgain.get(warmAgain.size() / 2));

        // Where the time goes: indexing alone (documents built from the database, Japanese analysis, bulk requests,
        // the engine's own analysis), as the mass indexer does it, with nothing else running.
        List<Double> indexing = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            searchMapping.scope(Topic.class).massIndexer().purgeAllOnStart(true).startAndWait();
            searchMapping.scope(Topic.class).workspace().refresh();
            indexing.add((System.nanoTime() - t0) / 1e9);
        }
        double bestIndexing = indexing.stream().min(Double::compare).orElseThrow();
        System.out.printf(
                "IMPORT indexing alone (mass indexer, best of 3): %.3f s = %,.0f topics/s%n",
                bestIndexing, topics / bestIndexing);
    }
}
