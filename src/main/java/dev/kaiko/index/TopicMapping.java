package dev.kaiko.index;

import org.hibernate.search.engine.backend.document.DocumentElement;
import org.hibernate.search.engine.backend.document.IndexFieldReference;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Searchable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.engine.backend.types.TermVector;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmMappingConfigurationContext;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmSearchMappingConfigurer;
import org.hibernate.search.mapper.pojo.automaticindexing.ReindexOnUpdate;
import org.hibernate.search.mapper.pojo.bridge.TypeBridge;
import org.hibernate.search.mapper.pojo.bridge.ValueBridge;
import org.hibernate.search.mapper.pojo.bridge.binding.TypeBindingContext;
import org.hibernate.search.mapper.pojo.bridge.mapping.programmatic.TypeBinder;
import org.hibernate.search.mapper.pojo.bridge.runtime.TypeBridgeWriteContext;
import org.hibernate.search.mapper.pojo.bridge.runtime.ValueBridgeFromIndexedValueContext;
import org.hibernate.search.mapper.pojo.bridge.runtime.ValueBridgeToIndexedValueContext;
import org.hibernate.search.mapper.pojo.mapping.definition.programmatic.ProgrammaticMappingConfigurationContext;
import org.hibernate.search.mapper.pojo.mapping.definition.programmatic.TypeMappingStep;
import org.hibernate.search.mapper.pojo.model.path.PojoModelPath;

import dev.kaiko.model.Issue;
import dev.kaiko.model.LinkKey;
import dev.kaiko.model.Topic;
import dev.kaiko.tagging.TagKinds;
import dev.kaiko.tagging.TaxonomyInUse;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.search.orm.elasticsearch.SearchExtension;

/**
 * The topic document: which fields the index holds and how each is analysed. It lives here, not as annotations on
 * the entities, so that the model knows nothing of indexing (the model sits below the index in the data flow).
 *
 * <p>Every field of a topic, and the fields of its issue under {@code issue.}: {@code title} and {@code body} as
 * CJK bigrams (highlightable, with term vectors for the highlighter), {@code title_en}/{@code body_en} stemmed
 * English, {@code title_ja}/{@code body_ja} the application's Japanese words ({@link JapaneseText}), keyword facets
 * {@code tags} (the effective tags that are technologies, canonical names) and {@code labels} (the other effective
 * tags, see {@link TagKinds}), {@code presenter}, {@code section}, {@code year}, {@code site} (the domain of the
 * topic's link), {@code issue.series}, and projections for the hits.
 */
@SearchExtension
public class TopicMapping implements HibernateOrmSearchMappingConfigurer {

    /** Text as the application's Japanese morphological analysis splits it (see {@link JapaneseText}). */
    public static final class JapaneseWords implements ValueBridge<String, String> {
        @Override
        public String toIndexedValue(String value, ValueBridgeToIndexedValueContext context) {
            return JapaneseText.indexForm(value);
        }
    }

