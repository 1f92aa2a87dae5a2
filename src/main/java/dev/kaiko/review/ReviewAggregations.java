package dev.kaiko.review;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.search.backend.elasticsearch.ElasticsearchExtension;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.util.common.SearchException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.kaiko.index.SearchAvailability;
import dev.kaiko.index.SearchUnavailableException;
import dev.kaiko.model.Topic;
import dev.kaiko.review.YearReview.TechnologyCount;

/**
 * The year's figures in one request to the search engine (size 0, aggregations only), never loading topics:
 * per-year topic and issue counts; each tag's first and last year over the whole archive; and, filtered to the
 * year and to the year before, tag counts, presenters with their top tags, topics per month and per issue. Every
 * figure is of one scope (the selected series; empty: all), and only technologies count as tags: a tag the
 * taxonomy does not know is a label (JSer.info's "library", "ReleaseNote") and is left out.
 */
@ApplicationScoped
class ReviewAggregations {

    /** Upper bound of distinct values fetched per terms aggregation; far above any real archive's tags or issues. */
    private static final int ALL = 10_000;

    /** Issue counts use cardinality; below this threshold the engine counts exactly. */
    private static final int EXACT_CARDINALITY = 40_000;

    record Presenter(String name, long topics, List<TechnologyCount> tags) {}

    /** What one year and the archive around it look like to the engine. */
    record Figures(
            int year,
            Map<Integer, YearCount> years,
            Map<String, int[]> tagYears,
            long topics,
            Map<String, Long> tags,
            long previousTopics,
            Map<String, Long> previousTags,
            List<Presenter> presenters,
            long[] months,
            Map<Long, Long> issueTopics) {}

    @Inject
    EntityManager em;

    @Inject
    EntityManagerFactory emf;

