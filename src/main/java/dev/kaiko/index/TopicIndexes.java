package dev.kaiko.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.search.backend.elasticsearch.ElasticsearchExtension;
import org.hibernate.search.backend.elasticsearch.schema.management.ElasticsearchIndexSchemaExport;
import org.hibernate.search.mapper.orm.mapping.SearchMapping;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The concrete topic indexes ({@code topics-000001}, ...) behind the two aliases Hibernate Search uses: reads go
 * through {@value #READ}, writes through {@value #WRITE}. New indexes get the schema of the running code (Hibernate
 * Search's expected schema), never a copy of an older index, so a mapping or analysis change rolls out by reindexing.
 * Every move of an alias happens under one lock, so a reindex, a restore and the start-up repair never
 * interleave within one instance.
 */
@ApplicationScoped
class TopicIndexes {

    private static final Logger LOG = Logger.getLogger(TopicIndexes.class);
    static final String READ = "topics-read";
    static final String WRITE = "topics-write";
    private static final Pattern NAME = Pattern.compile("topics-\\d{6}");

    @Inject
    EngineClient engine;

    @Inject
    SearchMapping searchMapping;

    @Inject
    SearchConfig config;

    /** Held while aliases move; accessed through methods, since callers hold a client proxy, not this instance. */
    private final ReentrantLock maintenance = new ReentrantLock();

    private final ObjectMapper json = new ObjectMapper();

    void lock() {
        maintenance.lock();
    }

    boolean tryLock(long seconds) throws InterruptedException {
        return maintenance.tryLock(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    void unlock() {
        maintenance.unlock();
    }

    void refresh(String index) throws IOException {
        engine.require("POST", "/" + index + "/_refresh", null);
    }

    /** Every topic index with the aliases it holds (alias name → definition), oldest first. */
    Map<String, JsonNode> aliasesByIndex() throws IOException {
        JsonNode all =
                json.readTree(engine.require("GET", "/topics-*/_alias", null).body());
        Map<String, JsonNode> out = new LinkedHashMap<>();
        all.fieldNames().forEachRemaining(name -> {
            if (NAME.matcher(name).matches()) {
                out.put(name, all.get(name).path("aliases"));
            }
        });
        List<String> sorted = new ArrayList<>(out.keySet());
        sorted.sort(Comparator.naturalOrder());
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        sorted.forEach(n -> ordered.put(n, out.get(n)));
        return ordered;
    }

    /** The one index searches read now. */
    String readIndex() throws IOException {
        JsonNode reply =
                json.readTree(engine.require("GET", "/_alias/" + READ, null).body());
        List<String> names = new ArrayList<>();
        reply.fieldNames().forEachRemaining(names::add);
        if (names.size() != 1) {
            throw new IOException(READ + " points at " + names + " instead of one index");
        }
        return names.get(0);
    }

    /** A name after every existing topic index. */
    String nextName() throws IOException {
        int max = 0;
        for (String name : aliasesByIndex().keySet()) {
            max = Math.max(max, Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)));
        }
        return String.format("topics-%06d", max + 1);
    }

    /**
     * Hibernate Search's create-index request for the topic index as the running code maps it: settings (analysis)
     * and mappings.
     */
    ObjectNode expectedSchema() {
        ObjectNode[] body = new ObjectNode[1];
        searchMapping.scope(Object.class).schemaManager().exportExpectedSchema((backend, index, export) -> {
            ElasticsearchIndexSchemaExport es = export.extension(ElasticsearchExtension.get());
            try {
                body[0] = (ObjectNode) json.readTree(es.bodyParts().get(0).toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        if (body[0] == null) {
            throw new IllegalStateException("Hibernate Search exported no index schema");
        }
        return body[0];
    }

    /**
     * Creates an index, without aliases, from the expected schema; shards and replicas from kaiko.search.shards /
     * kaiko.search.replicas, else as the index it replaces ({@code like}, may be null).
     */
    void create(String name, String like) throws IOException {
        ObjectNode body = expectedSchema();
        body.remove("aliases");
        ObjectNode settings = body.has("settings") ? (ObjectNode) body.get("settings") : body.putObject("settings");
        JsonNode old = like == null
                ? json.missingNode()
                : json.readTree(engine.require("GET", "/" + like + "/_settings", null)
                                .body())
                        .path(like)
                        .path("settings")
                        .path("index");
        Integer shards = config.shards()
                .orElse(
                        old.has("number_of_shards")
                                ? old.get("number_of_shards").asInt()
                                : null);
        Integer replicas = replicas()
                .orElse(
                        old.has("number_of_replicas")
                                ? old.get("number_of_replicas").asInt()
                                : null);
        if (shards != null) {
            settings.put("number_of_shards", shards);
        }
        if (replicas != null) {
            settings.put("number_of_replicas", replicas);
        }
        engine.require("PUT", "/" + name, body.toString());
        // the new index answers once its primaries are allocated
        engine.require("GET", "/_cluster/health/" + name + "?wait_for_status=yellow&timeout=60s", null);
    }

    /**
     * kaiko.search.replicas, else 0 on the managed engine: it is a single node, where a replica can never be
     * assigned and only keeps the index yellow. An external cluster keeps its own default.
     */
    java.util.Optional<Integer> replicas() {
        return config.replicas().or(() -> config.embedded() ? java.util.Optional.of(0) : java.util.Optional.empty());
    }

    /** Applies {@link #replicas()} to the live index (a dynamic setting: no rebuild needed). */
    void applyReplicas() throws IOException {
        if (replicas().isPresent()) {
            engine.require(
                    "PUT",
                    "/" + WRITE + "/_settings",
                    "{\"index\":{\"number_of_replicas\":" + replicas().get() + "}}");
        }
    }

    /**
     * Moves aliases from one index to another in one atomic action: searches never see a moment without them. The
     * alias definitions (which one is the write index) are Hibernate Search's own.
     */
    void move(String from, String to, String... aliases) throws IOException {
        JsonNode definitions = expectedSchema().path("aliases");
        ObjectNode body = json.createObjectNode();
        ArrayNode actions = body.putArray("actions");
        for (String alias : aliases) {
            if (from != null) {
                actions.addObject().putObject("remove").put("index", from).put("alias", alias);
            }
            addAlias(actions, to, alias, definitions.path(alias));
        }
        engine.require("POST", "/_aliases", body.toString());
    }

    private static void addAlias(ArrayNode actions, String index, String alias, JsonNode definition) {
        ObjectNode add = actions.addObject().putObject("add");
        if (definition.isObject()) {
            for (Iterator<String> it = definition.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                add.set(field, definition.get(field));
            }
        }
        add.put("index", index).put("alias", alias);
    }

    void delete(String index) throws IOException {
        EngineClient.Reply reply = engine.send("DELETE", "/" + index, null);
        if (!reply.ok() && reply.status() != 404) {
            throw new IOException("Could not delete " + index + ": " + reply.body());
        }
    }

    long count(String index) throws IOException {
        return json.readTree(
                        engine.require("GET", "/" + index + "/_count", null).body())
                .path("count")
                .asLong();
    }

    /**
     * Puts the aliases right after a crash between alias moves (a reindex or restore cut short): both aliases on one
     * index and no other topic index left. The index kept is the one writes went to (else the newest one searches
     * read, else the newest); every other topic index is dropped. Returns true when the kept index may lack topics
     * (it was not the one both aliases pointed to alone) and must be rebuilt from the database.
     */
    boolean repair() throws IOException {
        maintenance.lock();
        try {
            Map<String, JsonNode> indexes = aliasesByIndex();
            if (indexes.isEmpty()) {
                return false;
            }
            List<String> writes = new ArrayList<>();
            List<String> reads = new ArrayList<>();
            indexes.forEach((name, aliases) -> {
                if (aliases.has(WRITE)) {
                    writes.add(name);
                }
                if (aliases.has(READ)) {
                    reads.add(name);
                }
            });
            if (indexes.size() == 1 && writes.size() == 1 && reads.equals(writes)) {
                return false;
            }
            String target = writes.size() == 1
                    ? writes.get(0)
                    : !reads.isEmpty()
                            ? reads.get(reads.size() - 1)
                            : new ArrayList<>(indexes.keySet()).get(indexes.size() - 1);
            boolean complete = reads.equals(List.of(target)) && writes.equals(List.of(target));
            LOG.warnf(
                    "Topic index aliases out of order (indexes %s, %s on %s, %s on %s): keeping %s%s",
                    indexes.keySet(),
                    READ,
                    reads,
                    WRITE,
                    writes,
                    target,
                    complete ? "" : ", rebuilding it from the database");
            JsonNode definitions = expectedSchema().path("aliases");
            ObjectNode body = json.createObjectNode();
            ArrayNode actions = body.putArray("actions");
            for (String alias : List.of(READ, WRITE)) {
                for (String name : indexes.keySet()) {
                    if (!name.equals(target) && indexes.get(name).has(alias)) {
                        actions.addObject()
                                .putObject("remove")
                                .put("index", name)
                                .put("alias", alias);
                    }
                }
                if (!indexes.get(target).has(alias)) {
                    addAlias(actions, target, alias, definitions.path(alias));
                }
            }
            if (!actions.isEmpty()) {
                engine.require("POST", "/_aliases", body.toString());
            }
            for (String name : indexes.keySet()) {
                if (!name.equals(target)) {
                    delete(name);
                }
            }
            return !complete;
        } finally {
            maintenance.unlock();
        }
    }
}
