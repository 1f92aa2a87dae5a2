package dev.kaiko.search;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.search.backend.elasticsearch.ElasticsearchExtension;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.util.common.SearchException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.kaiko.index.SearchUnavailableException;
import dev.kaiko.model.Topic;

/**
 * "Did you mean": respells a query that found nothing from the engine's term suggester (raw JSON: the Hibernate
 * Search DSL has no suggesters).
 */
@ApplicationScoped
class DidYouMean {

    @Inject
    EntityManager entityManager;

    /**
     * A respelling of {@code q} from the engine's term suggester (each word replaced by its most frequent close
     * spelling in titles or bodies), or null when no word has one.
     */
    String respell(String q) {
        String text = TextQuery.normalize(q);
        // raw JSON: the DSL has no suggesters
        JsonObject suggest = new JsonObject();
        suggest.addProperty("text", text);
        for (String field : List.of("title", "body")) {
            JsonObject term = new JsonObject();
            term.addProperty("field", field);
            term.addProperty("suggest_mode", "popular");
            term.addProperty("min_word_length", 3);
            term.addProperty("prefix_length", 1);
            term.addProperty("size", 1);
            suggest.add(field, TextQuery.obj("term", term));
        }
        JsonObject response;
        try {
            response = Search.session(entityManager)
                    .search(Topic.class)
                    .extension(ElasticsearchExtension.get())
                    .where(f -> f.matchNone())
                    .requestTransformer(context -> context.body().add("suggest", suggest))
                    .fetch(0)
                    .responseBody();
        } catch (SearchException e) {
            throw new SearchUnavailableException("The search engine did not answer: " + firstLine(e.getMessage()), e);
        }
        // offset → (replacement, frequency): the better-attested spelling of the two fields wins
        Map<Integer, Object[]> best = new java.util.TreeMap<>();
        JsonObject results = response.getAsJsonObject("suggest");
        if (results == null) {
            return null;
        }
        for (String field : List.of("title", "body")) {
            for (JsonElement e : results.getAsJsonArray(field)) {
                JsonObject entry = e.getAsJsonObject();
                JsonArray options = entry.getAsJsonArray("options");
                if (options.isEmpty()) {
                    continue;
                }
                JsonObject option = options.get(0).getAsJsonObject();
                int offset = entry.get("offset").getAsInt();
                long freq = option.get("freq").getAsLong();
                Object[] current = best.get(offset);
                if (current == null || (long) current[2] < freq) {
                    best.put(offset, new Object[] {
                        entry.get("length").getAsInt(), option.get("text").getAsString(), freq
                    });
                }
            }
        }
        if (best.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (var e : best.entrySet()) {
            int offset = e.getKey();
            if (offset < at || offset > text.length()) {
                continue;
            }
            out.append(text, at, offset).append((String) e.getValue()[1]);
            at = Math.min(text.length(), offset + (int) e.getValue()[0]);
        }
        out.append(text.substring(at));
        String spelling = out.toString();
        return spelling.equalsIgnoreCase(text) ? null : spelling;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }
}
