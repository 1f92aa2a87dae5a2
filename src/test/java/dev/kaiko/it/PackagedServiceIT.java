package dev.kaiko.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The packaged service started the way the README says (java -jar), on a fresh data directory and database schema:
 * it installs and starts its own OpenSearch, imports the demo archive, answers a search within 30 s of launch, and
 * leaves no engine process behind when stopped. Ports, data directory and schema are its own so a developer's
 * running instance is not disturbed.
 */
class PackagedServiceIT {

    private static final Path DATA = Path.of("/var/tmp/kaiko-packaged-it");

    @Test
    void startsWithItsOwnEngineAnswersWithin30sAndLeavesNothingBehind() throws Exception {
        deleteTree(DATA);
        ServiceProcess.dropSchema("kaiko_it");
        Map<String, String> props = new HashMap<>(ServiceProcess.schema("kaiko_it"));
        props.put("kaiko.data-dir", DATA.toString());
        props.put("kaiko.engine.http-port", "19202");
        props.put("kaiko.engine.transport-port", "19302");
        long launched = System.nanoTime();
        long enginePid;
        try (ServiceProcess service = ServiceProcess.start(18082, props)) {
            try {
                await("search results for eBPF")
                        .atMost(Duration.ofSeconds(30).minusNanos(System.nanoTime() - launched))
                        .pollInterval(Duration.ofMillis(250))
                        .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                        .until(
                                () -> service.get("/api/search?q=eBPF", null),
                                r -> r.statusCode() == 200 && totalOf(r.body()) > 0);
            } catch (ConditionTimeoutException e) {
                fail("No search results for eBPF within 30 s of launch; log:\n" + service.tail());
            }
            System.out.printf(
                    "Packaged service answered /api/search?q=eBPF with results %d s after launch%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - launched));
            enginePid =
                    Long.parseLong(Files.readString(DATA.resolve("engine.pid")).strip());
            assertTrue(ProcessHandle.of(enginePid).map(ProcessHandle::isAlive).orElse(false), "engine should run");
            assertTrue(service.stop(), "service should stop within 60 s");
        }
        assertTrue(
                ProcessHandle.of(enginePid).map(h -> !h.isAlive()).orElse(true),
                "the engine process " + enginePid + " should be gone after the service stopped");
        long leftovers = ProcessHandle.allProcesses()
                .filter(h -> h.info()
                        .commandLine()
                        .map(c -> c.contains("org.opensearch.bootstrap") && c.contains(DATA.toString()))
                        .orElse(false))
                .count();
        assertEquals(0, leftovers, "no engine process of this data directory may remain");

        // a normal restart, then kill -9 of the service: its engine ends with it, and the start after the crash
        // is as quick as the normal one (no old node to wait for)
        long normal = timeToSearch(props);
        long crashPid;
        try (ServiceProcess service = ServiceProcess.start(18082, props)) {
            awaitSearch(service, Duration.ofSeconds(60));
            crashPid =
                    Long.parseLong(Files.readString(DATA.resolve("engine.pid")).strip());
            service.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            service.process.waitFor(10, TimeUnit.SECONDS);
            long killed = System.nanoTime();
            await("the engine " + crashPid + " ends with its killed service")
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() ->
                            ProcessHandle.of(crashPid).map(h -> !h.isAlive()).orElse(true));
            System.out.printf(
                    "Engine gone %d ms after kill -9 of its service%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
        }
        long afterCrash = timeToSearch(props);
        System.out.printf(
                "Start to first search result: normal restart %d ms, after kill -9 %d ms%n", normal, afterCrash);
        assertTrue(
                afterCrash <= Math.max(normal * 3 / 2, normal + 5_000),
                "a start after a crash (" + afterCrash + " ms) should be as quick as a normal one (" + normal + " ms)");
    }

    /** Milliseconds from launch to the first search result, then a clean stop. */
    private static long timeToSearch(Map<String, String> props) throws Exception {
        long launched = System.nanoTime();
        try (ServiceProcess service = ServiceProcess.start(18082, props)) {
            awaitSearch(service, Duration.ofSeconds(90));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
            assertTrue(service.stop(), "service should stop within 60 s");
            return ms;
        }
    }

    private static void awaitSearch(ServiceProcess service, Duration within) throws IOException {
        try {
            await("search results for eBPF")
                    .atMost(within)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(
                            () -> service.get("/api/search?q=eBPF", null),
                            r -> r.statusCode() == 200 && totalOf(r.body()) > 0);
        } catch (ConditionTimeoutException e) {
            fail("No search results for eBPF within " + within + "; log:\n" + service.tail());
        }
    }

    static long totalOf(String json) {
        Matcher m = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