    /** The review's concurrent engine requests (two per review); plain threads, no context to propagate. */
    private final ExecutorService engineCalls = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "kaiko-review-engine");
        t.setDaemon(true);
        return t;
    });

    /** Favourite technologies listed per presenter. */
    private static final int FAVOURITES = 3;

    @Inject
    SearchAvailability availability;

    @Inject
    dev.kaiko.tagging.TaxonomyInUse taxonomies;

    /** Years with topics of the series (empty: all), with their issue and topic counts. */
    Map<Integer, YearCount> years(List<String> series) {
        if (!availability.isReady()) {
            throw new SearchUnavailableException(availability.reason(), null);
        }
        JsonObject aggs = run(em, Map.of("years", yearsAggregation()), series);
        return readYears(aggs.getAsJsonObject("years"));
    }

    /**
     * The year's figures, computed while the caller does its own database reads. Two engine requests run at once,
     * each on a session of its own: the year's figures, and each tag's first and last year over the whole archive
     * (the costliest part, since it reads every topic).
     */
    CompletableFuture<Figures> figures(int year, List<String> series) {
        Map<String, JsonObject> request = new LinkedHashMap<>();
        request.put("years", yearsAggregation());
        request.put(
                "this",
                filterYear(
                        year,
                        Map.of(
                                "tags", terms("tags", ALL, Map.of()),
                                "presenters", terms("presenter", ALL, Map.of("tags", terms("tags", 50, Map.of()))),
                                "months",
                                        json(
                                                "{\"date_histogram\": {\"field\": \"date\", \"calendar_interval\": \"month\"}}"),
                                "issues", terms("issue.id", ALL, Map.of()))));
        request.put("previous", filterYear(year - 1, Map.of("tags", terms("tags", ALL, Map.of()))));
        CompletableFuture<JsonObject> tagYearsRequest = runAsync(
                Map.of(
                        "tag_years",
                        terms("tags", ALL, Map.of("first", stat("min", "year"), "last", stat("max", "year")))),
                series);
        return runAsync(request, series).thenCombine(tagYearsRequest, (aggs, tagYears) -> {
            aggs.add("tag_years", tagYears.get("tag_years"));
            return figures(year, aggs);
        });
    }

    /** Waits for {@code future}, rethrowing what the computation threw. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private CompletableFuture<JsonObject> runAsync(Map<String, JsonObject> aggregations, List<String> series) {
        if (!availability.isReady()) {
            throw new SearchUnavailableException(availability.reason(), null);
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    // a session of its own: sessions are not shared between threads
                    EntityManager own = emf.createEntityManager();
                    try {
                        return run(own, aggregations, series);
                    } finally {
                        own.close();
                    }
                },
                engineCalls);
    }

    @PreDestroy
    void stopEngineCalls() {
        engineCalls.shutdownNow();
    }

    private Figures figures(int year, JsonObject aggs) {
        Map<String, int[]> tagYears = new LinkedHashMap<>();
        for (JsonObject b : buckets(aggs.getAsJsonObject("tag_years"))) {
            if (!isTechnology(b.get("key").getAsString())) {
                continue;
            }
            tagYears.put(b.get("key").getAsString(), new int[] {
                (int) b.getAsJsonObject("first").get("value").getAsDouble(),
                (int) b.getAsJsonObject("last").get("value").getAsDouble()
            });
        }
        JsonObject current = aggs.getAsJsonObject("this");
        JsonObject previous = aggs.getAsJsonObject("previous");
        List<Presenter> presenters = new ArrayList<>();
        for (JsonObject b : buckets(current.getAsJsonObject("presenters"))) {
            List<TechnologyCount> favourites = counts(b.getAsJsonObject("tags")).entrySet().stream()
                    .map(e -> new TechnologyCount(e.getKey(), e.getValue()))
                    .limit(FAVOURITES)
                    .toList();
            presenters.add(
                    new Presenter(b.get("key").getAsString(), b.get("doc_count").getAsLong(), favourites));
        }
        long[] months = new long[12];
        for (JsonObject b : buckets(current.getAsJsonObject("months"))) {
            var date = Instant.ofEpochMilli(b.get("key").getAsLong())
                    .atZone(ZoneOffset.UTC)
                    .toLocalDate();
            if (date.getYear() == year) {
                months[date.getMonthValue() - 1] += b.get("doc_count").getAsLong();
            }
        }
        Map<Long, Long> issueTopics = new LinkedHashMap<>();
        for (JsonObject b : buckets(current.getAsJsonObject("issues"))) {
            issueTopics.put(b.get("key").getAsLong(), b.get("doc_count").getAsLong());
        }
        return new Figures(
                year,
                readYears(aggs.getAsJsonObject("years")),
                tagYears,
                current.get("doc_count").getAsLong(),
                counts(current.getAsJsonObject("tags")),
                previous.get("doc_count").getAsLong(),
                counts(previous.getAsJsonObject("tags")),
                presenters,
                months,
                issueTopics);
    }

    private boolean isTechnology(String tag) {
        return taxonomies.taxonomy().find(tag).isPresent();
    }

    private JsonObject run(EntityManager em, Map<String, JsonObject> aggregations, List<String> series) {
        try {
            var query = Search.session(em)
                    .search(Topic.class)
                    .extension(ElasticsearchExtension.get())
                    .select(f -> f.id())
                    .where(f -> series.isEmpty()
                            ? f.matchAll()
                            : f.terms().field("issue.series").matchingAny(series));
            Map<String, AggregationKey<JsonObject>> keys = new LinkedHashMap<>();
            for (var e : aggregations.entrySet()) {
                AggregationKey<JsonObject> key = AggregationKey.of(e.getKey());
                keys.put(e.getKey(), key);
                // raw JSON: the DSL has no filter aggregations or date histograms
                query = query.aggregation(key, f -> f.fromJson(e.getValue()));
            }
            var result = query.fetch(0);
            JsonObject out = new JsonObject();
            keys.forEach((name, key) -> out.add(name, result.aggregation(key)));
            return out;
        } catch (SearchException e) {
            String message = e.getMessage() == null
                    ? "unknown error"
                    : e.getMessage().lines().findFirst().orElse("");
            throw new SearchUnavailableException("The search engine did not answer: " + message, e);
        }
    }

    private static JsonObject yearsAggregation() {
        JsonObject issues = json(
                "{\"cardinality\": {\"field\": \"issue.id\", \"precision_threshold\": " + EXACT_CARDINALITY + "}}");
        JsonObject years = terms("year", ALL, Map.of("issues", issues));
        years.getAsJsonObject("terms").add("order", json("{\"_key\": \"asc\"}"));
        return years;
    }

    private static Map<Integer, YearCount> readYears(JsonObject agg) {
        Map<Integer, YearCount> years = new TreeMap<>();
        for (JsonObject b : buckets(agg)) {
            int year = b.get("key").getAsInt();
            years.put(
                    year,
                    new YearCount(
                            year,
                            b.getAsJsonObject("issues").get("value").getAsLong(),
                            b.get("doc_count").getAsLong()));
        }
        return years;
    }

    private static JsonObject filterYear(int year, Map<String, JsonObject> sub) {
        JsonObject agg = json("{\"filter\": {\"term\": {\"year\": " + year + "}}}");
        agg.add("aggs", aggs(sub));
        return agg;
    }

    private static JsonObject terms(String field, int size, Map<String, JsonObject> sub) {
        JsonObject terms = new JsonObject();
        terms.addProperty("field", field);
        terms.addProperty("size", size);
        JsonObject agg = new JsonObject();
        agg.add("terms", terms);
        if (!sub.isEmpty()) {
            agg.add("aggs", aggs(sub));
        }
        return agg;
    }

    private static JsonObject stat(String kind, String field) {
        return json("{\"" + kind + "\": {\"field\": \"" + field + "\"}}");
    }

    private static JsonObject aggs(Map<String, JsonObject> sub) {
        JsonObject aggs = new JsonObject();
        sub.forEach(aggs::add);
        return aggs;
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static List<JsonObject> buckets(JsonObject agg) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : agg.getAsJsonArray("buckets")) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    /** Technology to count, in the engine's order (count descending, then key); labels left out. */
    private Map<String, Long> counts(JsonObject terms) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonObject b : buckets(terms)) {
            if (!isTechnology(b.get("key").getAsString())) {
                continue;
            }
            out.put(b.get("key").getAsString(), b.get("doc_count").getAsLong());
        }
        return out;
    }
}
