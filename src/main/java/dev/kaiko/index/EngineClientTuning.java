package dev.kaiko.index;

import org.hibernate.search.backend.elasticsearch.client.rest4.ElasticsearchHttpClientConfigurationContext;
import org.hibernate.search.backend.elasticsearch.client.rest4.ElasticsearchHttpClientConfigurer;
import org.hibernate.search.engine.environment.bean.BeanReference;
import org.hibernate.search.engine.environment.bean.spi.BeanConfigurationContext;
import org.hibernate.search.engine.environment.bean.spi.BeanConfigurer;

/**
 * Per-request work the engine's HTTP client does for nothing, taken off every search. The low-level client puts a
 * Basic scheme for each node into an auth cache that Apache's client copies by Java deserialisation on every request,
 * and it keeps a cookie store the engine never writes to: a flight recording of the search benchmark put the two at
 * about 60 µs of a worker thread per search (docs/benchmarks.md, "Where the API's time goes"). The auth cache stays when
 * credentials are configured (an external cluster with a user): there it saves the engine's 401 round trip.
 *
 * <p>Registered as a Hibernate Search bean configurer (META-INF/services): Quarkus has no setting for the client's
 * configurers, and this is how Hibernate Search's own integrations contribute one.
 */
public final class EngineClientTuning implements BeanConfigurer, ElasticsearchHttpClientConfigurer {

    @Override
    public void configure(BeanConfigurationContext context) {
        context.define(ElasticsearchHttpClientConfigurer.class, BeanReference.ofInstance(this));
    }

    @Override
    public void configure(ElasticsearchHttpClientConfigurationContext context) {
        context.clientBuilder().disableCookieManagement();
        if (!hasCredentials(context)) {
            context.clientBuilder().disableAuthCaching();
        }
    }

    /** Whether the backend is configured with a user (Quarkus passes quarkus.hibernate-search-orm.elasticsearch.username). */
    static boolean hasCredentials(ElasticsearchHttpClientConfigurationContext context) {
        return context.configurationPropertySource()
                .get("username")
                .map(Object::toString)
                .filter(u -> !u.isBlank())
                .isPresent();
    }
}
