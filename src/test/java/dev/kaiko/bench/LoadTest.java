package dev.kaiko.bench;

import java.net.URI;
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

        List<URI> mix = SearchClients.mix(port);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + DURATION.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        done.addAll(SearchClients.start(pool, CLIENTS, mix, end, latencies, status -> {
            if (status != 200) {
                errors.incrementAndGet();
            }
        }));
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
                SearchClients.pct(sorted, 50),
                SearchClients.pct(sorted, 95),
                SearchClients.pct(sorted, 99),
                errors.get());
        Assertions.assertEquals(0, errors.get(), "errors under load");
    }
}
