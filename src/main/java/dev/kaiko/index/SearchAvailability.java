package dev.kaiko.index;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether search can be served now. Searches before the engine is ready, or while it is down, answer 503 with
 * {@link #reason()} instead of failing with an engine error.
 */
@ApplicationScoped
public class SearchAvailability {

    private volatile boolean ready;
    private volatile String reason = "The search engine is starting";
    /** Why the engine is up but did not answer the watchdog's last probes (a real query); null while it answers. */
    private volatile String unanswered;

    /** Searches can be answered: the index is prepared and the engine answers real queries. */
    public boolean isReady() {
        return ready && unanswered == null;
    }

    /** The index is prepared (whether or not the engine answers right now); for the watchdog. */
    boolean isPrepared() {
        return ready;
    }

    public String reason() {
        String u = unanswered;
        return ready && u != null ? u : reason;
    }

    void ready() {
        synchronized (this) {
            ready = true;
            reason = null;
            unanswered = null;
            notifyAll();
        }
    }

    void unavailable(String why) {
        ready = false;
        reason = why;
    }

    /** The watchdog's verdict on its probe query: null when the engine answered, else why not. */
    void answered(String failure) {
        synchronized (this) {
            unanswered = failure;
            if (failure == null) {
                notifyAll();
            }
        }
    }

    /** Blocks until ready; for tests and start-up tasks. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!isReady()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }
}
