package dev.kaiko.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.search.backend.elasticsearch.ElasticsearchExtension;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.util.common.SearchException;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.kaiko.index.SearchAvailability;
import dev.kaiko.model.Issue;
import dev.kaiko.model.SharedBefore;
import dev.kaiko.model.Topic;
import dev.kaiko.index.JapaneseText;

/**
 * Browsing: one topic with its issue, its neighbours and related topics; issues by year; one issue with its topics.
 * Reads the database (the truth); only "related" asks the engine, and answers without it when it is down.
 */
@ApplicationScoped
public class TopicCatalog {

    public static final int RELATED = 5;

    @Inject
    EntityManager em;
    @Inject
    SearchAvailability availability;
    @Inject
    SharedBefore sharedBefore;

    public record IssueSummary(long id, String series, Integer number, String title, LocalDate date, String url,
            @JsonProperty("topic_count") long topicCount) {
    }

    public record TopicSummary(long id, String title, String section, String presenter, String url, List<String> tags,
            int position) {
    }

    public record TopicDetail(long id, String title, String body, String url, List<String> links, String section,
            String presenter, List<String> tags, LocalDate date, int year, int position, IssueSummary issue,
            List<TopicSummary> neighbours, List<TopicSummary> related,
            @JsonProperty("shared_before") List<SharedBefore.Earlier> sharedBefore) {
    }

    public record IssueDetail(IssueSummary issue, List<TopicSummary> topics) {
    }

    @Transactional
    public Optional<TopicDetail> topic(long id) {
        Topic t = em.find(Topic.class, id);
        if (t == null) {
            return Optional.empty();
        }
        List<TopicSummary> neighbours = t.issue.topics.stream().filter(o -> !o.id.equals(t.id))
                .map(TopicCatalog::summary).toList();
        return Optional.of(new TopicDetail(t.id, t.title, t.body, t.url, t.linkList(), t.section, t.presenter,
                List.copyOf(t.getEffectiveTags()), t.getDate(), t.getYear(), t.position, summary(t.issue),
                neighbours, related(t), sharedBefore.of(t)));
    }

    @Transactional
    public List<IssueSummary> issues(Integer year) {
        // topic counts in the same query: one round trip however many issues
        var query = em.createQuery("select i, (select count(t) from Topic t where t.issue = i) from Issue i"
                + (year == null ? "" : " where i.published >= :from and i.published < :to")
                + " order by i.published desc, i.id desc", Object[].class);
        if (year != null) {
            query.setParameter("from", LocalDate.of(year, 1, 1)).setParameter("to", LocalDate.of(year + 1, 1, 1));
        }
        return query.getResultList().stream()
                .map(r -> summary((Issue) r[0], ((Number) r[1]).longValue())).toList();
    }

    @Transactional
    public Optional<IssueDetail> issue(long id) {
        Issue i = em.find(Issue.class, id);
        return Optional.ofNullable(i)
                .map(found -> new IssueDetail(summary(found), found.topics.stream().map(TopicCatalog::summary).toList()));
    }

    private static IssueSummary summary(Issue i) {
        return summary(i, i.topics.size());
    }

    private static IssueSummary summary(Issue i, long topicCount) {
        return new IssueSummary(i.id, i.series, i.number, i.title, i.published, i.url, topicCount);
    }

    private static TopicSummary summary(Topic t) {
        return new TopicSummary(t.id, t.title, t.section, t.presenter, t.url, List.copyOf(t.getEffectiveTags()),
                t.position);
    }

    /** Topics alike in content (more_like_this on the bigram and morphological fields) and in shared tags. */
    private List<TopicSummary> related(Topic t) {
        if (!availability.isReady()) {
            return List.of();
        }
        String text = t.title + "\n" + Topic.excerpt(t.body, 3000);
        // raw JSON: the DSL has no more_like_this
        JsonArray should = new JsonArray();
        should.add(moreLikeThis(List.of("title", "body"), text));
        should.add(moreLikeThis(List.of("title_ja", "body_ja"), JapaneseText.indexForm(text)));
        if (!t.getEffectiveTags().isEmpty()) {
            JsonArray tags = new JsonArray();
            t.getEffectiveTags().forEach(tags::add);
            JsonObject terms = new JsonObject();
            terms.add("tags", tags);
            terms.addProperty("boost", 2);
            should.add(TextQuery.obj("terms", terms));
        }
        JsonObject bool = new JsonObject();
        bool.add("should", should);
        bool.addProperty("minimum_should_match", 1);
        try {
            List<Long> ids = Search.session(em).search(Topic.class).extension(ElasticsearchExtension.get())
                    .select(f -> f.id(Long.class))
                    .where(f -> f.bool().must(f.fromJson(TextQuery.obj("bool", bool))).mustNot(f.id().matching(t.id)))
                    .fetchHits(RELATED);
            List<TopicSummary> out = new ArrayList<>();
            for (Long id : ids) {
                Topic r = em.find(Topic.class, id);
                if (r != null) {
                    out.add(summary(r));
                }
            }
            return out;
        } catch (SearchException e) {
            return List.of();
        }
    }

    private static JsonObject moreLikeThis(List<String> fields, String like) {
        JsonObject mlt = new JsonObject();
        JsonArray f = new JsonArray();
        fields.forEach(f::add);
        mlt.add("fields", f);
        mlt.addProperty("like", like);
        mlt.addProperty("min_term_freq", 1);
        mlt.addProperty("min_doc_freq", 1);
        mlt.addProperty("max_query_terms", 30);
        mlt.addProperty("minimum_should_match", "20%");
        return TextQuery.obj("more_like_this", mlt);
    }
}
