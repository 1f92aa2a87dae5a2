package dev.kaiko.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.kaiko.DataDirectory;
import dev.kaiko.RunningUser;

/**
 * A single-node OpenSearch run as a child process (the supervisor: start, health, stop, leftovers): installed by
 * {@link EngineInstallation} from the distribution the build laid out, started as an unprivileged user when Kaiko
 * runs as root, listening on loopback only, stopped with the service.
 *
 * <p>The distribution is copied under the data directory because the build output may live below /root, which the
 * engine user cannot traverse. Data survives restarts.
 */
public class ManagedEngine {

    private static final Logger LOG = Logger.getLogger(ManagedEngine.class);

    private final EngineConfig config;
    private final Path dataDir;
    private final EngineInstallation installation;
    private Process process;

    public ManagedEngine(EngineConfig config, DataDirectory dataDirectory) {
        this.config = config;
        this.dataDir = dataDirectory.path();
        this.installation = new EngineInstallation(config, dataDir);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + config.httpPort());
    }

    /** The node's snapshot directory (listed in path.repo), for an {@code fs} snapshot repository. */
    public Path snapshotDirectory() {
        return dataDir.resolve("engine-snapshots");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The PID of the engine process, for tests that need to kill it. */
    public synchronized Optional<Long> pid() {
        return isRunning() ? Optional.of(process.pid()) : Optional.empty();
    }

    /**
     * The engine for this configuration: the one {@link EarlyEngine} launched while Quarkus booted when it was
     * launched with the same settings, else a new one (the early one, if any, is stopped).
     */
    public static ManagedEngine forConfig(EngineConfig config, DataDirectory dataDirectory) {
        ManagedEngine fresh = new ManagedEngine(config, dataDirectory);
        return EarlyEngine.take(fresh.settings()).orElse(fresh);
    }

    /** What the process depends on: an early-launched engine is adopted only when these are equal. */
    String settings() {
        return String.join(
                "|",
                dataDir.toString(),
                Integer.toString(config.httpPort()),
                Integer.toString(config.transportPort()),
                config.heap(),
                config.user(),
                config.version(),
                config.distribution().map(Path::toString).orElse(""));
    }

    /** Installs (first time), starts and waits until the node answers green or yellow. */
    public synchronized void start() {
        if (!isRunning()) {
            launch();
        }
        awaitHealthy(dataDir.resolve("engine-logs"));
    }

    /** Installs (first time) and starts the node's process without waiting for it to answer. */
    synchronized void launch() {
        if (isRunning()) {
            return;
        }
        try {
            Path home = installation.install();
            Path data = dataDir.resolve("engine-data");
            Path logs = dataDir.resolve("engine-logs");
            Files.createDirectories(data);
            Files.createDirectories(logs);
            Files.createDirectories(snapshotDirectory());
            Path tmp = dataDir.resolve("engine-tmp");
            Files.createDirectories(tmp);
            installation.writeNodeConfig(home, data, logs, snapshotDirectory());
            killLeftover();
            if (isPortOpen()) {
                throw new IllegalStateException("Port " + config.httpPort() + " is already in use: another search "
                        + "engine is running there. Stop it, set kaiko.engine.http-port, or use "
                        + "kaiko.search.embedded=false to use it.");
            }
            boolean root = RunningUser.isRoot();
            // the index, its logs and snapshots are the archive's text: readable by the engine's user alone
            for (Path dir : List.of(data, logs, snapshotDirectory(), tmp)) {
                EngineInstallation.ownerOnly(dir);
            }
            if (root) {
                EngineInstallation.ensureSystemUser(config.user());
                EngineInstallation.chownTree(dataDir.resolve("engine"), config.user());
                EngineInstallation.chownTree(data, config.user());
                EngineInstallation.chownTree(logs, config.user());
                EngineInstallation.chownTree(snapshotDirectory(), config.user());
                EngineInstallation.chownTree(tmp, config.user());
            }
            List<String> command = new ArrayList<>();
            boolean setpriv = root || SETPRIV.isPresent();
            if (setpriv) {
                // setpriv keeps our environment and execs, so the PID we hold is the engine's JVM. Its parent-death
                // signal ends the engine when Kaiko dies, even by kill -9 (see PARENT).
                command.add("setpriv");
                if (root) {
                    command.addAll(List.of(
                            "--reuid=" + config.user(),
                            "--regid=" + EngineInstallation.groupOf(config.user()),
                            "--clear-groups"));
                }
                command.add("--pdeathsig=TERM");
                command.add("--");
            } else {
                LOG.warn("setpriv (util-linux) is missing: the managed engine will outlive a killed Kaiko");
            }
            command.addAll(installation.javaCommand(home, tmp));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            logs.resolve("console.log").toFile()));
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            LOG.infof(
                    "Starting managed OpenSearch %s on 127.0.0.1:%d (data in %s)",
                    config.version(), config.httpPort(), data);
            process = startFromParentThread(pb);
            Files.writeString(dataDir.resolve("engine.pid"), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the managed search engine: " + e.getMessage(), e);
        }
    }

    /** setpriv, where util-linux installed it. */
    private static final Optional<Path> SETPRIV = java.util.stream.Stream.of("/usr/bin/setpriv", "/bin/setpriv")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();

    /**
     * The one thread that starts engine processes, alive as long as the JVM. The parent-death signal fires when the
     * thread that started the process ends, not the process: a pooled thread retired while idle would take the
     * engine with it, so the start happens on this thread, which never ends (a task's failure stays in its Future).
     */
    private static final java.util.concurrent.ExecutorService PARENT =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "kaiko-engine-parent");
                t.setDaemon(true);
                return t;
            });

    private static Process startFromParentThread(ProcessBuilder pb) throws IOException {
        try {
            return PARENT.submit(pb::start).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("Could not start the managed search engine", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting the managed search engine", e);
        }
    }

    /** Stops the node gracefully (SIGTERM), forcibly after 30 s. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        p.destroy();
        try {
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(dataDir.resolve("engine.pid"));
        } catch (IOException e) {
            LOG.debug("Could not remove engine.pid", e);
        }
        LOG.info("Managed OpenSearch stopped");
    }

    /** Kills the node at once (SIGKILL, which also ends a stopped or hung process); for a node that stopped answering. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        p.destroyForcibly();
        try {
            p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warnf("Managed OpenSearch killed (pid %d)", p.pid());
    }

    private void awaitHealthy(Path logs) {
        Instant deadline = Instant.now().plus(config.startTimeout());
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The managed search engine exited with code " + process.exitValue()
                        + " during start-up; see " + logs.resolve("console.log"));
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(baseUri().resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    LOG.infof("Managed OpenSearch is up (pid %d)", process.pid());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the search engine", e);
            }
            sleep(100); // start-up time is measured to the first answer: poll often
        }
        stop();
        throw new IllegalStateException("The managed search engine did not become healthy within "
                + config.startTimeout() + "; see " + logs.resolve("console.log"));
    }

    private boolean isPortOpen() {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", config.httpPort()), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A node left by a Kaiko that was killed: its PID file says which process is ours. */
    private void killLeftover() {
        Path pidFile = dataDir.resolve("engine.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid)
                    .filter(h -> h.info()
                            .commandLine()
                            .map(c -> c.contains("org.opensearch"))
                            .orElse(false))
                    .ifPresent(h -> {
                        LOG.warnf("Stopping a managed OpenSearch left running by an earlier start (pid %d)", pid);
                        h.destroy();
                        h.onExit()
                                .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                                .exceptionally(t -> {
                                    h.destroyForcibly();
                                    return h;
                                })
                                .join();
                    });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Ignoring unreadable engine.pid", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
