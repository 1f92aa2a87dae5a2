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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Kaiko on a real two-node OpenSearch cluster (kaiko.search.embedded=false, both hosts listed, the topic index with
 * one replica): it imports, then one node is killed while searches and imports keep running; searches keep answering,
 * imports keep landing, and once the node is back every stored topic is searchable exactly once.
 *
 * <p>Node 1 is cluster manager and data node, node 2 a data node: with two nodes only one can hold the cluster
 * manager vote, so the node killed is the other one (a cluster that must survive losing any node needs three
 * manager-eligible nodes). Node 2 is listed first in Kaiko's hosts, so the client must fall back to node 1.
 */
class ClusterIT {

    private static final String TOKEN = "cluster-it-token";
    private static final Path ROOT = Path.of("/var/tmp/kaiko-cluster-it");
    private static final String ENGINE_USER = "kaiko-engine";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void searchesAndImportsSurviveALostNode() throws Exception {
        PackagedServiceIT.deleteTree(ROOT);
        ServiceProcess.dropSchema("kaiko_cluster");
        Path home = install();
        Node one = new Node(home, 1, true);
        Node two = new Node(home, 2, false);
        Path corpora = Path.of(System.getProperty("kaiko.corpora", "../shared/corpora"));
        List<Path> twir;
        try (Stream<Path> files = Files.list(corpora.resolve("twir-2023"))) {
            twir = files.sorted().toList();
        }
        try (one;
                two) {
            one.start();
            two.start();
            await("a two-node cluster")
                    .atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> engine(19211, "/_cluster/health")
                                    .path("number_of_nodes")
                                    .asInt()
                            == 2);

            Map<String, String> props = new HashMap<>(ServiceProcess.schema("kaiko_cluster"));
            props.put("kaiko.admin.token", TOKEN);
            props.put("kaiko.archive.demo-when-empty", "false");
            props.put("kaiko.data-dir", ROOT.resolve("app").toString());
            props.put("kaiko.search.embedded", "false");
            props.put("kaiko.search.replicas", "1");
            props.put("quarkus.hibernate-search-orm.elasticsearch.hosts", "127.0.0.1:19212,127.0.0.1:19211");
            try (ServiceProcess kaiko = ServiceProcess.start(18085, props)) {
                kaiko.awaitOk("/api/search", null, Duration.ofSeconds(120));
                for (Path p : twir.subList(0, 10)) {
                    assertThat(kaiko.post(
                                            "/api/imports?filename=" + p.getFileName(),
                                            dev.kaiko.support.Corpora.bytes(p),
                                            TOKEN)
                                    .statusCode())
                            .isEqualTo(200);
                }
                await("the topic index is green: a primary and a replica on two nodes")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> "green"
                                .equals(engine(19211, "/_cluster/health/topics-read")
                                        .path("status")
                                        .asText()));
                JsonNode settings =
                        engine(19211, "/topics-read/_settings").elements().next();
                assertThat(settings.path("settings")
                                .path("index")
                                .path("number_of_replicas")
                                .asText())
                        .isEqualTo("1");

                // a searcher runs throughout; imports go on while node 2 dies, is gone, and comes back
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicInteger searches = new AtomicInteger();
                AtomicInteger searchesWhileDown = new AtomicInteger();
                AtomicBoolean down = new AtomicBoolean();
                List<String> failures = Collections.synchronizedList(new ArrayList<>());
                ExecutorService pool = Executors.newSingleThreadExecutor();
                Future<?> searcher = pool.submit(() -> {
                    String[] queries = {"", "Rust", "async", "compiler", "release"};
                    while (running.get()) {
                        String q = queries[searches.get() % queries.length];
                        try {
                            var r = kaiko.get("/api/search?size=5&q=" + q, null);
                            if (r.statusCode() != 200) {
                                failures.add("search " + q + ": " + r.statusCode() + " " + r.body());
                            }
                        } catch (IOException e) {
                            failures.add("search " + q + ": " + e);
                        }
                        searches.incrementAndGet();
                        if (down.get()) {
                            searchesWhileDown.incrementAndGet();
                        }
                        Thread.sleep(50);
                    }
                    return null;
                });
                importAll(kaiko, twir.subList(10, 14));
                long killedAt = System.nanoTime();
                two.kill();
                down.set(true);
                importAll(kaiko, twir.subList(14, 16));
                await("the cluster noticed node 2 is gone")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions()
                        .until(() -> engine(19211, "/_cluster/health")
                                        .path("number_of_nodes")
                                        .asInt()
                                == 1);
                int storedAtLoss = ServiceProcess.storedIds("kaiko_cluster").size();
                importAll(kaiko, twir.subList(16, 24));
                Set<Long> storedWhileDown = ServiceProcess.storedIds("kaiko_cluster");
                await("topics imported while node 2 is gone are searchable")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(300))
                        .untilAsserted(() -> assertThat(new HashSet<>(kaiko.searchableIds(null)))
                                .isEqualTo(storedWhileDown));
                long downSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
                two.start();
                down.set(false);
                importAll(kaiko, twir.subList(24, 30));
                running.set(false);
                searcher.get(30, TimeUnit.SECONDS);
                pool.shutdown();
                System.out.printf(
                        "Cluster: node 2 down for %d s; %d searches (%d while down), %d topics imported while the"
                                + " cluster had one node, %d failures%n",
                        downSeconds,
                        searches.get(),
                        searchesWhileDown.get(),
                        storedWhileDown.size() - storedAtLoss,
                        failures.size());
                assertThat(storedWhileDown.size())
                        .as("imports landed while down")
                        .isGreaterThan(storedAtLoss);
                assertThat(failures)
                        .as("every search answered while a node was lost")
                        .isEmpty();

