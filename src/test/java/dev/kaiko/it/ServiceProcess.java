package dev.kaiko.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The packaged service (target/quarkus-app/quarkus-run.jar) as a child process, started as the README says. */
final class ServiceProcess implements AutoCloseable {

    final int port;
    final Process process;
    final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts java -jar with these system properties (ports, data directory, schema, ...). */
    static ServiceProcess start(int port, Map<String, String> properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dquarkus.http.port=" + port));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", System.getProperty("kaiko.app.jar", "target/quarkus-app/quarkus-run.jar")));
        Path log = Files.createTempFile("kaiko-service-" + port, ".log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ServiceProcess(port, p, log);
    }

    /** Properties that put an instance on a schema of its own. */
    static Map<String, String> schema(String name) {
        return Map.of(
                "quarkus.flyway.schemas",
                name,
                "quarkus.hibernate-orm.database.default-schema",
                name,
                "quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema",
                name);
    }

    static void dropSchema(String name) throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "")) {
            c.createStatement().execute("drop schema if exists " + name + " cascade");
        }
    }

    HttpResponse<String> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String pathAndQuery, byte[] body, String token) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String pathAndQuery, String json, String token) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until GET path answers 200, or fails with the end of the log. */
    void awaitOk(String pathAndQuery, String token, Duration timeout) throws Exception {
        try {
            await(pathAndQuery + " on port " + port)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                    .failFast("the service process exited", () -> !process.isAlive())
                    .until(() -> get(pathAndQuery, token).statusCode() == 200);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(
                    pathAndQuery + " did not answer 200 on port " + port + " (" + e.getMessage() + "); log:\n" + tail(),
                    e);
        }
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** SIGTERM, as Ctrl-C or a service manager would; true when it stopped within a minute. */
    boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive() && !stop()) {
            process.destroyForcibly();
        }
    }

    /** Every hit id of the empty query, page by page, as the API lists them (duplicates kept). */
    List<Long> searchableIds(String token) throws Exception {
        var json = new ObjectMapper();
        List<Long> ids = new ArrayList<>();
        long total;
        int page = 0;
        do {
            var response = get("/api/search?q=&size=100&page=" + page++, token);
            assertThat(response.statusCode()).isEqualTo(200);
            var body = json.readTree(response.body());
            total = body.path("total").asLong();
            var hits = body.path("hits");
            hits.forEach(h -> ids.add(h.path("id").asLong()));
            if (hits.isEmpty()) {
                break;
            }
        } while (ids.size() < total);
        assertThat((long) ids.size()).as("hits listed = total reported").isEqualTo(total);
        return ids;
    }

    /** The ids of the topics stored in a test schema. */
    static Set<Long> storedIds(String schema) throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "")) {
            var rs = c.createStatement().executeQuery("select id from " + schema + ".topic");
            Set<Long> ids = new HashSet<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        }
    }

    /** Index changes still waiting in a test schema's outbox. */
    static long backlog(String schema) throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "")) {
            var rs = c.createStatement().executeQuery("select count(*) from " + schema + ".index_outbox");
            rs.next();
            return rs.getLong(1);
        }
    }
}
