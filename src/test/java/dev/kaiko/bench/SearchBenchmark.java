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
            Map.of("q", List.of("react"), "year", List.of("2011")),
            Map.of("q", List.of("パフォーマンスを改善した話")),
            Map.of("sort", List.of("newest")),
            Map.of("q", List.of("rust OR go")),
            Map.of("q", List.of("データベース -mysql")),
            Map.of("q", List.of("kubernetis")),
            Map.of("q", List.of("サイドカー")),
            Map.of("q", List.of("observability"), "tag", List.of("OpenTelemetry", "Prometheus")),
            Map.of("q", List.of("リリース"), "year", List.of("2012", "2013")),
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
        // HTTP/1.1 on both sides: OpenSearch speaks nothing else in clear text, while the JDK client would
        // otherwise upgrade the API's connection to HTTP/2 and compare two protocols
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(CLIENTS))
                .build();
        // what each search finds, and how many searches the engine ran for it on each side (its query counter):
        // a query that finds nothing makes the API ask more (did-you-mean, relaxation), so the mix should find
        for (int i = 0; i < MIX.size(); i++) {
            long before = engineSearches(client);
            HttpResponse<String> answer = exchange(client, api.get(i));
            long apiSearches = engineSearches(client) - before;
            before = engineSearches(client);
            HttpResponse<String> rawAnswer = exchange(client, raw.get(i));
            long rawSearches = engineSearches(client) - before;
            var total = java.util.regex.Pattern.compile("\"total\":(\\d+)").matcher(answer.body());
            System.out.printf(
                    "bench: %-60s total %s, engine searches: API %d, raw %d; answer %d / %d chars%n",
                    query(MIX.get(i)),
                    total.find() ? total.group(1) : "?",
                    apiSearches,
                    rawSearches,
                    answer.body().length(),
                    rawAnswer.body().length());
            if (apiSearches != rawSearches) {
                throw new IllegalStateException("not a like-for-like mix: " + query(MIX.get(i)) + " makes the API send "
                        + apiSearches + " engine searches (raw: " + rawSearches + "); the mix must find something");
            }
        }
        if (Boolean.getBoolean("kaiko.bench.floor")) {
            floor(client);
        }
        // warm both, then measure in pairs: each request of the mix sent raw and through the API back to back (which
        // one first alternates), so both see the same moment of a shared, noisy machine; twice, keeping the second
        // round (JIT, caches and page cache settled)
        run(client, raw, api, WARMUP);
        long[][] latencies = null;
        double[] inside = null;
        for (int round = 0; round < 2; round++) {
            double[] before = searchTimer(client);
            latencies = run(client, raw, api, REQUESTS);
            double[] after = searchTimer(client);
            inside = new double[] {after[0] - before[0], after[1] - before[1]};
        }
        long[] rawLatencies = sorted(latencies[0]);
        long[] apiLatencies = sorted(latencies[1]);
        long[] extra = new long[latencies[0].length];
        for (int i = 0; i < extra.length; i++) {
            extra[i] = latencies[1][i] - latencies[0][i];
        }
        print("OpenSearch", rawLatencies);
        print("API", apiLatencies);
        // where the API's time goes, on average: inside the resource's search (query building, the engine call,
        // reading its answer) and around it (HTTP, security, thread hops, writing JSON)
        System.out.printf(
                "bench: means: OpenSearch %.2f ms, API %.2f ms, of which inside TopicSearch.search %.2f ms%n",
                Arrays.stream(rawLatencies).average().orElse(0) / 1e6,
                Arrays.stream(apiLatencies).average().orElse(0) / 1e6,
                inside[0] / inside[1] * 1000);
        Arrays.sort(extra);
        System.out.printf(
                "bench: %d client(s): API p50 / OpenSearch p50 = %.2f, p95 ratio %.2f (target <= 1.10); "
                        + "API minus OpenSearch of the same pair: p25 %.2f ms, median %.2f ms, p75 %.2f ms%n",
                CLIENTS,
                percentile(apiLatencies, 50) / percentile(rawLatencies, 50),
                percentile(apiLatencies, 95) / percentile(rawLatencies, 95),
                percentile(extra, 25),
                percentile(extra, 50),
                percentile(extra, 75));
        data.clear();
    }

    private static SearchRequest request(Map<String, List<String>> p) {
        return SearchRequest.of(p);
    }

    static String query(Map<String, List<String>> p) {
        return p.entrySet().stream()
                .flatMap(e ->
                        e.getValue().stream().map(v -> e.getKey() + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }

    /**
     * {@code count} pairs from the mix in a fixed shuffled order, by {@link #CLIENTS} clients: the raw request and
     * the API request of the same search, back to back; nanoseconds, [0] raw and [1] API, index by index.
     */
    private static long[][] run(HttpClient client, List<Call> raw, List<Call> api, int count) throws Exception {
        List<Integer> schedule = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            schedule.add(i % raw.size());
        }
        Collections.shuffle(schedule, new Random(7));
        long[][] latencies = new long[2][count];
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                for (int i = next.getAndIncrement();
                        i < count && System.nanoTime() < deadline;
                        i = next.getAndIncrement()) {
                    int which = schedule.get(i);
                    boolean rawFirst = i % 2 == 0;
                    int first = rawFirst ? 0 : 1;
                    latencies[first][i] = send(client, (rawFirst ? raw : api).get(which));
                    latencies[1 - first][i] = send(client, (rawFirst ? api : raw).get(which));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
        // pairs cut by the time limit are dropped from both sides
        int[] complete = java.util.stream.IntStream.range(0, count)
                .filter(i -> latencies[0][i] > 0 && latencies[1][i] > 0)
                .toArray();
        return new long[][] {
            Arrays.stream(complete).mapToLong(i -> latencies[0][i]).toArray(),
            Arrays.stream(complete).mapToLong(i -> latencies[1][i]).toArray()
        };
    }

    /** Nanoseconds {@code call} took. */
    private static long send(HttpClient client, Call call) throws Exception {
        long start = System.nanoTime();
        exchange(client, call);
        return System.nanoTime() - start;
    }

    /** {@code call}'s answer, which must be a 200 (GET, or POST of its JSON body). */
    private static HttpResponse<String> exchange(HttpClient client, Call call) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).timeout(Duration.ofSeconds(30));
        if (call.body() != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call.body()));
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(call.uri() + " → " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    /**
     * The HTTP floor of both servers, in pairs as the searches: the engine's smallest answer ({@code GET /}) against
     * Kaiko's on the event loop and on a worker thread, and the answer of one search (q=kubernetes) without the
     * search, written once as bytes and by Jackson on every request (test-only endpoints, {@link HttpFloorResource}).
     */
    private void floor(HttpClient client) throws Exception {
        Call engine = new Call(URI.create("http://127.0.0.1:" + enginePort + "/"), null);
        for (String where : List.of("event-loop", "worker", "bytes", "result")) {
            Call kaiko = new Call(URI.create("http://127.0.0.1:" + apiPort + "/bench/floor/" + where), null);
            run(client, List.of(engine), List.of(kaiko), WARMUP);
            long[][] l = run(client, List.of(engine), List.of(kaiko), REQUESTS);
            long[] e = sorted(l[0]);
            long[] k = sorted(l[1]);
            System.out.printf(
                    "bench: floor: engine GET / p50 %.2f ms p95 %.2f ms; Kaiko %s p50 %.2f ms p95 %.2f ms%n",
                    percentile(e, 50), percentile(e, 95), where, percentile(k, 50), percentile(k, 95));
        }
    }

    /** Sum (seconds) and count of Kaiko's own search timer, from the Prometheus endpoint. */
    private double[] searchTimer(HttpClient client) throws Exception {
        String metrics = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var sum = java.util.regex.Pattern.compile("(?m)^kaiko_search_latency_seconds_sum\\S* (\\S+)$")
                .matcher(metrics);
        var count = java.util.regex.Pattern.compile("(?m)^kaiko_search_latency_seconds_count\\S* (\\S+)$")
                .matcher(metrics);
        if (!sum.find() || !count.find()) {
            throw new IllegalStateException("no kaiko_search_latency_seconds in /q/metrics");
        }
        return new double[] {Double.parseDouble(sum.group(1)), Double.parseDouble(count.group(1))};
    }

    /** The engine's count of shard searches since it started (one per search on Kaiko's one-shard index). */
    private long engineSearches(HttpClient client) throws Exception {
        String stats = client.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + enginePort + "/_nodes/stats/indices/search"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var m = java.util.regex.Pattern.compile("\"query_total\":(\\d+)").matcher(stats);
        if (!m.find()) {
            throw new IllegalStateException("no query_total in " + stats);
        }
        return Long.parseLong(m.group(1));
    }

    private static long[] sorted(long[] latencies) {
        long[] copy = latencies.clone();
        Arrays.sort(copy);
        return copy;
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
