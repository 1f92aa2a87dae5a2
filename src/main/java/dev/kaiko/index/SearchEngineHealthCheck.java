package dev.kaiko.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when searches can be answered; the reason says why not. */
@Readiness
@ApplicationScoped
public class SearchEngineHealthCheck implements HealthCheck {

    @Inject
    SearchAvailability availability;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("search-engine").status(availability.isReady());
        if (!availability.isReady()) {
            response.withData("reason", String.valueOf(availability.reason()));
        }
        return response.build();
    }
}