    @Override
    public void configure(HibernateOrmMappingConfigurationContext context) {
        ProgrammaticMappingConfigurationContext mapping = context.programmaticMapping();

        TypeMappingStep issue = mapping.type(Issue.class);
        issue.property("id").genericField().projectable(Projectable.YES).aggregable(Aggregable.YES);
        issue.property("series").keywordField().projectable(Projectable.YES).aggregable(Aggregable.YES);
        issue.property("number").genericField().projectable(Projectable.YES).sortable(Sortable.YES);
        issue.property("title").keywordField().projectable(Projectable.YES).searchable(Searchable.NO);
        issue.property("published").genericField().projectable(Projectable.YES).sortable(Sortable.YES);

        TypeMappingStep topic = mapping.type(Topic.class);
        topic.property("issue").indexedEmbedded().includePaths("id", "number", "title", "published", "series");
        topic.property("title")
                .fullTextField()
                .analyzer(TopicAnalysis.TEXT)
                .searchAnalyzer(TopicAnalysis.TEXT_QUERY)
                .projectable(Projectable.YES)
                .highlightable(java.util.List.of(Highlightable.ANY))
                .termVector(TermVector.WITH_POSITIONS_OFFSETS)
                .fullTextField("title_en")
                .analyzer(TopicAnalysis.ENGLISH)
                // offsets for the highlighter's matched_fields: an English match is marked in title
                .termVector(TermVector.WITH_POSITIONS_OFFSETS)
                .fullTextField("title_ja")
                .analyzer(TopicAnalysis.TOKENS)
                .valueBridge(new JapaneseWords())
                .keywordField("title_sort")
                .normalizer(TopicAnalysis.SORT)
                .sortable(Sortable.YES)
                .searchable(Searchable.NO);
        topic.property("body")
                .fullTextField()
                .analyzer(TopicAnalysis.TEXT)
                .searchAnalyzer(TopicAnalysis.TEXT_QUERY)
                .projectable(Projectable.NO)
                .highlightable(java.util.List.of(Highlightable.ANY))
                .termVector(TermVector.WITH_POSITIONS_OFFSETS)
                .fullTextField("body_en")
                .analyzer(TopicAnalysis.ENGLISH)
                // offsets for the highlighter's matched_fields: an English match is marked in body
                .termVector(TermVector.WITH_POSITIONS_OFFSETS)
                .fullTextField("body_ja")
                .analyzer(TopicAnalysis.TOKENS)
                .valueBridge(new JapaneseWords())
                .genericField("snippet")
                .projectable(Projectable.YES)
                .searchable(Searchable.NO)
                .valueBridge(new Snippet());
        topic.property("section").keywordField().projectable(Projectable.YES).aggregable(Aggregable.YES);
        topic.property("url")
                .genericField()
                .projectable(Projectable.YES)
                .searchable(Searchable.NO)
                // the site facet: the link's domain
                .keywordField("site")
                .valueBridge(new Site())
                .aggregable(Aggregable.YES);
        topic.property("presenter").keywordField().projectable(Projectable.YES).aggregable(Aggregable.YES);
        topic.binder(new TagFieldsBinder());
        topic.property("year")
                .genericField("year")
                .projectable(Projectable.YES)
                .aggregable(Aggregable.YES)
                .sortable(Sortable.YES)
                .indexingDependency()
                .derivedFrom(PojoModelPath.parse("issue.published"))
                .reindexOnUpdate(ReindexOnUpdate.SHALLOW);
        topic.property("date")
                .genericField("date")
                .projectable(Projectable.YES)
                .sortable(Sortable.YES)
                .indexingDependency()
                .derivedFrom(PojoModelPath.parse("issue.published"))
                .reindexOnUpdate(ReindexOnUpdate.SHALLOW);
    }

    /**
     * Writes {@code tags} and {@code labels} from the topic's effective tags, split by the taxonomy in use when the
     * topic is indexed: after a taxonomy change, re-indexing shows a promoted label as its technology.
     */
    static final class TagFieldsBinder implements TypeBinder {
        @Override
        public void bind(TypeBindingContext context) {
            context.dependencies().use("tags.name").use("tags.provenance").use("tagsEdited");
            IndexFieldReference<String> tags = context.indexSchemaElement()
                    .field(
                            "tags",
                            f -> f.asString().projectable(Projectable.YES).aggregable(Aggregable.YES))
                    .multiValued()
                    .toReference();
            IndexFieldReference<String> labels = context.indexSchemaElement()
                    .field(
                            "labels",
                            f -> f.asString().projectable(Projectable.YES).aggregable(Aggregable.YES))
                    .multiValued()
                    .toReference();
            context.bridge(Topic.class, new TagFields(tags, labels));
        }
    }

    private record TagFields(IndexFieldReference<String> tags, IndexFieldReference<String> labels)
            implements TypeBridge<Topic> {
        @Override
        public void write(DocumentElement target, Topic topic, TypeBridgeWriteContext context) {
            // looked up when writing, not when binding: the mapping is built before application beans are used
            TagKinds kinds = TagKinds.of(
                    Arc.container().instance(TaxonomyInUse.class).get().taxonomy(), topic.getEffectiveTags());
            kinds.technologies().forEach(t -> target.addValue(tags, t));
            kinds.labels().forEach(l -> target.addValue(labels, l));
        }
    }

    /** The domain of a topic's link ({@link LinkKey#site}: github.com for https://www.GitHub.com/a); none without. */
    public static final class Site implements ValueBridge<String, String> {
        @Override
        public String toIndexedValue(String value, ValueBridgeToIndexedValueContext context) {
            return LinkKey.site(value);
        }
    }

    /** A plain-text excerpt of the body, shown when nothing is highlighted. */
    public static final class Snippet implements ValueBridge<String, String> {
        @Override
        public String toIndexedValue(String value, ValueBridgeToIndexedValueContext context) {
            return Topic.excerpt(value, 200);
        }

        /** Projecting "snippet" gives the excerpt as indexed. */
        @Override
        public String fromIndexedValue(String value, ValueBridgeFromIndexedValueContext context) {
            return value;
        }
    }
}
