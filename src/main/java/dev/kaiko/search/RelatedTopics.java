package dev.kaiko.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.search.backend.elasticsearch.ElasticsearchExtension;
import org.hibernate.search.backend.elasticsearch.search.predicate.dsl.ElasticsearchSearchPredicateFactory;
import org.hibernate.search.engine.search.predicate.dsl.MatchPredicateOptionsStep;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.util.common.SearchException;
import org.jboss.logging.Logger;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.kaiko.index.JapaneseText;
import dev.kaiko.index.SearchAvailability;
import dev.kaiko.model.Topic;
import dev.kaiko.tagging.TechnologyTagger;

/**
 * The one definition of "related topics", used by the API and the topic page alike (through {@link TopicCatalog}).
 * <p>
 * Another topic is related when it is similar in content (more_like_this over the words of title and body, the
 * morphological fields: enough of the topic's most distinctive words) <em>or</em> carries a technology the topic is
 * about (named in its title, or more than once in its body) that is not common in the archive. Among those, the score adds up: text similarity
 * (a looser more_like_this), and for every shared technology {@code tagWeight × ln(N / df)}, times
 * {@code passingMentionFactor} for a technology only mentioned in passing. So a rare technology weighs a lot, a
 * language half the archive carries almost nothing, and an incidental "Java や Python" never decides. One engine
 * query, built with the DSL except more_like_this (raw JSON).
 * <p>
 * Then: never the topic itself nor a topic with its link (or its exact title), each link once, topics of the same
 * issue count {@code sameIssueFactor} of their score (the page lists them already). When nothing qualifies, the answer
 * is an honest empty list ({@link Status#NONE_FOUND}), not the best of the unrelated.
 */
@ApplicationScoped
class RelatedTopics {

    private static final Logger LOG = Logger.getLogger(RelatedTopics.class);

    /** How many related topics a topic gets, in the API and on its page. */
    static final int COUNT = 5;

    enum Status {
        FOUND,
        /** Nothing shares a distinctive technology or enough of the topic's words. */
        NONE_FOUND,
        /** The engine is not ready or failed: related topics cannot be computed now. */
        UNAVAILABLE
    }

    /** Related topics best first (issue and tags fetched), and why the list may be empty. */
    record Related(List<Topic> topics, Status status) {}

    /** One candidate as ranked: the engine's score and the score after preferring other issues. */
    record Candidate(Topic topic, float score, double adjusted) {}

    private record Hit(long id, float score, Long issueId) {}

    @Inject
    EntityManager em;

    @Inject
    SearchAvailability availability;

    @Inject
    TagRarity rarity;

    @Inject
    RelatedConfig config;

    @Inject
    dev.kaiko.tagging.TaxonomyInUse taxonomies;

    /** Must run in a transaction (it loads the related topics). */
    Related of(Topic topic) {
        if (!availability.isReady()) {
            return new Related(List.of(), Status.UNAVAILABLE);
        }
        List<Candidate> ranked;
        try {
            ranked = rank(topic);
        } catch (SearchException e) {
            LOG.warnf("Related topics of %d unavailable: %s", topic.id, e.getMessage());
            return new Related(List.of(), Status.UNAVAILABLE);
        }
        List<Topic> topics = ranked.stream().limit(COUNT).map(Candidate::topic).toList();
        return new Related(topics, topics.isEmpty() ? Status.NONE_FOUND : Status.FOUND);
    }

