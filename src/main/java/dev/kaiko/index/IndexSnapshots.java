package dev.kaiko.index;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kaiko.jobs.BackgroundJobs;

/**
 * Snapshots of the topic index in an OpenSearch snapshot repository ({@code fs} under the managed node's data
 * directory, or one the operator registered on an external cluster), and restoring one: the snapshot's index comes
 * back under a new name and both aliases move to it in one atomic action, then the index it replaces is dropped.
 * The database side of a backup is GET /api/export.
 */
@ApplicationScoped
public class IndexSnapshots {

    private static final Logger LOG = Logger.getLogger(IndexSnapshots.class);
    private static final Pattern TOPIC_INDEX = Pattern.compile("topics-\\d{6}");
    /** Snapshot names as OpenSearch accepts them (lower case, no spaces or separators). */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}");

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    @Inject
    EngineClient engine;

    @Inject
    TopicIndexes indexes;

    @Inject
    SearchConfig config;

    @Inject
    SearchEngineLifecycle lifecycle;

    @Inject
    SearchAvailability availability;

    @Inject
    BackgroundJobs jobs;

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger sequence = new AtomicInteger();

    /** One snapshot as the API lists it. */
    public record Snapshot(
            String name,
            String state,
            List<String> indices,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("finished_at") Instant finishedAt) {}

    /** No snapshot of that name in the repository. */
    public static class UnknownSnapshot extends RuntimeException {
        public UnknownSnapshot(String name) {
            super("No snapshot named '" + name + "'");
        }
    }

    /** The operation cannot run now or on this snapshot (repository missing, index busy, no topic index in it). */
    public static class SnapshotRefused extends RuntimeException {
        public SnapshotRefused(String message) {
            super(message);
        }
    }

    /** Snapshots the index searches read now; returns once the snapshot is complete. */
    public Snapshot create() {
        requireSearch();
        String name = "kaiko-" + STAMP.format(Instant.now()) + "-" + sequence.incrementAndGet();
        lockMaintenance();
        try {
            ensureRepository();
            ObjectNode body = json.createObjectNode();
            body.put("indices", indexes.readIndex());
            body.put("include_global_state", false);
            EngineClient.Reply reply = engine.send(
                    "PUT", "/_snapshot/" + repository() + "/" + name + "?wait_for_completion=true", body.toString());
            if (!reply.ok()) {
                throw new SnapshotRefused("The search engine refused the snapshot: " + firstLine(reply.body()));
            }
            Snapshot snapshot = snapshotOf(json.readTree(reply.body()).path("snapshot"));
            LOG.infof("Snapshot %s of %s: %s", name, snapshot.indices(), snapshot.state());
            return snapshot;
        } catch (IOException e) {
            throw new SearchUnavailableException("The search engine did not answer: " + e.getMessage(), e);
        } finally {
            indexes.unlock();
        }
    }

    /** Every snapshot in the repository, oldest first. */
    public List<Snapshot> list() {
        requireSearch();
        try {
            ensureRepository();
            EngineClient.Reply reply = engine.send("GET", "/_snapshot/" + repository() + "/_all", null);
            if (reply.status() == 404) {
                throw new SnapshotRefused(missingRepository());
            }
            if (!reply.ok()) {
                throw new SnapshotRefused("The search engine refused to list snapshots: " + firstLine(reply.body()));
            }
            List<Snapshot> out = new ArrayList<>();
            json.readTree(reply.body()).path("snapshots").forEach(s -> out.add(snapshotOf(s)));
            return out;
        } catch (IOException e) {
            throw new SearchUnavailableException("The search engine did not answer: " + e.getMessage(), e);
        }
    }

    /**
     * Starts restoring a snapshot as a job (on the reindex lane: never alongside a rebuild). Fails at once when the
     * snapshot does not exist or holds no topic index.
     */
    public BackgroundJobs.Status restore(String name) {
        requireSearch();
        String source = topicIndexOf(name);
        return jobs.submit("reindex", progress -> {
            lockMaintenance();
            try {
                return restore(name, source);
            } finally {
                indexes.unlock();
            }
        });
    }

    private Map<String, Object> restore(String name, String source) throws IOException {
        String current = indexes.readIndex();
        String fresh = indexes.nextName();
        ObjectNode body = json.createObjectNode();
        body.put("indices", source);
        body.put("include_aliases", false);
        body.put("include_global_state", false);
        body.put("rename_pattern", Pattern.quote(source));
        body.put("rename_replacement", fresh);
        config.replicas().ifPresent(r -> body.putObject("index_settings").put("index.number_of_replicas", r));
        engine.require(
                "POST",
                "/_snapshot/" + repository() + "/" + name + "/_restore?wait_for_completion=true",
                body.toString());
        engine.require("GET", "/_cluster/health/" + fresh + "?wait_for_status=yellow&timeout=60s", null);
        indexes.move(current, fresh, TopicIndexes.READ, TopicIndexes.WRITE);
        indexes.delete(current);
        long documents = indexes.count(fresh);
        LOG.infof("Restored snapshot %s as %s (%d topics); %s dropped", name, fresh, documents, current);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("snapshot", name);
        result.put("index", fresh);
        result.put("documents", documents);
        return result;
    }

    private String topicIndexOf(String name) {
        try {
            ensureRepository();
            EngineClient.Reply reply = engine.send("GET", "/_snapshot/" + repository() + "/" + name, null);
            if (reply.status() == 404) {
                if (reply.body().contains("repository_missing")) {
                    throw new SnapshotRefused(missingRepository());
                }
                throw new UnknownSnapshot(name);
            }
            if (!reply.ok()) {
                throw new SnapshotRefused("The search engine refused: " + firstLine(reply.body()));
            }
            JsonNode snapshot = json.readTree(reply.body()).path("snapshots").path(0);
            if (snapshot.isMissingNode()) {
                throw new UnknownSnapshot(name);
            }
            if (!"SUCCESS".equals(snapshot.path("state").asText())) {
                throw new SnapshotRefused(
                        "Snapshot '" + name + "' is " + snapshot.path("state").asText() + ", not complete");
            }
            for (JsonNode index : snapshot.path("indices")) {
                if (TOPIC_INDEX.matcher(index.asText()).matches()) {
                    return index.asText();
                }
            }
            throw new SnapshotRefused("Snapshot '" + name + "' holds no topic index");
        } catch (IOException e) {
            throw new SearchUnavailableException("The search engine did not answer: " + e.getMessage(), e);
        }
    }

    /** Registers the fs repository when Kaiko knows its directory (idempotent); else it must exist already. */
    private void ensureRepository() throws IOException {
        Optional<String> location = config.snapshots()
                .location()
                .or(() ->
                        lifecycle.managedEngine().map(e -> e.snapshotDirectory().toString()));
        if (location.isEmpty()) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        body.put("type", "fs");
        body.putObject("settings").put("location", location.get());
        EngineClient.Reply reply = engine.send("PUT", "/_snapshot/" + repository(), body.toString());
        if (!reply.ok()) {
            throw new SnapshotRefused("The search engine refused the snapshot repository at " + location.get() + " ("
                    + firstLine(reply.body()) + "); it must be listed in every node's path.repo");
        }
    }

    private String missingRepository() {
        return "No snapshot repository '" + repository() + "' in the cluster: register it, or set "
                + "kaiko.search.snapshots.location to a directory listed in every node's path.repo";
    }

    public String repositoryName() {
        return repository();
    }

    private String repository() {
        return config.snapshots().repository();
    }

    private void lockMaintenance() {
        try {
            if (!indexes.tryLock(30)) {
                throw new SnapshotRefused("A reindex or restore is running; try again when it is done");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotRefused("Interrupted");
        }
    }

    private void requireSearch() {
        if (!availability.isReady()) {
            throw new SearchUnavailableException(availability.reason(), null);
        }
    }

    private static Snapshot snapshotOf(JsonNode s) {
        List<String> indices = new ArrayList<>();
        s.path("indices").forEach(i -> indices.add(i.asText()));
        return new Snapshot(
                s.path("snapshot").asText(),
                s.path("state").asText(),
                indices,
                s.has("start_time_in_millis")
                        ? Instant.ofEpochMilli(s.get("start_time_in_millis").asLong())
                        : null,
                s.has("end_time_in_millis") && s.get("end_time_in_millis").asLong() > 0
                        ? Instant.ofEpochMilli(s.get("end_time_in_millis").asLong())
                        : null);
    }

    private static String firstLine(String s) {
        return s.substring(0, Math.min(300, s.length()));
    }
}
