package dev.kaiko.engine;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.kaiko.DataDirectory;

import io.smallrye.config.SmallRyeConfig;

/**
 * Launches the managed engine at the very start of the process, on a thread of its own, so its ~6 s of start-up
 * overlap Quarkus' boot (Flyway, Hibernate ORM and Search) instead of following it. The configuration is read with
 * Quarkus' own config builder (application.properties, system properties, environment); the index lifecycle adopts
 * the process only when its settings equal the ones CDI resolves, so a difference costs time, never correctness.
 */
public final class EarlyEngine {

    private static final Logger LOG = Logger.getLogger(EarlyEngine.class);

    private static volatile CompletableFuture<ManagedEngine> launched;

    private EarlyEngine() {}

    /** Starts launching in the background; returns at once. */
    public static void launch(Supplier<SmallRyeConfig> config) {
        CompletableFuture<ManagedEngine> future = new CompletableFuture<>();
        launched = future;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Thread t = new Thread(
                () -> {
                    try {
                        Thread.currentThread().setContextClassLoader(loader);
                        future.complete(launchNow(config.get()));
                    } catch (RuntimeException | Error e) {
                        // the lifecycle starts it again after boot and reports the failure where it is watched
                        LOG.debugf(e, "Early launch of the search engine failed");
                        future.complete(null);
                    }
                },
                "kaiko-engine-launch");
        t.setDaemon(true);
        t.start();
    }

    private static ManagedEngine launchNow(SmallRyeConfig config) {
        if (!config.getOptionalValue("kaiko.search.embedded", Boolean.class).orElse(true)) {
            return null;
        }
        EngineConfig engineConfig = config.getConfigMapping(EngineConfig.class);
        DataDirectory dataDirectory = new DataDirectory(config.getOptionalValue("kaiko.data-dir", Path.class));
        ManagedEngine engine = new ManagedEngine(engineConfig, dataDirectory);
        // registered before the launch: a launch that fails after spawning the process (e.g. the health wait of a
        // cold install on a busy machine) must not leave it running beside the engine the lifecycle then starts;
        // the lifecycle's own hook stops an adopted engine too, this one covers a boot that fails first
        Runtime.getRuntime().addShutdownHook(new Thread(engine::stop, "kaiko-engine-stop-early"));
        try {
            engine.launch();
        } catch (RuntimeException | Error e) {
            engine.stop();
            throw e;
        }
        return engine;
    }

    /**
     * The early engine when it was launched with {@code settings}; an engine launched with other settings is stopped.
     */
    static Optional<ManagedEngine> take(String settings) {
        CompletableFuture<ManagedEngine> future = launched;
        launched = null;
        if (future == null) {
            return Optional.empty();
        }
        ManagedEngine engine;
        try {
            engine = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
        if (engine == null) {
            return Optional.empty();
        }
        if (!engine.settings().equals(settings)) {
            LOG.warnf("The engine launched at start-up has other settings than the configuration; restarting it");
            engine.stop();
            return Optional.empty();
        }
        return Optional.of(engine);
    }
}
