package dev.kaiko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The packaged service started the way the README says (java -jar), on a fresh data directory and database schema:
 * it installs and starts its own OpenSearch, imports the demo archive, answers a search within 30 s of launch, and
 * leaves no engine process behind when stopped. Ports, data directory and schema are its own so a developer's
 * running instance is not disturbed.
 */
class PackagedServiceIT {

    private static final Path DATA = Path.of("/var/tmp/kaiko-packaged-it");
    private static final int HTTP_PORT = 18082;

    @Test
    void startsWithItsOwnEngineAnswersWithin30sAndLeavesNothingBehind() throws Exception {
        deleteTree(DATA);
        try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "")) {
            c.createStatement().execute("drop schema if exists kaiko_it cascade");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkaiko.data-dir=" + DATA,
                "-Dquarkus.http.port=" + HTTP_PORT,
                "-Dkaiko.engine.http-port=19202",
                "-Dkaiko.engine.transport-port=19302",
                "-Dquarkus.flyway.schemas=kaiko_it",
                "-Dquarkus.hibernate-orm.database.default-schema=kaiko_it",
                "-Dquarkus.datasource.jdbc.additional-jdbc-properties.currentSchema=kaiko_it",
                "-jar", System.getProperty("kaiko.app.jar", "target/quarkus-app/quarkus-run.jar")));
        Path log = Files.createTempFile("kaiko-packaged", ".log");
        long launched = System.nanoTime();
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long enginePid = -1;
        try {
            HttpClient http = HttpClient.newHttpClient();
            String body = null;
            while (System.nanoTime() - launched < Duration.ofSeconds(30).toNanos()) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/search?q=eBPF")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && totalOf(r.body()) > 0) {
                        body = r.body();
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - launched);
            if (body == null) {
                fail("No search results for eBPF within 30 s of launch; log:\n" + tail(log));
            }
            System.out.printf("Packaged service answered /api/search?q=eBPF with results %d s after launch%n", seconds);
            enginePid = Long.parseLong(Files.readString(DATA.resolve("engine.pid")).strip());
            assertTrue(ProcessHandle.of(enginePid).map(ProcessHandle::isAlive).orElse(false), "engine should run");
        } finally {
            service.destroy(); // SIGTERM, as Ctrl-C or a service manager would
            assertTrue(service.waitFor(60, TimeUnit.SECONDS), "service should stop within 60 s");
        }
        if (enginePid > 0) {
            long pid = enginePid;
            assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true),
                    "the engine process " + pid + " should be gone after the service stopped");
        }
        long leftovers = ProcessHandle.allProcesses().filter(h -> h.info().commandLine()
                .map(c -> c.contains("org.opensearch.bootstrap") && c.contains(DATA.toString())).orElse(false))
                .count();
        assertEquals(0, leftovers, "no engine process of this data directory may remain");
    }

    private static long totalOf(String json) {
        Matcher m = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void deleteTree(Path root) throws IOException {
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
