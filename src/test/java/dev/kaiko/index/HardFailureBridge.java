package dev.kaiko.index;

import org.hibernate.search.engine.backend.document.DocumentElement;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmMappingConfigurationContext;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmSearchMappingConfigurer;
import org.hibernate.search.mapper.pojo.bridge.TypeBridge;
import org.hibernate.search.mapper.pojo.bridge.binding.TypeBindingContext;
import org.hibernate.search.mapper.pojo.bridge.mapping.programmatic.TypeBinder;
import org.hibernate.search.mapper.pojo.bridge.runtime.TypeBridgeWriteContext;

import dev.kaiko.model.Topic;

import io.quarkus.hibernate.search.orm.elasticsearch.SearchExtension;

/**
 * Test application only (src/test is not packaged): a bridge on the topic document that fails hard — throws
 * {@link OutOfMemoryError}, as building a document for a huge item once did — for any topic whose title holds
 * {@link #MARKER}. It adds no field, so the index mapping is the production one.
 */
@SearchExtension
public class HardFailureBridge implements HibernateOrmSearchMappingConfigurer {

    public static final String MARKER = "KAIKO-HARD-FAILURE-PROBE";

    @Override
    public void configure(HibernateOrmMappingConfigurationContext context) {
        context.programmaticMapping().type(Topic.class).binder(new Binder());
    }

    static final class Binder implements TypeBinder {
        @Override
        public void bind(TypeBindingContext context) {
            context.dependencies().use("title");
            context.bridge(Topic.class, new Bridge());
        }
    }

    static final class Bridge implements TypeBridge<Topic> {
        @Override
        public void write(DocumentElement target, Topic topic, TypeBridgeWriteContext context) {
            if (topic.title != null && topic.title.contains(MARKER)) {
                throw new OutOfMemoryError("Java heap space (simulated by the test bridge for " + topic.id + ")");
            }
        }
    }
}
