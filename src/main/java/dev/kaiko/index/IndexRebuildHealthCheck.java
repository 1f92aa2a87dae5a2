package dev.kaiko.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the index is being rebuilt from the database: until it ends, searches (answered from the old
 * index, or not at all at first start) do not show the whole archive. Says how far it is.
 */
@Readiness
@ApplicationScoped
public class IndexRebuildHealthCheck implements HealthCheck {

    @Inject
    IndexRebuild rebuild;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("index-rebuild");
        return rebuild.running()
                .map(p -> response.down()
                        .withData("rebuilding", p.toString())
                        .withData("kind", p.kind())
                        .withData("done", p.done())
                        .withData("total", p.total())
                        .build())
                .orElseGet(() -> response.up().build());
    }
}
