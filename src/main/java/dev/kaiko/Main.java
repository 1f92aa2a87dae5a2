package dev.kaiko;

import dev.kaiko.engine.EarlyEngine;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The packaged service's entry point: launches the managed search engine first, in the background, then boots
 * Quarkus, so the two start in parallel (tests boot Quarkus without this class; there the engine starts after boot).
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        EarlyEngine.launch(() -> ConfigUtils.configBuilder()
                .withMapping(dev.kaiko.engine.EngineConfig.class)
                .build());
        Quarkus.run(args);
    }
}
