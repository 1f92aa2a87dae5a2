package dev.kaiko.index;

import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Searchable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.engine.backend.types.TermVector;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmMappingConfigurationContext;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmSearchMappingConfigurer;
import org.hibernate.search.mapper.pojo.automaticindexing.ReindexOnUpdate;
import org.hibernate.search.mapper.pojo.bridge.ValueBridge;
import org.hibernate.search.mapper.pojo.bridge.runtime.ValueBridgeFromIndexedValueContext;
import org.hibernate.search.mapper.pojo.bridge.runtime.ValueBridgeToIndexedValueContext;
import org.hibernate.search.mapper.pojo.mapping.definition.programmatic.ProgrammaticMappingConfigurationContext;
import org.hibernate.search.mapper.pojo.mapping.definition.programmatic.TypeMappingStep;
import org.hibernate.search.mapper.pojo.model.path.PojoModelPath;

import dev.kaiko.model.Issue;
import dev.kaiko.model.Topic;

import io.quarkus.hibernate.search.orm.elasticsearch.SearchExtension;

/**
 * The topic document: which fields the index holds and how each is analysed. It lives here, not as annotations on
 * the entities, so that the model knows nothing of indexing (the model sits below the index in the data flow).
 *
 * <p>Every field of a topic, and the fields of its issue under {@code issue.}: {@code title} and {@code body} as
 * CJK bigrams (highlightable, with term vectors for the highlighter), {@code title_en}/{@code body_en} stemmed
 * English, {@code title_ja}/{@code body_ja} the application's Japanese words ({@link JapaneseText}), keyword facets
 * {@code tags} (effective tags), {@code presenter}, {@code section}, {@code year}, and projections for the hits.
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
                .fullTextField("body_ja")
                .analyzer(TopicAnalysis.TOKENS)
                .valueBridge(new JapaneseWords())
                .genericField("snippet")
                .projectable(Projectable.YES)
                .searchable(Searchable.NO)
                .valueBridge(new Snippet());
        topic.property("section").keywordField().projectable(Projectable.YES).aggregable(Aggregable.YES);
        topic.property("url").genericField().projectable(Projectable.YES).searchable(Searchable.NO);
        topic.property("presenter").keywordField().projectable(Projectable.YES).aggregable(Aggregable.YES);
        topic.property("effectiveTags")
                .keywordField("tags")
                .projectable(Projectable.YES)
                .aggregable(Aggregable.YES)
                .indexingDependency()
                .derivedFrom(PojoModelPath.parse("tags"))
                .derivedFrom(PojoModelPath.parse("tagsEdited"));
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
