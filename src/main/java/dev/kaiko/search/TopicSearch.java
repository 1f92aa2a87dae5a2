package dev.kaiko.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.search.backend.elasticsearch.ElasticsearchExtension;
import org.hibernate.search.backend.elasticsearch.search.predicate.dsl.ElasticsearchSearchPredicateFactory;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.highlighter.dsl.HighlighterEncoder;
import org.hibernate.search.engine.search.predicate.dsl.SimpleBooleanPredicateClausesCollector;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FieldProjection;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.HighlightProjection;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.IdProjection;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.ProjectionConstructor;
import org.hibernate.search.util.common.SearchException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import dev.kaiko.index.SearchAvailability;
import dev.kaiko.index.SearchUnavailableException;
import dev.kaiko.model.Topic;
import dev.kaiko.search.SearchAnswer.FacetValue;
import dev.kaiko.search.SearchAnswer.Highlights;
import dev.kaiko.search.SearchAnswer.Hit;
import dev.kaiko.search.SearchAnswer.IssueRef;

/**
 * Full-text search over topics with disjunctive facets, in one request to the engine.
 *
 * <p>Facet filters go into the request's {@code post_filter}, and each facet's aggregation is wrapped in a filter of
 * every <em>other</em> facet's selection: so a facet's counts show what ticking one more of its values would add,
 * while hits and total honour every filter.
 */
@ApplicationScoped
public class TopicSearch {

    @Inject
    EntityManager entityManager;

    @Inject
    SearchAvailability availability;

    @Inject
    dev.kaiko.tagging.TaxonomyInUse taxonomies;

    @Inject
    DidYouMean didYouMean;

    @Inject
    Loanwords loanwords;

    private void ensureReady() {
        if (!availability.isReady()) {
            throw new SearchUnavailableException(availability.reason(), null);
        }
    }

    public SearchAnswer search(SearchRequest request) {
        SearchAnswer result = run(request, null);
        if (result.total() == 0 && !request.q().isEmpty()) {
            // a 4-letter word spelt wrong (csvs): typo matching for it, which would flood it when spelt right
            if (TextQuery.hasShortTypoCandidate(TextQuery.parse(request.q()))) {
                SearchAnswer typos = run(request, null, true);
                if (typos.total() > 0) {
                    return typos;
                }
            }
            String spelling = didYouMean.respell(request.q());
            if (spelling != null && count(request.withQ(spelling)) > 0) {
                return result.withDidYouMean(spelling);
            }
            // no dead end: the best results for all words but one, saying which word was left out
            return relaxed(request).orElse(result);
        }
        return result;
    }

