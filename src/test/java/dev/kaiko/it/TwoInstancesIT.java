package dev.kaiko.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two service processes share one database and one engine: the first runs the managed engine, the second uses it
 * as an external cluster (kaiko.search.embedded=false) and keeps reads private. Imports run through both at the
 * same time, then a re-import through the second removes topics; afterwards the topics searchable through either
 * instance are exactly the topics in the database: every id once, none missing, none left over.
 */
class TwoInstancesIT {

    private static final String TOKEN = "two-instances-token";
    private static final Path DATA = Path.of("/var/tmp/kaiko-two-instances-it");
    private static final ObjectMapper JSON = new ObjectMapper();

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
        List<Path> twir;
        try (Stream<Path> files = Files.list(corpora.resolve("twir-2023"))) {
            twir = files.sorted().limit(10).toList();
        }
        try (ServiceProcess a = ServiceProcess.start(18083, first)) {
            a.awaitOk("/api/search", null, Duration.ofSeconds(120));
            try (ServiceProcess b = ServiceProcess.start(18084, second)) {
                b.awaitOk("/api/search", TOKEN, Duration.ofSeconds(120));
                assertThat(b.get("/api/search", null).statusCode())
                        .as("reads are private on the second")
                        .isEqualTo(401);

                // imports through both instances at once
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    Future<?> viaA = pool.submit(() -> {
                        assertThat(a.post(
                                                "/api/imports?filename=seed.txt",
                                                Files.readAllBytes(corpora.resolve("neco-weekly-2023-12-22.txt")),
                                                TOKEN)
                                        .statusCode())
                                .isEqualTo(200);
                        assertThat(a.post(
                                                "/api/imports?filename=2023-03.json",
                                                dev.kaiko.support.Corpora.bytes(
                                                        corpora.resolve("jser-2023/2023-03.json")),
                                                TOKEN)
                                        .statusCode())
                                .isEqualTo(200);
                        return null;
                    });
                    Future<?> viaB = pool.submit(() -> {
                        for (Path p : twir) {
                            assertThat(b.post(
                                                    "/api/imports?filename=" + p.getFileName(),
                                                    dev.kaiko.support.Corpora.bytes(p),
                                                    TOKEN)
                                            .statusCode())
                                    .as("import of %s", p.getFileName())
                                    .isEqualTo(200);
                        }
                        return null;
                    });
                    viaA.get();
                    viaB.get();
                } finally {
                    pool.shutdownNow();
                }
                long storedBefore = ServiceProcess.storedIds("kaiko_two").size();

                // a re-import through the second drops every other topic bullet of one issue: those topics go
                Path shrunk = twir.get(0);
                String text = Files.readString(shrunk, StandardCharsets.UTF_8);
                int[] bullet = {0};
                String fewer = text.lines()
                        .filter(l -> !l.startsWith("* [") || bullet[0]++ % 2 == 0)
                        .collect(Collectors.joining("\n", "", "\n"));
                assertThat(b.post(
                                        "/api/imports?filename=" + shrunk.getFileName(),
                                        fewer.getBytes(StandardCharsets.UTF_8),
                                        TOKEN)
                                .statusCode())
                        .isEqualTo(200);
                Set<Long> stored = ServiceProcess.storedIds("kaiko_two");
                System.out.printf(
                        "Two instances: %d topics stored, %d after the shrinking re-import%n",
                        storedBefore, stored.size());
                assertThat(stored.size()).as("the re-import removed topics").isLessThan((int) storedBefore);

                await("both outboxes drained")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> ServiceProcess.backlog("kaiko_two"), n -> n == 0L);
                // the index is refreshed asynchronously: allow it a moment, then it must hold exactly the stored topics
                await("the index holds exactly the stored topics")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            for (var instance : List.of(Map.entry(a, ""), Map.entry(b, TOKEN))) {
                                String token = instance.getValue().isEmpty() ? null : instance.getValue();
                                List<Long> searchable = instance.getKey().searchableIds(token);
                                String which = "instance on port " + instance.getKey().port;
                                assertThat(searchable)
                                        .as("%s: no topic twice in the index", which)
                                        .doesNotHaveDuplicates();
                                assertThat(new HashSet<>(searchable))
                                        .as("%s: the searchable topics are the stored ones", which)
                                        .isEqualTo(stored);
                            }
                        });
                System.out.printf(
                        "Two instances: %d topics stored, the same %d ids searchable through each%n",
                        stored.size(), stored.size());
                String openBao = b.get("/api/search?q=OpenBao", TOKEN).body();
                assertThat(PackagedServiceIT.totalOf(openBao)).isGreaterThanOrEqualTo(1);
                assertThat(openBao)
                        .as("the first instance's import is searchable through the second")
                        .contains("「OpenBao」がLinux Foundation傘下で進行中");

                // A year review cached by the first instance follows a tag edit made through the second
                String year = "2023";
                JsonNode before = JSON.readTree(
                        a.get("/api/years/" + year + "/review", null).body());
                long technologies = before.path("totals").path("technologies").asLong();
                assertThat(technologies).isPositive();
                String absent = Stream.of("Erlang", "OCaml", "Haskell", "Elixir", "Fortran")
                        .filter(t -> {
                            try {
                                return PackagedServiceIT.totalOf(
                                                b.get("/api/search?q=&year=" + year + "&tag=" + t, TOKEN)
                                                        .body())
                                        == 0;
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .findFirst()
                        .orElseThrow();
                JsonNode hit = JSON.readTree(b.get("/api/search?q=&year=" + year + "&size=1", TOKEN)
                                .body())
                        .path("hits")
                        .path(0);
                long topic = hit.path("id").asLong();
                List<String> tags = new ArrayList<>();
                hit.path("tags").forEach(t -> tags.add(t.asText()));
                tags.add(absent); // its other technologies stay, so the year gains exactly one
                assertThat(a.get("/api/years/" + year + "/review", null).body())
                        .as("the first instance answers from its cache")
                        .contains("\"technologies\":" + technologies);
                var edit =
                        b.put("/api/topics/" + topic + "/tags", JSON.writeValueAsString(Map.of("tags", tags)), TOKEN);
                assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
                await("the first instance's cached review shows the edit made through the second")
                        .atMost(Duration.ofSeconds(15))
                        .pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(JSON.readTree(a.get("/api/years/" + year + "/review", null)
                                                .body())
                                        .path("totals")
                                        .path("technologies")
                                        .asLong())
                                .as("distinct technologies of %s after tagging a topic %s", year, absent)
                                .isEqualTo(technologies + 1));
            }
        }
    }
}
