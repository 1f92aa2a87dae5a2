package dev.kaiko.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.http.impl.nio.client.HttpAsyncClientBuilder;
import org.hibernate.search.backend.elasticsearch.client.rest4.ElasticsearchHttpClientConfigurationContext;
import org.hibernate.search.engine.cfg.ConfigurationPropertySource;
import org.hibernate.search.engine.cfg.spi.AllAwareConfigurationPropertySource;
import org.hibernate.search.engine.environment.bean.BeanResolver;
import org.junit.jupiter.api.Test;

/** The client tuning's two decisions, read off Apache's builder (it has no getters, hence its fields). */
class EngineClientTuningTest {

    @Test
    void withoutCredentialsTheAuthCacheAndCookiesGo() throws Exception {
        HttpAsyncClientBuilder builder = HttpAsyncClientBuilder.create();
        new EngineClientTuning().configure(context(builder, Map.of()));
        assertEquals(true, flag(builder, "authCachingDisabled"));
        assertEquals(true, flag(builder, "cookieManagementDisabled"));
    }

    @Test
    void aConfiguredUserKeepsTheAuthCache() throws Exception {
        HttpAsyncClientBuilder builder = HttpAsyncClientBuilder.create();
        new EngineClientTuning().configure(context(builder, Map.of("username", "kaiko")));
        // without the cache every request would be refused once (401) before being sent with credentials
        assertEquals(false, flag(builder, "authCachingDisabled"));
        assertEquals(true, flag(builder, "cookieManagementDisabled"));
    }

    @Test
    void registeredAsAServiceHibernateSearchLoads() throws Exception {
        var loader =
                java.util.ServiceLoader.load(org.hibernate.search.engine.environment.bean.spi.BeanConfigurer.class);
        assertTrue(loader.stream().anyMatch(p -> p.type() == EngineClientTuning.class));
    }

    private static boolean flag(HttpAsyncClientBuilder builder, String name) throws Exception {
        var field = HttpAsyncClientBuilder.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.getBoolean(builder);
    }

    private static ElasticsearchHttpClientConfigurationContext context(
            HttpAsyncClientBuilder builder, Map<String, Object> properties) {
        ConfigurationPropertySource source = AllAwareConfigurationPropertySource.fromMap(properties);
        return new ElasticsearchHttpClientConfigurationContext() {
            @Override
            public BeanResolver beanResolver() {
                throw new UnsupportedOperationException();
            }

            @Override
            public ConfigurationPropertySource configurationPropertySource() {
                return source;
            }

            @Override
            public HttpAsyncClientBuilder clientBuilder() {
                return builder;
            }
        };
    }
}