    /**
     * When no topic has every word: the query without the one word whose absence finds the most topics (so the
     * word that over-constrained is the one left out). Only for plain AND queries of 2 to 8 words; negations and
     * phrases are kept, never dropped. Costs one count per word, and only on a zero-hit query.
     */
    private Optional<SearchAnswer> relaxed(SearchRequest request) {
        TextQuery.Parsed parsed = TextQuery.parse(request.q());
        if (parsed.alternatives().size() != 1) {
            return Optional.empty();
        }
        List<TextQuery.Unit> units = parsed.alternatives().get(0);
        List<Integer> droppable = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if (!units.get(i).negated()) {
                droppable.add(i);
            }
        }
        if (droppable.size() < 2 || droppable.size() > 8) {
            return Optional.empty();
        }
        String bestQuery = null;
        String bestDropped = null;
        long bestTotal = 0;
        for (int drop : droppable) {
            String q = TextQuery.format(units, drop);
            long total = count(request.withQ(q));
            if (total > bestTotal) {
                bestTotal = total;
                bestQuery = q;
                bestDropped = units.get(drop).text();
            }
        }
        if (bestQuery == null) {
            return Optional.empty();
        }
        return Optional.of(run(request.withQ(bestQuery), null)
                .withRelaxed(new SearchAnswer.Relaxed(List.of(bestDropped), bestQuery)));
    }

    /**
     * How many topics {@code request} finds (its total), asked as a count alone: the respelling and the relaxation
     * only need totals, and a search with six facets, highlights and a sorted page costs the engine several times more
     * (the facet filters, a post_filter in a search, become a filter of the count).
     */
    private long count(SearchRequest request) {
        ensureReady();
        TextQuery.Parsed text = TextQuery.parse(request.q());
        TextQuery.Expansion expansion = new TextQuery.Expansion(loanwords::of, loanwords.boost());
        JsonObject facetFilter = filterExcept(null, request.selections());
        try {
            return Search.session(entityManager)
                    .search(Topic.class)
                    .extension(ElasticsearchExtension.get())
                    .where((f, root) -> {
                        addMatch(f, root, request, text, expansion, false);
                        if (facetFilter != null) {
                            root.add(f.fromJson(facetFilter));
                        }
                    })
                    .fetchTotalHitCount();
        } catch (SearchException e) {
            throw new SearchUnavailableException("The search engine did not answer: " + firstLine(e.getMessage()), e);
        }
    }

    /** What a search matches before facet filters: the text query (or everything) within the date range. */
    private void addMatch(
            ElasticsearchSearchPredicateFactory<?> f,
            SimpleBooleanPredicateClausesCollector<?, ?> root,
            SearchRequest request,
            TextQuery.Parsed text,
            TextQuery.Expansion expansion,
            boolean shortTypos) {
        if (text.isEmpty()) {
            root.add(f.matchAll());
        } else {
            root.add(TextQuery.toPredicate(f, text, taxonomies.taxonomy()::find, expansion, shortTypos));
        }
        if (request.from() != null || request.to() != null) {
            root.add(f.range().field("date").between(request.from(), request.to()));
        }
    }

    /** The request the engine receives for {@code request}: index path, URL parameters and JSON body (benchmarks). */
    public EngineRequest engineRequest(SearchRequest request) {
        EngineRequest[] captured = new EngineRequest[1];
        run(request, captured);
        return captured[0];
    }

    /** What was sent to the engine, as sent. */
    public record EngineRequest(String path, Map<String, String> parameters, String body) {}

    private SearchAnswer run(SearchRequest request, EngineRequest[] capture) {
        return run(request, capture, false);
    }

    private SearchAnswer run(SearchRequest request, EngineRequest[] capture, boolean shortTypos) {
        ensureReady();
        long start = System.nanoTime();
        TextQuery.Parsed text = TextQuery.parse(request.q());
        TextQuery.Expansion expansion = new TextQuery.Expansion(loanwords::of, loanwords.boost());
        Map<Facet, List<String>> selected = request.selections();
        Map<Facet, AggregationKey<JsonObject>> keys = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            if (facet.counted()) {
                keys.put(facet, AggregationKey.of(facet.param()));
            }
        }
        SearchResult<HitRow> result;
        try {
            var query = Search.session(entityManager)
                    .search(Topic.class)
                    .extension(ElasticsearchExtension.get())
                    .select(HitRow.class)
                    .where((f, root) -> addMatch(f, root, request, text, expansion, shortTypos))
                    .highlighter(h -> h.fastVector()
                            .tag("<mark>", "</mark>")
                            .encoder(HighlighterEncoder.HTML)
                            .noMatchSize(0))
                    .highlighter("title", h -> h.fastVector().numberOfFragments(0))
                    .highlighter("body", h -> h.fastVector().fragmentSize(160).numberOfFragments(1));
            // raw JSON: the DSL has no filter aggregation (its filter() is for nested documents) nor terms include
            for (var e : keys.entrySet()) {
                query = query.aggregation(e.getValue(), f -> f.fromJson(facetAggregation(e.getKey(), selected)));
            }
            // raw JSON: the DSL has no post_filter
            JsonObject postFilter = filterExcept(null, selected);
            result = query.requestTransformer(context -> {
                        highlightMatchedFields(context.body());
                        if (postFilter != null) {
                            context.body().add("post_filter", postFilter);
                        }
                        if (capture != null) {
                            capture[0] = new EngineRequest(
                                    context.path(),
                                    Map.copyOf(context.parametersMap()),
                                    context.body().toString());
                        }
                    })
                    .sort(f -> switch (request.sort()) {
                        case NEWEST -> f.field("date").desc().then().score();
                        case OLDEST -> f.field("date").asc().then().score();
                        case RELEVANCE -> f.score().then().field("date").desc();
                    })
                    .fetch(request.page() * request.size(), request.size());
        } catch (SearchException e) {
            throw new SearchUnavailableException("The search engine did not answer: " + firstLine(e.getMessage()), e);
        }
        List<Hit> hits = new ArrayList<>();
        for (HitRow row : result.hits()) {
            hits.add(row.toHit());
        }
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        for (var e : keys.entrySet()) {
            facets.put(e.getKey().param(), facetValues(result.aggregation(e.getValue()), request.selected(e.getKey())));
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        return new SearchAnswer(result.total().hitCount(), request.page(), request.size(), tookMs, hits, facets);
    }

    /**
     * Raw JSON: the DSL has no {@code matched_fields}. An English (stemmed) match marks the words it matched in the
     * title and snippet (the fields share their text and offsets), so a hit found through {@code operation} for
     * "operations" shows why.
     */
    private static void highlightMatchedFields(JsonObject body) {
        JsonObject highlight = body.getAsJsonObject("highlight");
        JsonObject fields = highlight == null ? null : highlight.getAsJsonObject("fields");
        if (fields == null) {
            return;
        }
        for (String field : List.of("title", "body")) {
            JsonObject options = fields.getAsJsonObject(field);
            if (options != null) {
                JsonArray matched = new JsonArray();
                matched.add(field);
                matched.add(field + "_en");
                options.add("matched_fields", matched);
            }
        }
    }

    /** One hit as the engine returns it: stored fields of the topic and its issue, and the highlighted parts. */
    @ProjectionConstructor
    record HitRow(
            @IdProjection Long id,
            @FieldProjection String title,
            @FieldProjection String snippet,
            @FieldProjection String url,
            @FieldProjection List<String> tags,
            @FieldProjection List<String> labels,
            @FieldProjection String presenter,
            @FieldProjection Integer year,
            @FieldProjection LocalDate date,
            @FieldProjection String section,
            @FieldProjection(path = "issue.id") Long issueId,
            @FieldProjection(path = "issue.number") Integer issueNumber,
            @FieldProjection(path = "issue.title") String issueTitle,
            @FieldProjection(path = "issue.published") LocalDate issuePublished,
            @FieldProjection(path = "issue.series") String issueSeries,

            @HighlightProjection(path = "title", highlighter = "title")
            List<String> titleHighlights,

            @HighlightProjection(path = "body", highlighter = "body")
            List<String> bodyHighlights) {

        Hit toHit() {
            Highlights highlights = new Highlights(
                    titleHighlights.isEmpty() ? null : titleHighlights.get(0),
                    bodyHighlights.isEmpty() ? null : bodyHighlights.get(0));
            return new Hit(
                    id,
                    title,
                    snippet,
                    url,
                    tags,
                    labels,
                    presenter,
                    year,
                    date,
                    section,
                    new IssueRef(issueId, issueSeries, issueNumber, issueTitle, issuePublished),
                    highlights);
        }
    }

    /** A bool filter of every selected facet but {@code except}; null when nothing is selected. */
    private static JsonObject filterExcept(Facet except, Map<Facet, List<String>> selected) {
        JsonArray clauses = new JsonArray();
        for (var e : selected.entrySet()) {
            if (e.getKey() == except || e.getValue().isEmpty()) {
                continue;
            }
            String field = e.getKey().field();
            JsonArray values = new JsonArray();
            e.getValue().forEach(values::add);
            JsonObject terms = new JsonObject();
            terms.add(field, values);
            JsonObject clause = new JsonObject();
            clause.add("terms", terms);
            clauses.add(clause);
        }
        if (clauses.isEmpty()) {
            return null;
        }
        JsonObject bool = new JsonObject();
        bool.add("filter", clauses);
        JsonObject filter = new JsonObject();
        filter.add("bool", bool);
        return filter;
    }

    private static JsonObject facetAggregation(Facet f, Map<Facet, List<String>> selected) {
        JsonObject top = new JsonObject();
        top.add("terms", terms(f.field(), f.size(), null));
        JsonObject aggs = new JsonObject();
        aggs.add("top", top);
        List<String> mine = selected.getOrDefault(f, List.of());
        if (!mine.isEmpty()) {
            // selected values are always shown, even when outside the top N
            JsonObject sel = new JsonObject();
            sel.add("terms", terms(f.field(), mine.size(), mine));
            aggs.add("selected", sel);
        }
        JsonObject filter = filterExcept(f, selected);
        JsonObject agg = new JsonObject();
        agg.add("filter", filter == null ? matchAll() : filter);
        agg.add("aggs", aggs);
        return agg;
    }

    private static JsonObject terms(String field, int size, List<String> include) {
        JsonObject t = new JsonObject();
        t.addProperty("field", field);
        t.addProperty("size", size);
        if (include != null) {
            JsonArray inc = new JsonArray();
            include.forEach(inc::add);
            t.add("include", inc);
        }
        return t;
    }

    private static JsonObject matchAll() {
        JsonObject m = new JsonObject();
        m.add("match_all", new JsonObject());
        return m;
    }

    private static List<FacetValue> facetValues(JsonObject agg, List<String> selected) {
        Map<String, Long> counts = new LinkedHashMap<>();
        readBuckets(agg.getAsJsonObject("top"), counts);
        if (agg.has("selected")) {
            readBuckets(agg.getAsJsonObject("selected"), counts);
        }
        Set<String> sel = new LinkedHashSet<>(selected);
        List<FacetValue> out = new ArrayList<>();
        counts.forEach((value, count) -> out.add(new FacetValue(value, count, sel.contains(value))));
        for (String s : sel) {
            if (!counts.containsKey(s)) {
                out.add(new FacetValue(s, 0, true));
            }
        }
        return out;
    }

    private static void readBuckets(JsonObject terms, Map<String, Long> into) {
        for (JsonElement b : terms.getAsJsonArray("buckets")) {
            JsonObject bucket = b.getAsJsonObject();
            JsonPrimitive key = bucket.getAsJsonPrimitive("key_as_string") != null
                    ? bucket.getAsJsonPrimitive("key_as_string")
                    : bucket.getAsJsonPrimitive("key");
            String value = key.isNumber() ? String.valueOf(key.getAsLong()) : key.getAsString();
            into.putIfAbsent(value, bucket.get("doc_count").getAsLong());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
