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
 * Search DSL has no suggesters). Latin words are respelt from the terms of {@code title}/{@code body}; words with
 * kana or kanji from the Japanese words of {@code title_ja}/{@code body_ja} (the bigram terms are two characters, too
 * short to respell), one character substituted, inserted, deleted or swapped: サイドガー → サイドカー.
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
            suggest.add(field, TextQuery.obj("term", termSuggester(field, 1)));
        }
        String japanese = japaneseWordsOnly(text);
        if (!japanese.isBlank()) {
            for (String field : JAPANESE_FIELDS) {
                // a word as typed is one term (the field's analyzer splits on spaces only), compared whole
                JsonObject term = termSuggester(field, 0);
                term.addProperty("max_edits", 1);
                JsonObject entry = TextQuery.obj("term", term);
                entry.addProperty("text", japanese);
                suggest.add(field, entry);
            }
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
        for (String field : List.of("title", "body", JAPANESE_FIELDS.get(0), JAPANESE_FIELDS.get(1))) {
            if (!results.has(field)) {
                continue;
            }
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

    private static final List<String> JAPANESE_FIELDS = List.of("title_ja", "body_ja");

    /**
     * The text with every word that has no kana or kanji blanked out, character for character, so the offsets of
     * the Japanese suggestions are offsets in the query.
     */
    static String japaneseWordsOnly(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            if (!TextQuery.hasJapanese(text.substring(i, end))) {
                for (int j = i; j < end; j++) {
                    out.setCharAt(j, ' ');
                }
            }
            i = end;
        }
        return out.toString();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }

    /** The engine's term suggester on {@code field}: the most frequent close spelling of words of 3+ characters. */
    private static JsonObject termSuggester(String field, int prefixLength) {
        JsonObject term = new JsonObject();
        term.addProperty("field", field);
        term.addProperty("suggest_mode", "popular");
        term.addProperty("min_word_length", 3);
        term.addProperty("prefix_length", prefixLength);
        term.addProperty("size", 1);
        return term;
    }
}
