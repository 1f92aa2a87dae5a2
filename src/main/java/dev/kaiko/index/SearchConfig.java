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
     * creates. Default: left as the engine made it (OpenSearch: 1, unassigned on a single node).
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
