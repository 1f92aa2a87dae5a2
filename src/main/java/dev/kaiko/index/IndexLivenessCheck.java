package dev.kaiko.index;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Not live when the index outbox poller or the engine watchdog has not run for {@code kaiko.search.stall-after}: the
 * scheduler thread that runs them died (an out-of-memory error once killed it) or is stuck, nothing in the service
 * will bring it back, so an orchestrator should restart the service.
 */
@Liveness
@ApplicationScoped
public class IndexLivenessCheck implements HealthCheck {

    @Inject
    IndexOutboxProcessor outbox;

    @Inject
    SearchEngineLifecycle lifecycle;

    @Inject
    SearchConfig config;

    @Override
    public HealthCheckResponse call() {
        Duration outboxQuiet = outbox.sinceHeartbeat();
        Duration watchdogQuiet = lifecycle.sinceHeartbeat();
        Duration limit = config.stallAfter();
        return HealthCheckResponse.named("index-workers")
                .status(outboxQuiet.compareTo(limit) < 0 && watchdogQuiet.compareTo(limit) < 0)
                .withData("outbox_poller_quiet_s", outboxQuiet.toSeconds())
                .withData("watchdog_quiet_s", watchdogQuiet.toSeconds())
                .withData("stall_after_s", limit.toSeconds())
                .build();
    }
}