                await("node 2 rejoined and the replica is rebuilt")
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions()
                        .until(() -> engine(19211, "/_cluster/health/topics-read")
                                                .path("number_of_nodes")
                                                .asInt()
                                        == 2
                                && "green"
                                        .equals(engine(19211, "/_cluster/health/topics-read")
                                                .path("status")
                                                .asText()));
                await("the outbox drained")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(300))
                        .until(() -> ServiceProcess.backlog("kaiko_cluster"), n -> n == 0L);
                Set<Long> stored = ServiceProcess.storedIds("kaiko_cluster");
                await("every stored topic searchable exactly once")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            List<Long> ids = kaiko.searchableIds(null);
                            assertThat(ids).doesNotHaveDuplicates();
                            assertThat(new HashSet<>(ids)).isEqualTo(stored);
                        });
                System.out.printf("Cluster: %d topics stored, each searchable exactly once%n", stored.size());
            }
        }
    }

    /** Imports each file; every one must be accepted. */
    private static void importAll(ServiceProcess kaiko, List<Path> files) throws Exception {
        for (Path p : files) {
            var r = kaiko.post("/api/imports?filename=" + p.getFileName(), dev.kaiko.support.Corpora.bytes(p), TOKEN);
            assertThat(r.statusCode())
                    .as("import of %s: %s", p.getFileName(), r.body())
                    .isEqualTo(200);
        }
    }

    /** The distribution the build laid out, copied where the engine user can read it (the build may be below /root). */
    private static Path install() throws IOException {
        Path dist;
        try (Stream<Path> dirs = Files.list(Path.of("target/engine"))) {
            dist = dirs.filter(d -> d.getFileName().toString().startsWith("opensearch-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/engine/opensearch-*: run ./mvnw package"));
        }
        Path home = ROOT.resolve("opensearch");
        try (Stream<Path> walk = Files.walk(dist)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = home.resolve(dist.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return home;
    }

    /** One OpenSearch node as a child process, on loopback ports of its own, as the engine user when root. */
    private static final class Node implements AutoCloseable {
        private final Path home;
        private final int n;
        private final boolean manager;
        private Process process;

        Node(Path home, int n, boolean manager) {
            this.home = home;
            this.n = n;
            this.manager = manager;
        }

        void start() throws IOException {
            Path dir = ROOT.resolve("node-" + n);
            Path conf = dir.resolve("config");
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("logs"));
            if (!Files.exists(conf)) {
                Path source = home.resolve("config");
                try (Stream<Path> walk = Files.walk(source)) {
                    for (Path f : (Iterable<Path>) walk::iterator) {
                        Path dest = conf.resolve(source.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(dest);
                        } else {
                            Files.copy(f, dest);
                        }
                    }
                }
                Path jvm = conf.resolve("jvm.options");
                Files.writeString(
                        jvm,
                        Files.readString(jvm)
                                .replaceAll("(?m)^9-:-Xlog:gc.*$", "")
                                .replaceAll("(?m)^-Xm[sx]1g$", ""));
                Files.writeString(
                        conf.resolve("opensearch.yml"),
                        String.join(
                                "\n",
                                "cluster.name: kaiko-cluster-it",
                                "node.name: node-" + n,
                                "node.roles: " + (manager ? "[cluster_manager, data, ingest]" : "[data, ingest]"),
                                "network.host: 127.0.0.1",
                                "http.port: " + (19210 + n),
                                "transport.port: " + (19310 + n),
                                "discovery.seed_hosts: [\"127.0.0.1:19311\", \"127.0.0.1:19312\"]",
                                "cluster.initial_cluster_manager_nodes: [\"node-1\"]",
                                "path.data: " + dir.resolve("data"),
                                "path.logs: " + dir.resolve("logs"),
                                "cluster.routing.allocation.disk.threshold_enabled: false",
                                "action.auto_create_index: false",
                                ""));
            }
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                chown(ROOT);
                command.addAll(
                        List.of("setpriv", "--reuid=" + ENGINE_USER, "--regid=" + ENGINE_USER, "--clear-groups", "--"));
            }
            command.add(home.resolve("bin/opensearch").toString());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("console.log").toFile()));
            pb.environment().put("OPENSEARCH_PATH_CONF", conf.toString());
            pb.environment().put("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"));
            pb.environment().put("OPENSEARCH_JAVA_OPTS", "-Xms256m -Xmx256m");
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            process = pb.start();
        }

        /** SIGKILL: a node lost without a goodbye. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static void chown(Path root) throws IOException {
        try {
            Process p = new ProcessBuilder("chown", "-R", ENGINE_USER + ":" + ENGINE_USER, root.toString())
                    .redirectErrorStream(true)
                    .start();
            if (p.waitFor() != 0) {
                throw new IOException("chown failed: "
                        + new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static JsonNode engine(int port, String path) throws IOException, InterruptedException {
        var r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
