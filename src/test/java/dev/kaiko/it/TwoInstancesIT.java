package dev.kaiko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Two service processes share one database and one engine: the first runs the managed engine, the second uses it
 * as an external cluster (kaiko.search.embedded=false) and keeps reads private. Imports through either are
 * searchable through the other, and the index holds each stored topic exactly once.
 */
class TwoInstancesIT {

    private static final String TOKEN = "two-instances-token";
    private static final Path DATA = Path.of("/var/tmp/kaiko-two-instances-it");

    @Test
    void instancesShareTheWorkWithoutDuplicatesOrLoss() throws Exception {
        PackagedServiceIT.deleteTree(DATA);
        ServiceProcess.dropSchema("kaiko_two");
        Map<String, String> common = new HashMap<>(ServiceProcess.schema("kaiko_two"));
        common.put("kaiko.admin.token", TOKEN);
        common.put("kaiko.archive.demo-when-empty", "false");
        Map<String, String> first = new HashMap<>(common);
        first.put("kaiko.data-dir", DATA.toString());
        first.put("kaiko.engine.http-port", "19204");
        first.put("kaiko.engine.transport-port", "19304");
        Map<String, String> second = new HashMap<>(common);
        second.put("kaiko.data-dir", DATA + "-b");
        second.put("kaiko.search.embedded", "false");
        second.put("quarkus.hibernate-search-orm.elasticsearch.hosts", "127.0.0.1:19204");
        second.put("kaiko.security.public-read", "false");

        Path corpora = Path.of(System.getProperty("kaiko.corpora", "../shared/corpora"));
        try (ServiceProcess a = ServiceProcess.start(18083, first)) {
            a.awaitOk("/api/search", null, Duration.ofSeconds(120));
            try (ServiceProcess b = ServiceProcess.start(18084, second)) {
                b.awaitOk("/api/search", TOKEN, Duration.ofSeconds(120));
                assertEquals(401, b.get("/api/search", null).statusCode(), "reads are private on the second");

                assertEquals(200, a.post("/api/imports?filename=seed.txt",
                        Files.readAllBytes(corpora.resolve("neco-weekly-2023-12-22.txt")), TOKEN).statusCode());
                try (Stream<Path> twir = Files.list(corpora.resolve("twir-2023"))) {
                    for (Path p : twir.sorted().limit(10).toList()) {
                        assertEquals(200, b.post("/api/imports?filename=" + p.getFileName(), Files.readAllBytes(p),
                                TOKEN).statusCode());
                    }
                }
                assertEquals(200, a.post("/api/imports?filename=2023-03.json",
                        Files.readAllBytes(corpora.resolve("jser-2023/2023-03.json")), TOKEN).statusCode());

                long stored = storedTopics();
                long viaA = PackagedServiceIT.totalOf(a.get("/api/search?q=", null).body());
                long viaB = PackagedServiceIT.totalOf(b.get("/api/search?q=", TOKEN).body());
                System.out.printf("Two instances: %d topics stored, %d searchable via the first, %d via the second%n",
                        stored, viaA, viaB);
                assertEquals(stored, viaA, "every stored topic once in the index (no duplicates, no loss)");
                assertEquals(stored, viaB);
                String openBao = b.get("/api/search?q=OpenBao", TOKEN).body();
                org.junit.jupiter.api.Assertions.assertTrue(PackagedServiceIT.totalOf(openBao) >= 1
                        && openBao.contains("「OpenBao」がLinux Foundation傘下で進行中"),
                        "the first instance's import is searchable through the second");
                assertEquals(0L, backlog(), "both outboxes drained");
            }
        }
    }

    private static long storedTopics() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "")) {
            var rs = c.createStatement().executeQuery("select count(*) from kaiko_two.topic");
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long backlog() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "")) {
            var rs = c.createStatement().executeQuery("select count(*) from kaiko_two.index_outbox");
            rs.next();
            return rs.getLong(1);
        }
    }
}
