package dev.kaiko.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.kaiko.index.SearchAvailability;
import dev.kaiko.index.SearchEngineLifecycle;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Soak: for {@code kaiko.soak.minutes} (30), 16 clients send the benchmark's mixed searches while a writer imports
 * edited issues, deletes issues and imports them again, and the managed engine is killed ({@code kill -9}) every
 * {@code kaiko.soak.kill-every-minutes} (5). Prints requests, answers by status, p95, the resident memory of Kaiko
 * (this JVM: service and clients) and of the engine at start and end, and checks that the index holds exactly the
 * database's topics at the end. Not part of the test run: {@code ./mvnw test -Dtest=SoakTest -Dkaiko.soak=true}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "kaiko.soak", matches = "true")
class SoakTest {

    static final int CLIENTS = Integer.getInteger("kaiko.soak.clients", 16);
    static final Duration DURATION = Duration.ofMinutes(Integer.getInteger("kaiko.soak.minutes", 30));
    static final Duration KILL_EVERY = Duration.ofMinutes(Integer.getInteger("kaiko.soak.kill-every-minutes", 5));

    @Inject
    TestData data;

    @Inject
    SearchEngineLifecycle lifecycle;

    @Inject
    SearchAvailability availability;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void mixedLoadWithWritesAndEngineKills() throws Exception {
        data.clear();
        List<Path> twir = Corpora.files(Corpora.root().resolve("twir-2023"), ".md");
        Corpora.multipart(Corpora.twirAndJser()).post("/api/imports").then().statusCode(200);
        long kaikoRssStart = rssKb(ProcessHandle.current().pid());
        long engineRssStart = rssKb(enginePid());

        List<URI> mix = SearchClients.mix(port);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong ok = new AtomicLong();
        AtomicLong unavailable = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        AtomicLong writeErrors = new AtomicLong();
        AtomicLong kills = new AtomicLong();
        long end = System.nanoTime() + DURATION.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 2);
        List<Future<?>> done = new ArrayList<>();
        done.addAll(SearchClients.start(pool, CLIENTS, mix, end, latencies, status -> {
            if (status == 200) {
                ok.incrementAndGet();
            } else if (status == 503) {
                unavailable.incrementAndGet();
            } else {
                errors.incrementAndGet();
            }
        }));
        // the writer: an edited issue, a delete and its re-import, over and over
        done.add(pool.submit(() -> {
            Random random = new Random(7);
            for (int round = 0; System.nanoTime() < end; round++) {
                Path file = twir.get(random.nextInt(twir.size()));
                String text = Files.readString(file);
                int status;
                if (round % 3 == 0) {
                    String edited = text.replaceFirst("\\n\\* \\[", "\n* [Soak round " + round + " ");
                    status = Corpora.importRaw(file.getFileName().toString(), edited.getBytes())
                            .extract()
                            .statusCode();
                } else if (round % 3 == 1) {
                    Integer id = given().queryParam("q", "")
                            .queryParam("size", 1)
                            .queryParam("series", "This Week in Rust")
                            .queryParam("page", random.nextInt(50))
                            .get("/api/search")
                            .then()
                            .extract()
                            .path("hits[0].issue.id");
                    status = id == null
                            ? 200
                            : given().auth()
                                    .oauth2(Corpora.TOKEN)
                                    .delete("/api/issues/" + id)
                                    .then()
                                    .extract()
                                    .statusCode();
                } else {
                    status = Corpora.importFile(file).extract().statusCode();
                }
                writes.incrementAndGet();
                if (status != 200 && status != 404) {
                    writeErrors.incrementAndGet();
                }
                Thread.sleep(1000);
            }
            return null;
        }));
        // the engine killer
        done.add(pool.submit(() -> {
            long next = System.nanoTime() + KILL_EVERY.toNanos();
            while (next < end) {
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                lifecycle.managedEngine().orElseThrow().pid().ifPresent(pid -> {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    kills.incrementAndGet();
                });
                next += KILL_EVERY.toNanos();
            }
            return null;
        }));
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        // the load's figures first, so a failed check below still reports them
        long kaikoRssEnd = rssKb(ProcessHandle.current().pid());
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "soak: %d min, %d clients, %d searches (%d ok, %d 503 while the engine was down, %d errors), p50 %.1f"
                        + " ms, p95 %.1f ms, p99 %.1f ms; %d writes (%d failed); %d engine kills; RSS Kaiko+clients"
                        + " %d -> %d MB, engine %d MB at start%n",
                DURATION.toMinutes(),
                CLIENTS,
                sorted.length,
                ok.get(),
                unavailable.get(),
                errors.get(),
                SearchClients.pct(sorted, 50),
                SearchClients.pct(sorted, 95),
                SearchClients.pct(sorted, 99),
                writes.get(),
                writeErrors.get(),
                kills.get(),
                kaikoRssStart / 1024,
                kaikoRssEnd / 1024,
                engineRssStart / 1024);

        assertThat(availability.awaitReady(Duration.ofSeconds(120))).isTrue();
        Set<Long> stored = new HashSet<>();
        await("the index holds exactly the database's topics")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    stored.clear();
                    stored.addAll(data.topicIds());
                    assertThat(data.indexedTopicIds()).isEqualTo(stored);
                });
        System.out.printf(
                "soak: index = database (%d topics) at the end; engine RSS %d MB (the engine last restarted by the"
                        + " kills)%n",
                stored.size(), rssKb(enginePid()) / 1024);
        assertThat(errors.get()).as("searches answered other than 200 or 503").isZero();
        assertThat(writeErrors.get()).as("writes that failed").isZero();
    }

    private long enginePid() {
        return lifecycle.managedEngine().orElseThrow().pid().orElseThrow();
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
