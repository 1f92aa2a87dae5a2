package dev.kaiko.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kaiko.search")
public interface SearchConfig {

    /**
     * true: Kaiko starts and stops its own OpenSearch node. false: it uses the cluster named in
     * quarkus.hibernate-search-orm.elasticsearch.hosts.
     */
    @WithDefault("true")
    boolean embedded();

    /** Readiness reports down when more index changes than this wait in the outbox. */
    @WithDefault("100000")
    long maxBacklog();

    /** How often the index outbox is polled for changes no writer applied itself (read by the @Scheduled poller). */
    @WithDefault("0.2s")
    java.time.Duration outboxPoll();

    /**
     * How long one batch of index writes may take before its unfinished writes count as failed (retried, then
     * parked): a write the engine never answers must not hold the outbox forever.
     */
    @WithDefault("60s")
    java.time.Duration writeTimeout();

    /**
     * Readiness reports down when a change committed to the database has waited longer than this to become
     * searchable (parked dead letters aside): the index then lags the database.
     */
    @WithDefault("2m")
    java.time.Duration maxLag();

    /** The watchdog's probe: a real query through Hibernate Search every 2 seconds. */
    Probe probe();

    interface Probe {
        /** A probe query not answered within this has failed. */
        @WithDefault("3s")
        java.time.Duration timeout();

        /**
         * Failed probes in a row after which searches answer 503 and readiness is down (one slow answer is not an
         * outage).
         */
        @WithDefault("2")
        int failures();

        /**
         * A managed engine whose process is alive but has answered no probe for this long is killed and started
         * again (a hung or frozen node); an external cluster is only reported.
         */
        @WithDefault("60s")
        java.time.Duration restartAfter();
    }

    /**
     * Liveness reports down when the index outbox poller or the engine watchdog has not run for this long: the
     * thread that runs them is gone or stuck, and only a restart of the service helps.
     */
    @WithDefault("5m")
    java.time.Duration stallAfter();

    /** How a change the engine keeps refusing is retried before it is parked as a dead letter. */
    OutboxRetry outboxRetry();

    interface OutboxRetry {
        /** Failed tries of one row before it is parked in the dead-letter table. */
        @WithDefault("8")
        int attempts();

        /** Wait after the first failure; doubled after each further one, up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        java.time.Duration backoff();

        @WithDefault("10m")
        java.time.Duration maxBackoff();
    }

    /**
     * Transaction timeout of an index rebuild's loading (the mass indexer's own, instead of the default): its
     * identifier scroll lasts as long as the whole rebuild, about 20 minutes per million topics on two cores.
     */
    @WithDefault("12h")
    java.time.Duration rebuildTransactionTimeout();

    /**
     * Primary shards of an index Kaiko creates (reindex, restore). Default: as the index it replaces (the engine's
     * default, 1, for the first one).
     */
    java.util.Optional<Integer> shards();

    /**
     * Replicas of the topic index: applied to the live index at start (a dynamic setting) and to every index Kaiko
     * creates. Default: 0 with the managed engine (a single node, where a replica is never assigned), else left as
     * the cluster makes it.
     */
    java.util.Optional<Integer> replicas();

    /** Snapshots of the topic index (POST/GET /api/admin/snapshots). */
    Snapshots snapshots();

    interface Snapshots {
        /** Name of the snapshot repository in the cluster. */
        @WithDefault("kaiko")
        String repository();

        /**
         * Directory of the {@code fs} repository, registered by Kaiko at the first snapshot; it must be listed in
         * every node's path.repo. Default with the managed engine: DATA_DIR/engine-snapshots (which Kaiko puts in
         * path.repo). With an external cluster and no location, the repository must already be registered.
         */
        java.util.Optional<String> location();
    }

    /** What to do with the index schema once the engine is up. */
    @WithDefault("create-or-validate")
    SchemaStrategy schemaStrategy();

    enum SchemaStrategy {
        /** Create a missing index; if the existing one no longer matches the mapping, rebuild it from the database. */
        CREATE_OR_VALIDATE,
        /** Always start from an empty index (tests) and reindex from the database. */
        DROP_AND_CREATE
    }
}
