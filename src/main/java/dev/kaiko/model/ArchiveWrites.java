package dev.kaiko.model;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one way to change stored issues, topics, tags and citations: each write runs in a transaction of its own,
 * one at a time. Writes are serialised explicitly because they are not independent: topic identity is per issue,
 * and citations resolve across series (an import of series A may cite the issue of series B being imported at the
 * same moment), so two concurrent writers could each miss the other's rows. Serialising costs little here: a write
 * is short (parsing, the slow part, happens before) and the machine has few cores.
 *
 * <p>Two locks: a fair lock in this JVM, so waiting writers queue without holding a pooled database connection,
 * and a PostgreSQL advisory lock held for the transaction, so instances sharing the database queue too. A write
 * that still fails for a transient reason (deadlock, serialisation failure, lock timeout, a key another writer
 * took) is retried with backoff.
 */
@ApplicationScoped
public class ArchiveWrites {

    private static final Logger LOG = Logger.getLogger(ArchiveWrites.class);

    /** The advisory lock key ("KAIKO"): the same in every instance sharing the database. */
    static final long LOCK_KEY = 0x4b41494b4fL;

    private static final int ATTEMPTS = 5;
    /** PostgreSQL states worth another try: serialisation failure, deadlock, lock not available, unique key. */
    private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "55P03", "23505");

    private final ReentrantLock local = new ReentrantLock(true);

    @Inject
    EntityManager em;

    @Inject
    ArchiveGeneration generation;

    /** Thrown when the archive stayed busy for longer than a writer may wait. */
    public static class BusyException extends RuntimeException {
        BusyException(String message) {
            super(message);
        }
    }

    /** Runs {@code work} as a serialised write, retried on transient failures; its exception otherwise. */
    public <T> T write(Duration timeout, Supplier<T> work) {
        try {
            if (!local.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BusyException("the archive is busy with other writes; try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("interrupted while waiting for other writes");
        }
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return QuarkusTransaction.requiringNew()
                            .timeout((int) Math.max(60, timeout.toSeconds()))
                            .call(() -> {
                                em.createNativeQuery("select pg_advisory_xact_lock(" + LOCK_KEY + ")")
                                        .getSingleResult();
                                T result = work.get();
                                generation.advance(); // other instances' caches learn of the change
                                return result;
                            });
                } catch (RuntimeException e) {
                    if (attempt >= ATTEMPTS || !isTransient(e)) {
                        throw e;
                    }
                    LOG.debugf("Write failed transiently (attempt %d), retrying: %s", attempt, e);
                    sleep(20L * attempt + ThreadLocalRandom.current().nextInt(20));
                }
            }
        } finally {
            local.unlock();
        }
    }

    public void run(Duration timeout, Runnable work) {
        write(timeout, () -> {
            work.run();
            return null;
        });
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PessimisticLockException
                    || t instanceof LockTimeoutException
                    || t instanceof OptimisticLockException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && TRANSIENT.contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
