package dev.kaiko.index;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.search.mapper.orm.mapping.SearchMapping;
import org.jboss.logging.Logger;

import dev.kaiko.jobs.BackgroundJobs;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Rebuilds the topic index while searches keep answering from the old one. Hibernate Search reads through the
 * alias topics-read and writes through topics-write; the rebuild creates a new index with the schema of the running
 * code (so a mapping or analysis change rolls out this way), points the write alias at it, mass-indexes from the
 * database, then swaps the read alias in one atomic alias action and drops the old index. A crash between the moves
 * is put right at the next start ({@link TopicIndexes#repair()}).
 */
@ApplicationScoped
public class ZeroDowntimeReindex {

    private static final Logger LOG = Logger.getLogger(ZeroDowntimeReindex.class);

    @Inject
    TopicIndexes indexes;

    @Inject
    SearchMapping searchMapping;

    @Inject
    EntityManager em;

    @Inject
    BackgroundJobs jobs;

    @Inject
    IndexRebuild rebuilds;

    public BackgroundJobs.Status start() {
        return jobs.submit("reindex", progress -> {
            run(progress);
            return null;
        });
    }

    private void run(BackgroundJobs.Progress progress) throws IOException {
        indexes.lock();
        try {
            rebuild(progress);
        } finally {
            indexes.unlock();
        }
    }

    private void rebuild(BackgroundJobs.Progress progress) throws IOException {
        String old = indexes.readIndex();
        String fresh = indexes.nextName();
        indexes.create(fresh, old);
        LOG.infof("Reindexing into %s (the running code's schema) while searches read %s", fresh, old);

        indexes.move(old, fresh, TopicIndexes.WRITE);
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
                    progress.done(indexes.count(fresh));
                    sleep(500);
                }
                indexing.join();
            } finally {
                rebuilds.finished();
            }
            indexes.refresh(fresh);
            progress.done(indexes.count(fresh));
        } catch (RuntimeException | IOException e) {
            // put writes back where reads are, and forget the half-built index
            indexes.move(fresh, old, TopicIndexes.WRITE);
            indexes.delete(fresh);
            throw e;
        }
        indexes.move(old, fresh, TopicIndexes.READ);
        indexes.delete(old);
        LOG.infof("Searches now read %s; %s dropped", fresh, old);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
