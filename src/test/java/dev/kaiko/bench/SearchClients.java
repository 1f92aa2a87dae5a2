package dev.kaiko.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The load tests' search clients: each sends the benchmark's mixed searches one after another until a deadline,
 * recording every answer's latency and status (-1 for a request that failed without one).
 */
final class SearchClients {

    private SearchClients() {}

    /** The mixed query set as URLs of the test application's search API. */
    static List<URI> mix(int port) {
        return SearchBenchmark.MIX.stream()
                .map(p -> URI.create("http://127.0.0.1:" + port + "/api/search?" + SearchBenchmark.query(p)))
                .toList();
    }

    /** Starts {@code clients} clients on the pool; each future ends at {@code endNanos} (System.nanoTime). */
    static List<Future<?>> start(
            ExecutorService pool, int clients, List<URI> mix, long endNanos, List<Long> latencies, IntConsumer status) {
        HttpClient client = HttpClient.newBuilder().build();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            done.add(pool.submit(() -> {
                for (int i = offset; System.nanoTime() < endNanos; i++) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> r = client.send(
                                HttpRequest.newBuilder(mix.get(i % mix.size()))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        status.accept(r.statusCode());
                    } catch (Exception e) {
                        status.accept(-1);
                    }
                    latencies.add(System.nanoTime() - start);
                }
                return null;
            }));
        }
        return done;
    }

    /** The p-th percentile of sorted nanoseconds, in milliseconds. */
    static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
