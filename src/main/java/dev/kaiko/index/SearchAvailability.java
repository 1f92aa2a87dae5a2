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

    public boolean isReady() {
        return ready;
    }

    public String reason() {
        return reason;
    }

    void ready() {
        synchronized (this) {
            ready = true;
            reason = null;
            notifyAll();
        }
    }

    void unavailable(String why) {
        ready = false;
        reason = why;
    }

    /** Blocks until ready; for tests and start-up tasks. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!ready) {
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
