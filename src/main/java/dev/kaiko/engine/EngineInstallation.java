package dev.kaiko.engine;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import dev.kaiko.RunningUser;

/**
 * The managed engine's files: finds the distribution the build laid out, copies it under the data directory once
 * (the build output may live below /root, which the engine user cannot traverse; a fingerprint marker says the copy
 * is whole and current), writes the node's configuration, and hands trees to the engine user.
 */
final class EngineInstallation {

    private static final Logger LOG = Logger.getLogger(EngineInstallation.class);

    private final EngineConfig config;
    private final Path dataDir;

    EngineInstallation(EngineConfig config, Path dataDir) {
        this.config = config;
        this.dataDir = dataDir;
    }

    /** Copies the distribution to data-dir/engine/opensearch-VERSION once; a marker file says the copy is whole. */
    Path install() throws IOException {
        Path target = dataDir.resolve("engine").resolve("opensearch-" + config.version());
        Path marker = target.resolve(".kaiko-installed");
        Path source = distribution();
        String fingerprint = fingerprint(source);
        if (Files.exists(marker) && Files.readString(marker).equals(fingerprint)) {
            return target;
        }
        LOG.infof("Installing the search engine from %s into %s", source, target);
        if (Files.exists(target)) {
            deleteTree(target);
        }
        Files.createDirectories(target);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.writeString(marker, fingerprint);
        return target;
    }

    /** Version plus the modules' files and sizes: a rebuilt distribution with other modules is installed again. */
    private String fingerprint(Path source) throws IOException {
        StringBuilder sb = new StringBuilder(config.version()).append('\n');
        try (Stream<Path> walk = Files.walk(source.resolve("modules"))) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                sb.append(source.relativize(p))
                        .append(' ')
                        .append(Files.size(p))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private Path distribution() {
        if (config.distribution().isPresent()) {
            return requireDistribution(config.distribution().get());
        }
        String name = "engine/opensearch-" + config.version();
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(EngineInstallation.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            LOG.debug("No code source location", e);
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                for (Path candidate :
                        List.of(dir.resolve(name), dir.resolve("target").resolve(name))) {
                    if (Files.isRegularFile(candidate.resolve("bin/opensearch"))) {
                        return requireDistribution(candidate);
                    }
                }
            }
        }
        throw new IllegalStateException("No OpenSearch distribution found (looked for " + name
                + " next to the application). Build with ./mvnw package, set kaiko.engine.distribution, or use "
                + "kaiko.search.embedded=false with an external cluster.");
    }

    private static Path requireDistribution(Path dir) {
        if (!Files.isRegularFile(dir.resolve("bin/opensearch"))
                || !Files.isDirectory(dir.resolve("modules/analysis-common"))) {
            throw new IllegalStateException(dir + " is not an OpenSearch distribution with modules/analysis-common");
        }
        return dir;
    }

    /** opensearch.yml (loopback, ports, paths, snapshot repository root) and jvm.options, rewritten at every start. */
    void writeNodeConfig(Path home, Path data, Path logs, Path snapshots) throws IOException {
        String yml = String.join(
                "\n",
                "# Written by Kaiko at every start; edit kaiko.engine.* instead.",
                "cluster.name: kaiko",
                "node.name: kaiko-managed",
                "discovery.type: single-node",
                "network.host: 127.0.0.1",
                "http.port: " + config.httpPort(),
                "transport.port: " + config.transportPort(),
                "path.data: " + data,
                "path.logs: " + logs,
                // fs snapshot repositories may live only below path.repo
                "path.repo: " + snapshots,
                // a small single node: keep disk watermarks from blocking writes on nearly full dev disks
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "action.auto_create_index: false",
                "");
        Files.writeString(home.resolve("config/opensearch.yml"), yml, StandardCharsets.UTF_8);
        // GC logs would grow without bound in a long-lived dev install; the console log is enough.
        Path jvmOptions = home.resolve("config/jvm.options");
        String options = Files.readString(jvmOptions)
                .replaceAll("(?m)^9-:-Xlog:gc.*$", "")
                .replaceAll("(?m)^-Xm[sx]1g$", "");
        Files.writeString(jvmOptions, options);
    }

