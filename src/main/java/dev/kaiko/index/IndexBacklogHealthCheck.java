package dev.kaiko.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The index outbox backlog: changes committed to the database but not yet searchable. Reported by readiness
 * (down past kaiko.search.max-backlog changes, or while the oldest has waited longer than kaiko.search.max-lag: the
 * index lags the database, as right after a crash) and as the gauge kaiko_index_backlog; dead letters likewise.
 */
@Readiness
@ApplicationScoped
public class IndexBacklogHealthCheck implements HealthCheck {

    @Inject
    IndexOutboxProcessor processor;

    @Inject
    SearchConfig config;

    void registerGauge(@jakarta.enterprise.event.Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("kaiko.index.backlog", processor, IndexOutboxProcessor::backlog)
                .description("Index changes waiting in the outbox")
                .register(registry);
        Gauge.builder("kaiko.index.dead.letters", processor, IndexOutboxProcessor::deadLetterCount)
                .description("Topics whose index change the engine kept refusing (parked in index_dead_letter)")
                .register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        long backlog = processor.backlog();
        java.time.Duration lag = processor.lag();
        return HealthCheckResponse.named("index-backlog")
                .status(backlog <= config.maxBacklog() && lag.compareTo(config.maxLag()) <= 0)
                .withData("backlog", backlog)
                .withData("lag_s", lag.toSeconds())
                .withData("max_lag_s", config.maxLag().toSeconds())
                // parked changes do not make the instance unready (the rest of the index is current), but show here
                .withData("dead_letters", processor.deadLetterCount())
                .build();
    }
}
