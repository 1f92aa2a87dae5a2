package dev.kaiko.index;

import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.search.mapper.orm.mapping.SearchMapping;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kaiko.jobs.BackgroundJobs;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Rebuilds the topic index while searches keep answering from the old one. Hibernate Search reads through the
 * alias topics-read and writes through topics-write; the rebuild creates a new index with the same settings and
 * mapping, points the write alias at it, mass-indexes from the database, then swaps the read alias in one atomic
 * alias action and drops the old index.
 */
@ApplicationScoped
public class ZeroDowntimeReindex {

    private static final Logger LOG = Logger.getLogger(ZeroDowntimeReindex.class);
    private static final String READ = "topics-read";
    private static final String WRITE = "topics-write";

    @Inject
    EngineHttp http;

    @Inject
    SearchMapping searchMapping;

    @Inject
    EntityManager em;

    @Inject
    BackgroundJobs jobs;

    @Inject
    IndexRebuild rebuilds;

    private final ObjectMapper json = new ObjectMapper();

    public BackgroundJobs.Status start() {
        return jobs.submit("reindex", progress -> {
            run(progress);
            return null;
        });
    }

    private void run(BackgroundJobs.Progress progress) throws IOException {
        String old = json.readTree(
                        require(http.send("GET", "/_alias/" + READ, null)).body())
                .fieldNames()
                .next();
        JsonNode oldIndex =
                json.readTree(require(http.send("GET", "/" + old, null)).body()).get(old);
        String fresh = nextName(old);

        ObjectNode create = json.createObjectNode();
        ObjectNode index = create.putObject("settings").putObject("index");
        JsonNode oldSettings = oldIndex.path("settings").path("index");
        index.set("analysis", oldSettings.path("analysis"));
        index.put("number_of_shards", oldSettings.path("number_of_shards").asText("1"));
        index.put("number_of_replicas", oldSettings.path("number_of_replicas").asText("1"));
        create.set("mappings", oldIndex.path("mappings"));
        require(http.send("PUT", "/" + fresh, create.toString()));
        LOG.infof("Reindexing into %s while searches read %s", fresh, old);

        moveAlias(WRITE, old, fresh, oldIndex.path("aliases").path(WRITE));
        try {
            long total = QuarkusTransaction.requiringNew()
                    .call(() -> em.createQuery("select count(t) from Topic t", Long.class)
                            .getSingleResult());
            progress.total(total);
            CompletableFuture<?> indexing = rebuilds.configure(
                            searchMapping.scope(Object.class).massIndexer(), "reindex", total)
                    .purgeAllOnStart(false)
                    .dropAndCreateSchemaOnStart(false)
                    .start()
                    .toCompletableFuture();
            try {
                while (!indexing.isDone()) {
                    progress.done(count(fresh));
                    sleep(500);
                }
                indexing.join();
            } finally {
                rebuilds.finished();
            }
            require(http.send("POST", "/" + fresh + "/_refresh", null));
            progress.done(count(fresh));
        } catch (RuntimeException | IOException e) {
            // put writes back where reads are, and forget the half-built index
            moveAlias(WRITE, fresh, old, oldIndex.path("aliases").path(WRITE));
            http.send("DELETE", "/" + fresh, null);
            throw e;
        }
        moveAlias(READ, old, fresh, oldIndex.path("aliases").path(READ));
        require(http.send("DELETE", "/" + old, null));
        LOG.infof("Searches now read %s; %s dropped", fresh, old);
    }

    /** One atomic alias action: searches never see a moment without the alias. */
    private void moveAlias(String alias, String from, String to, JsonNode definition) throws IOException {
        ObjectNode body = json.createObjectNode();
        ArrayNode actions = body.putArray("actions");
        actions.addObject().putObject("remove").put("index", from).put("alias", alias);
        ObjectNode add = actions.addObject().putObject("add");
        if (definition.isObject()) {
            for (Iterator<String> it = definition.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                add.set(field, definition.get(field));
            }
        }
        add.put("index", to).put("alias", alias);
        require(http.send("POST", "/_aliases", body.toString()));
    }

    private long count(String index) throws IOException {
        return json.readTree(
                        require(http.send("GET", "/" + index + "/_count", null)).body())
                .path("count")
                .asLong();
    }

    static String nextName(String old) {
        int dash = old.lastIndexOf('-');
        try {
            return old.substring(0, dash + 1) + String.format("%06d", Integer.parseInt(old.substring(dash + 1)) + 1);
        } catch (RuntimeException e) {
            return "topics-" + System.currentTimeMillis();
        }
    }

    private static EngineHttp.Reply require(EngineHttp.Reply reply) throws IOException {
        if (!reply.ok()) {
            throw new IOException("The search engine refused (" + reply.status() + "): "
                    + reply.body().substring(0, Math.min(300, reply.body().length())));
        }
        return reply;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