    /**
     * The engine's JVM command line as bin/opensearch builds it, without the five short-lived JVMs the script starts
     * first (java -version, version check, temp directory, keystore check, jvm.options parser): on two cores they
     * cost seconds of every start. The parser runs once per installation, heap and jvm.options; its output is kept.
     */
    List<String> javaCommand(Path home, Path tmp) throws IOException {
        String java = Path.of(javaHome(), "bin", "java").toString();
        String classpath = home.resolve("lib") + "/*";
        Path config = home.resolve("config");
        Path cache = home.resolve(".kaiko-jvm-options");
        String key = heapOptions() + " " + tmp + " "
                + Files.readString(config.resolve("jvm.options")).hashCode();
        List<String> lines = Files.exists(cache) ? Files.readAllLines(cache) : List.of();
        String options;
        if (lines.size() == 2 && lines.get(0).equals(key)) {
            options = lines.get(1);
        } else {
            ProcessBuilder pb = new ProcessBuilder(
                            java,
                            "-Xshare:auto",
                            "-cp",
                            classpath,
                            "org.opensearch.tools.launchers.JvmOptionsParser",
                            config.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("OPENSEARCH_JAVA_OPTS", heapOptions());
            pb.environment().put("OPENSEARCH_TMPDIR", tmp.toString());
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            Process p = pb.start();
            options = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            try {
                if (p.waitFor() != 0 || options.isEmpty()) {
                    throw new IOException("the engine's jvm.options parser failed (exit " + p.exitValue() + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while parsing the engine's jvm.options", e);
            }
            Files.writeString(cache, key + "\n" + options + "\n");
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto"));
        for (String option : options.split("\\s+")) {
            // the launcher's default; touching the whole heap up front only delays a small node's start
            if (!option.equals("-XX:+AlwaysPreTouch")) {
                command.add(option);
            }
        }
        // a class-data archive of the engine's own classes: its start-up takes about a third less CPU. The first
        // run of an installation writes it when the node stops; an unusable one is ignored (-Xshare:auto).
        Path archive = home.resolve("kaiko-classes.jsa");
        command.add(Files.exists(archive) ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + archive);
        command.addAll(List.of(
                "-Dopensearch.path.home=" + home,
                "-Dopensearch.path.conf=" + config,
                "-Dopensearch.distribution.type=zip",
                "-Dopensearch.bundled_jdk=false",
                "-cp",
                classpath,
                "org.opensearch.bootstrap.OpenSearch"));
        return command;
    }

    String heapOptions() {
        return "-Xms" + config.heap() + " -Xmx" + config.heap();
    }

    static String javaHome() {
        return System.getProperty("java.home");
    }

    static String groupOf(String user) {
        try {
            Process p = new ProcessBuilder("id", "-gn", user)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && !out.isEmpty() ? out : user;
        } catch (IOException e) {
            return user;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return user;
        }
    }

    /**
     * Hands a tree to the engine user without following symbolic links: a link planted in the engine's data or log
     * directory (which that user can write) must not make root change the owner of whatever it points to. Links are
     * left alone, and the walk does not descend through them.
     */
    /** rwx for the owner only (the engine's user once handed over): other users cannot list or read it. */
    static void ownerOnly(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            LOG.debugf("No POSIX permissions on %s", dir);
        }
    }

    static void chownTree(Path root, String user) throws IOException {
        if (Files.isSymbolicLink(root)) {
            throw new IOException(root + " is a symbolic link: refusing to hand it to the engine user");
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                RunningUser.chown(dir, user);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isSymbolicLink()) {
                    RunningUser.chown(file, user);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * The engine runs as its own system user, shared with no other daemon (so a compromise of the engine reaches only
     * the engine's files). Created on first start when Kaiko runs as root and it does not exist yet.
     */
    static void ensureSystemUser(String user) throws IOException {
        if (run("id", "-u", user) == 0) {
            return;
        }
        LOG.infof("Creating system user '%s' for the managed search engine", user);
        int rc = run(
                "useradd",
                "--system",
                "--user-group",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                "--comment",
                "Kaiko managed search engine",
                user);
        // 9: created meanwhile by a second instance sharing this machine
        if (rc != 0 && rc != 9) {
            throw new IOException(
                    "Could not create the system user '" + user + "' for the search engine (useradd " + "exit " + rc
                            + "). Create it yourself, or set kaiko.engine.user to an existing unprivileged user.");
        }
    }

    private static int run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command[0], e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
