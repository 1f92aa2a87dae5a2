package dev.kaiko.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.search.backend.elasticsearch.ElasticsearchExtension;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.util.common.SearchException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.kaiko.index.SearchAvailability;
import dev.kaiko.index.SearchUnavailableException;
import dev.kaiko.model.Topic;
import dev.kaiko.tagging.Technology;

/**
 * Search-as-you-type: technology names whose name or any alias (Japanese or English) starts with what was typed,
 * ordered by how many topics carry them, then topic titles containing the typed text with its last word as a prefix.
 */
@ApplicationScoped
public class Suggestions {

    public static final int MAX = 10;
    public static final int MAX_PREFIX_LENGTH = 100;
    private static final int MAX_TECHNOLOGIES = 4;

    @Inject
    EntityManager entityManager;

    @Inject
    SearchAvailability availability;

    @Inject
    dev.kaiko.tagging.TaxonomyInUse taxonomies;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Suggestion(String text, String kind, Long id, Long count) {}

    public record Result(String q, List<Suggestion> suggestions) {}

    public Result suggest(String raw) {
        String q = raw == null ? "" : TextQuery.normalize(raw);
        if (q.length() > MAX_PREFIX_LENGTH) {
            throw new InvalidSearchParameter("q", "is longer than " + MAX_PREFIX_LENGTH + " characters");
        }
        if (q.isEmpty()) {
            return new Result(q, List.of());
        }
        if (!availability.isReady()) {
            throw new SearchUnavailableException(availability.reason(), null);
        }
        List<String> technologies = technologiesStartingWith(q);
        AggregationKey<JsonObject> tagCounts = AggregationKey.of("tags");
        List<List<?>> titles;
        JsonObject counts;
        try {
            var query = Search.session(entityManager)
                    .search(Topic.class)
                    .extension(ElasticsearchExtension.get())
                    .select(f -> f.composite()
                            .from(f.id(Long.class), f.field("title", String.class))
                            .asList())
                    .where(f -> f.fromJson(titlePrefix(q)));
            if (!technologies.isEmpty()) {
                query = query.aggregation(tagCounts, f -> f.fromJson(tagCountsOf(technologies)));
            }
            var result = query.fetch(MAX);
            titles = result.hits();
            counts = technologies.isEmpty() ? null : result.aggregation(tagCounts);
        } catch (SearchException e) {
            throw new SearchUnavailableException("The search engine did not answer", e);
        }
        Map<String, Long> byTag = new LinkedHashMap<>();
        if (counts != null) {
            for (JsonElement b : counts.getAsJsonObject("t").getAsJsonArray("buckets")) {
                byTag.put(
                        b.getAsJsonObject().get("key").getAsString(),
                        b.getAsJsonObject().get("doc_count").getAsLong());
            }
        }
        List<Suggestion> out = new ArrayList<>();
        technologies.stream()
                .sorted((a, b) -> Long.compare(byTag.getOrDefault(b, 0L), byTag.getOrDefault(a, 0L)))
                .limit(MAX_TECHNOLOGIES)
                .forEach(t -> out.add(new Suggestion(t, "technology", null, byTag.getOrDefault(t, 0L))));
        Set<String> seen = new LinkedHashSet<>();
        for (List<?> row : titles) {
            String title = (String) row.get(1);
            if (out.size() < MAX && seen.add(title)) {
                out.add(new Suggestion(title, "topic", (Long) row.get(0), null));
            }
        }
        return new Result(q, out);
    }

    /** Canonical names of technologies with a spelling that starts with {@code q} (case, width, spaces ignored). */
    private List<String> technologiesStartingWith(String q) {
        String prefix = key(q);
        List<String> names = new ArrayList<>();
        for (Technology t : taxonomies.taxonomy().technologies()) {
            List<String> spellings = new ArrayList<>(t.aliases());
            spellings.add(t.name());
            if (spellings.stream().anyMatch(s -> key(s).startsWith(prefix))) {
                names.add(t.name());
            }
        }
        return names;
    }

    private static String key(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[\\s._-]", "");
    }

    /** The typed text in a title, its last word possibly unfinished. */
    private static JsonObject titlePrefix(String q) {
        // raw JSON: the DSL has no phrase-prefix predicate (its prefix() takes one term, unanalysed)
        JsonArray should = new JsonArray();
        for (String field : List.of("title", "title_en")) {
            JsonObject p = new JsonObject();
            p.addProperty("query", q);
            p.addProperty("max_expansions", 30);
            p.addProperty("boost", "title".equals(field) ? 2 : 1);
            should.add(TextQuery.obj("match_phrase_prefix", field, p));
        }
        JsonObject bool = new JsonObject();
        bool.add("should", should);
        bool.addProperty("minimum_should_match", 1);
        return TextQuery.obj("bool", bool);
    }

    private static JsonObject tagCountsOf(List<String> names) {
        JsonObject terms = new JsonObject();
        terms.addProperty("field", "tags");
        terms.addProperty("size", names.size());
        JsonArray include = new JsonArray();
        names.forEach(include::add);
        terms.add("include", include);
        // raw JSON: the DSL has no global aggregation; counted over every topic, not only over the titles that matched
        // the prefix
        JsonObject global = TextQuery.obj("global", new JsonObject());
        global.add("aggs", TextQuery.obj("t", TextQuery.obj("terms", terms)));
        return global;
    }
}
