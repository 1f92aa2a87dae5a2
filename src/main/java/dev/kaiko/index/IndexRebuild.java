package dev.kaiko.index;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.search.mapper.orm.massindexing.MassIndexer;
import org.hibernate.search.mapper.pojo.massindexing.MassIndexingMonitor;
import org.jboss.logging.Logger;

/**
 * Rebuilds of the index from the database (at start-up or through the reindex job): how far the running one is, for
 * readiness ("rebuilding, N of M"), the log and metrics. Also the one place that configures the mass indexer, so
 * every rebuild runs with its own transaction timeout: the identifier scroll of a large archive outlives the default
 * transaction timeout by far, and a rebuild cut in the middle leaves a partial index.
 */
@ApplicationScoped
public class IndexRebuild {

    private static final Logger LOG = Logger.getLogger(IndexRebuild.class);

    /** A rebuild under way: documents written so far of those the database held when it began. */
    public record Progress(String kind, long done, long total) {
        @Override
        public String toString() {
            return done + " of " + total;
        }
    }

    @Inject
    SearchConfig config;

    private volatile Monitor running;

    public Optional<Progress> running() {
        Monitor m = running;
        return m == null ? Optional.empty() : Optional.of(new Progress(m.kind, m.done.get(), m.total));
    }

    /** The mass indexer of every rebuild: its own timeouts, its progress reported here. */
    MassIndexer configure(MassIndexer indexer, String kind, long total) {
        Monitor monitor = new Monitor(kind, total);
        running = monitor;
        return indexer.threadsToLoadObjects(2)
                .batchSizeToLoadObjects(100)
                .transactionTimeout((int) Math.min(
                        Integer.MAX_VALUE, config.rebuildTransactionTimeout().toSeconds()))
                .monitor(monitor);
    }

    /** Called when a rebuild ends, however it ends. */
    void finished() {
        running = null;
    }

    private final class Monitor implements MassIndexingMonitor {
        final String kind;
        final long total;
        final AtomicLong done = new AtomicLong();
        final long started = System.nanoTime();
        volatile long lastLog = System.nanoTime();

        Monitor(String kind, long total) {
            this.kind = kind;
            this.total = total;
            LOG.infof("Index rebuild (%s): %d topics to index", kind, total);
        }

        @Override
        public void documentsAdded(long increment) {
            long now = done.addAndGet(increment);
            long t = System.nanoTime();
            if (t - lastLog > Duration.ofSeconds(10).toNanos()) {
                lastLog = t;
                double seconds = (t - started) / 1e9;
                LOG.infof(
                        "Index rebuild (%s): %d of %d topics (%.0f/s)",
                        kind, now, total, seconds > 0 ? now / seconds : 0);
            }
        }

        @Override
        public void documentsBuilt(long increment) {}

        @Override
        public void entitiesLoaded(long increment) {}

        @Override
        public void indexingCompleted() {
            LOG.infof(
                    "Index rebuild (%s): %d topics indexed in %.1f s",
                    kind, done.get(), (System.nanoTime() - started) / 1e9);
        }
    }
}
