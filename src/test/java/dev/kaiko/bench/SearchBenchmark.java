package dev.kaiko.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.search.mapper.orm.mapping.SearchMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.kaiko.model.Topic;
import dev.kaiko.search.SearchRequest;
import dev.kaiko.search.TopicSearch;
import dev.kaiko.support.TestData;
import dev.kaiko.tagging.Taxonomy;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The search API against the same requests sent straight to OpenSearch, on a synthetic archive of 100,000 topics,
 * at 8 concurrent clients ({@code -Dkaiko.bench.clients=1} for one): prints p50/p95/p99 of both and the ratio of
 * the p95s. Not part of the test run: {@code ./mvnw test -Dtest=SearchBenchmark -Dkaiko.bench=true} (see README).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "kaiko.bench", matches = "true")
class SearchBenchmark {

    static final int TOPICS = Integer.getInteger("kaiko.bench.topics", 100_000);
    static final int CLIENTS = Integer.getInteger("kaiko.bench.clients", 8);
    static final int WARMUP = 400;
    static final int REQUESTS = Integer.getInteger("kaiko.bench.requests", 4000);
    static final Duration TIME_LIMIT = Duration.ofMinutes(5);

    /** The fixed mix: Japanese, English, mixed, syntax, typos, synonyms, filters; all with facets and highlights. */
    static final List<Map<String, List<String>>> MIX = List.of(
            Map.of("q", List.of("kubernetes")),
            Map.of("q", List.of("コンテナ セキュリティ")),
            Map.of("q", List.of("eBPF 入門")),
            Map.of("q", List.of("react"), "year", List.of("2023")),
            Map.of("q", List.of("パフォーマンスを改善した話")),
            Map.of("sort", List.of("newest")),
            Map.of("q", List.of("rust OR go")),
            Map.of("q", List.of("データベース -mysql")),
            Map.of("q", List.of("kubernetis")),
            Map.of("q", List.of("サイドカー")),
            Map.of("q", List.of("observability"), "tag", List.of("OpenTelemetry", "Prometheus")),
            Map.of("q", List.of("リリース"), "year", List.of("2021", "2022")),
            Map.of("q", List.of("\"service mesh\"")),
            Map.of("q", List.of("ブラウザ JavaScript"), "page", List.of("2")),
            Map.of("tag", List.of("Kubernetes"), "presenter", List.of("sat")),
            Map.of("q", List.of("分散システムの設計と実装")));

    @Inject
    TestData data;

    @Inject
    DataSource dataSource;

    @Inject
    SearchMapping searchMapping;

    @Inject
    Taxonomy taxonomy;

    @Inject
    TopicSearch search;

    @ConfigProperty(name = "quarkus.http.test-port")
    int apiPort;

    @ConfigProperty(name = "kaiko.engine.http-port")
    int enginePort;

    record Call(URI uri, String body) {}

    @Test
    void apiVersusRawOpenSearch() throws Exception {
        data.clear();
        long t0 = System.nanoTime();
        int issues;
        try (Connection c = dataSource.getConnection()) {
            issues = new SyntheticArchive(taxonomy, 42).write(c, TOPICS);
        }
        long t1 = System.nanoTime();
        searchMapping
                .scope(Topic.class)
                .massIndexer()
                .threadsToLoadObjects(2)
                .batchSizeToLoadObjects(250)
                .startAndWait();
        searchMapping.scope(Topic.class).workspace().refresh();
        long t2 = System.nanoTime();
        System.out.printf(
                "bench: %d topics in %d issues written in %.1f s, indexed in %.1f s%n",
                TOPICS, issues, (t1 - t0) / 1e9, (t2 - t1) / 1e9);

        List<Call> api = new ArrayList<>();
        List<Call> raw = new ArrayList<>();
        for (Map<String, List<String>> params : MIX) {
            api.add(new Call(URI.create("http://127.0.0.1:" + apiPort + "/api/search?" + query(params)), null));
            var request = search.engineRequest(request(params));
            String parameters = request.parameters().entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            raw.add(new Call(
                    URI.create("http://127.0.0.1:" + enginePort + request.path()
                            + (parameters.isEmpty() ? "" : "?" + parameters)),
                    request.body()));
        }
        HttpClient client = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(CLIENTS))
                .build();
        // warm both, then measure each in turn, twice, keeping the second round (JIT, caches and page cache settled)
        run(client, raw, WARMUP);
        run(client, api, WARMUP);
        long[] rawLatencies = null;
        long[] apiLatencies = null;
        for (int round = 0; round < 2; round++) {
            rawLatencies = run(client, raw, REQUESTS);
            apiLatencies = run(client, api, REQUESTS);
        }
        print("OpenSearch", rawLatencies);
        print("API", apiLatencies);
        double ratio = percentile(apiLatencies, 95) / percentile(rawLatencies, 95);
        System.out.printf(
                "bench: %d client(s): API p95 / OpenSearch p95 = %.2f (target <= 1.25), p50 ratio %.2f%n",
                CLIENTS, ratio, percentile(apiLatencies, 50) / percentile(rawLatencies, 50));
        data.clear();
    }

    private static SearchRequest request(Map<String, List<String>> p) {
        return SearchRequest.of(
                one(p, "q"),
                p.get("year"),
                p.get("tag"),
                p.get("label"),
                p.get("presenter"),
                p.get("series"),
                p.get("section"),
                p.get("issue"),
                null,
                null,
                one(p, "sort"),
                one(p, "page"),
                one(p, "size"));
    }

    private static String one(Map<String, List<String>> p, String name) {
        return p.containsKey(name) ? p.get(name).get(0) : null;
    }

    static String query(Map<String, List<String>> p) {
        return p.entrySet().stream()
                .flatMap(e ->
                        e.getValue().stream().map(v -> e.getKey() + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }

    /** {@code count} requests from the mix in a fixed shuffled order, by {@link #CLIENTS} clients; nanoseconds. */
    private static long[] run(HttpClient client, List<Call> mix, int count) throws Exception {
        List<Call> schedule = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            schedule.add(mix.get(i % mix.size()));
        }
        Collections.shuffle(schedule, new Random(7));
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                for (int i = next.getAndIncrement();
                        i < count && System.nanoTime() < deadline;
                        i = next.getAndIncrement()) {
                    Call call = schedule.get(i);
                    HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).timeout(Duration.ofSeconds(30));
                    if (call.body() != null) {
                        b.header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(call.body()));
                    }
                    long start = System.nanoTime();
                    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                    latencies[i] = System.nanoTime() - start;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(call.uri() + " → " + r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
        return Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
    }

    private static double percentile(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static void print(String what, long[] sorted) {
        System.out.printf(
                "bench: %-10s n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms%n",
                what, sorted.length, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99));
    }
}