    /** Every qualifying candidate among the engine's best few, duplicates dropped, in the final order. */
    List<Candidate> rank(Topic topic) {
        TagRarity.Table table = rarity.table();
        // more than asked for: some are dropped as duplicates or re-ranked below others
        int fetch = COUNT * 4;
        List<Hit> hits = Search.session(em)
                .search(Topic.class)
                .extension(ElasticsearchExtension.get())
                .select(f -> f.composite()
                        .from(f.id(Long.class), f.score(), f.field("issue.id", Long.class))
                        .as(Hit::new))
                .where(f -> query(f, topic, table))
                .fetchHits(fetch);
        if (hits.isEmpty()) {
            return List.of();
        }
        Map<Long, Topic> byId = new HashMap<>();
        em.createQuery(
                        "select distinct t from Topic t join fetch t.issue left join fetch t.tags where t.id in :ids",
                        Topic.class)
                .setParameter("ids", hits.stream().map(Hit::id).toList())
                .getResultList()
                .forEach(t -> byId.put(t.id, t));
        long issueId = topic.issue.id;
        List<Candidate> candidates = new ArrayList<>();
        for (Hit h : hits) {
            Topic t = byId.get(h.id());
            if (t != null) {
                double factor = Objects.equals(h.issueId(), issueId) ? config.sameIssueFactor() : 1.0;
                candidates.add(new Candidate(t, h.score(), h.score() * factor));
            }
        }
        // stable: equal scores keep the engine's order
        candidates.sort(Comparator.comparingDouble(Candidate::adjusted).reversed());
        Set<String> seen = new HashSet<>();
        addKeys(seen, topic);
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!isDuplicate(seen, c.topic())) {
                addKeys(seen, c.topic());
                out.add(c);
            }
        }
        return out;
    }

    private static void addKeys(Set<String> seen, Topic t) {
        if (t.linkKey != null) {
            seen.add("link:" + t.linkKey);
        }
        if (t.titleKey != null && !t.titleKey.isEmpty()) {
            seen.add("title:" + t.titleKey);
        }
    }

    private static boolean isDuplicate(Set<String> seen, Topic t) {
        return (t.linkKey != null && seen.contains("link:" + t.linkKey))
                || (t.titleKey != null && !t.titleKey.isEmpty() && seen.contains("title:" + t.titleKey));
    }

    /**
     * must: similar content or a shared distinctive technology the topic is about (each scored); should: loosely
     * similar content, technologies only mentioned in passing, common technologies (scored only); must not: the
     * topic itself.
     */
    private PredicateFinalStep query(ElasticsearchSearchPredicateFactory f, Topic topic, TagRarity.Table table) {
        // words, not bigrams: one shared katakana word is five shared bigrams, enough to look "similar"
        String words = JapaneseText.indexForm(topic.title + "\n" + Topic.excerpt(topic.body, 3000));
        List<String> fields = List.of("title_ja", "body_ja");
        var qualifies = f.bool();
        var root = f.bool();
        // raw JSON: the DSL has no more_like_this
        qualifies.should(f.fromJson(moreLikeThis(fields, words, config.minimumShouldMatch())));
        root.should(f.fromJson(moreLikeThis(fields, words, config.looseMinimumShouldMatch())));
        Set<String> inPassing = inPassing(topic);
        for (String tag : topic.getEffectiveTags()) {
            double idf = table.idf(tag);
            if (idf <= 0) {
                continue;
            }
            boolean central = !inPassing.contains(tag.toLowerCase(Locale.ROOT));
            // a constant weight: only whether the tag is shared matters, not how often the other topic says it
            MatchPredicateOptionsStep<?> shared = f.match().field("tags").matching(tag);
            shared.constantScore();
            shared.boost((float) (config.tagWeight() * idf * (central ? 1 : config.passingMentionFactor())));
            if (central && !isCommon(table, tag)) {
                qualifies.should(shared);
            } else {
                root.should(shared);
            }
        }
        qualifies.minimumShouldMatchNumber(1);
        root.must(qualifies);
        root.mustNot(f.id().matching(topic.id));
        return root;
    }

    /**
     * The tags (lower case) mentioned only in passing: not in the title and once in the body (like "Java や Python
     * などでは…"), or only implied by the taxonomy's hierarchy. Tags the text does not show (archive or manual tags)
     * are not judged.
     */
    private Set<String> inPassing(Topic topic) {
        Set<String> out = new HashSet<>();
        for (TechnologyTagger.Evidence e : taxonomies.tagger().explain(topic.title, topic.body)) {
            if (e.titleMentions() == 0 && e.bodyMentions() <= 1) {
                out.add(e.technology().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private boolean isCommon(TagRarity.Table table, String tag) {
        long df = table.df(tag);
        return df > config.commonMinTopics() && df > config.commonShare() * table.topics();
    }

    private JsonObject moreLikeThis(List<String> fields, String like, String minimumShouldMatch) {
        JsonObject mlt = new JsonObject();
        JsonArray f = new JsonArray();
        fields.forEach(f::add);
        mlt.add("fields", f);
        mlt.addProperty("like", like);
        // topics are short: a word once is enough; a word no other topic has cannot make anything similar
        mlt.addProperty("min_term_freq", 1);
        mlt.addProperty("min_doc_freq", 2);
        mlt.addProperty("max_query_terms", config.maxQueryTerms());
        mlt.addProperty("minimum_should_match", minimumShouldMatch);
        return TextQuery.obj("more_like_this", mlt);
    }
}
