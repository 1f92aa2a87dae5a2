package dev.kaiko.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Load: 16 concurrent clients for 60 s send the benchmark's mixed query set (facets and highlights on every request)
 * to GET /api/search over the real corpora; prints throughput, latency percentiles and errors. Not part of the test
 * run: {@code ./mvnw test -Dtest=LoadTest -Dkaiko.load=true} (see README).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "kaiko.load", matches = "true")
class LoadTest {

    static final int CLIENTS = Integer.getInteger("kaiko.load.clients", 16);
    static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("kaiko.load.seconds", 60));

    @Inject
    TestData data;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void sixteenClientsForAMinute() throws Exception {
        data.clear();
        Corpora.multipart(Corpora.twirAndJser()).post("/api/imports").then().statusCode(200);

        List<URI> mix = SearchBenchmark.MIX.stream()
                .map(p -> URI.create("http://127.0.0.1:" + port + "/api/search?" + SearchBenchmark.query(p)))
                .toList();
        HttpClient client = HttpClient.newBuilder().build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + DURATION.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int offset = c;
            done.add(pool.submit(() -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> r = client.send(
                                HttpRequest.newBuilder(mix.get(i % mix.size()))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - start);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "load: %d clients, %d s, %d requests, %.1f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, "
                        + "%d errors%n",
                CLIENTS,
                DURATION.toSeconds(),
                sorted.length,
                sorted.length / (double) DURATION.toSeconds(),
                pct(sorted, 50),
                pct(sorted, 95),
                pct(sorted, 99),
                errors.get());
        Assertions.assertEquals(0, errors.get(), "errors under load");
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
