package dev.kaiko.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
 * "Did you mean": respells a query that found nothing (raw JSON: the Hibernate Search DSL has no suggesters, fuzzy
 * or regexp term options, highlighting of arbitrary fields nor filter aggregations). Latin words are respelt from
 * the terms of {@code title}/{@code body} (the engine's term suggester); words with kana or kanji from the Japanese
 * words of {@code title_ja}/{@code body_ja} (the bigram terms are two characters, too short to respell), one
 * character substituted, inserted, deleted or swapped (サイドガー → サイドカー), and, for words of 5+ characters, from
 * inside the longer words kuromoji kept whole (レジストル → レジストリ, which the archive may only have in
 * コンテナレジストリ).
 *
 * <p>The choice does not depend on deleted documents: the suggester's term frequencies count documents deleted but
 * not yet merged away (after a purge or a re-import), so its best option could be a word of a deleted archive, or
 * a live word outranked by one. Candidates are therefore only gathered from the engine (several per word), and
 * chosen by what the live archive holds: the fewest edits, then a whole word before a part of one, then the most
 * topics containing the candidate (counted by a query, which sees live documents only), then alphabetical order.
 */
@ApplicationScoped
class DidYouMean {

    @Inject
    EntityManager entityManager;

    /** Candidates asked of the term suggester per Latin word. */
    private static final int SUGGESTIONS = 5;

    /** Topics read for the Japanese words close to a query word (their marked words are the candidates). */
    static final int JAPANESE_HITS = 100;

    /** Japanese words at least this long are also looked for inside longer words. */
    private static final int MIN_PART_LENGTH = 5;

    private static final String MARK = "\u0002";
    private static final String END_MARK = "\u0003";

    /** A word of the query: where it is, its text, and whether it has kana or kanji. */
    record Word(int offset, String text, boolean japanese) {}

    /** A respelling of one word: edits from the word, whether it is a whole indexed word, topics containing it. */
    record Candidate(String text, int edits, boolean whole, long topics) {}

    /**
     * A respelling of {@code q} (each word that has a close spelling found in more topics than the word as typed
     * replaced by the best one, see the class comment), or null when no word has one.
     */
    String respell(String q) {
        String text = TextQuery.normalize(q);
        List<Word> words = words(text);
        if (words.isEmpty()) {
            return null;
        }
        JsonObject response = candidatesRequest(text, words);
        // the parts of the query that may be respelt, by offset: the Japanese words, the suggester's Latin tokens
        Map<Integer, Word> slots = new TreeMap<>();
        for (Word word : words) {
            if (word.japanese()) {
                slots.put(word.offset(), word);
            }
        }
        // candidates per slot offset: text → (edits, whole word)
        Map<Integer, Map<String, Candidate>> found = new TreeMap<>();
        JsonObject suggest = response.getAsJsonObject("suggest");
        if (suggest != null) {
            for (String field : List.of("title", "body")) {
                if (!suggest.has(field)) {
                    continue;
                }
                for (JsonElement e : suggest.getAsJsonArray(field)) {
                    JsonObject entry = e.getAsJsonObject();
                    int offset = entry.get("offset").getAsInt();
                    int end = offset + entry.get("length").getAsInt();
                    if (end > text.length() || TextQuery.hasJapanese(text.substring(offset, end))) {
                        continue;
                    }
                    Word word = slots.computeIfAbsent(offset, o -> new Word(o, text.substring(o, end), false));
                    for (JsonElement o : entry.getAsJsonArray("options")) {
                        String option = o.getAsJsonObject().get("text").getAsString();
                        add(found, word, option, distance(word.text().toLowerCase(Locale.ROOT), option), true);
                    }
                }
            }
        }
        JsonObject hits = response.getAsJsonObject("hits");
        if (hits != null) {
            for (JsonElement h : hits.getAsJsonArray("hits")) {
                JsonObject highlight = h.getAsJsonObject().getAsJsonObject("highlight");
                if (highlight == null) {
                    continue;
                }
                for (var field : highlight.entrySet()) {
                    for (JsonElement fragment : field.getValue().getAsJsonArray()) {
                        for (String marked : marked(fragment.getAsString())) {
                            for (Word word : slots.values()) {
                                if (word.japanese()) {
                                    addJapanese(found, word, marked);
                                }
                            }
                        }
                    }
                }
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        Map<String, Long> topics = topicCounts(slots.values(), found);
        Map<Integer, String> best = new TreeMap<>();
        for (Word word : slots.values()) {
            Map<String, Candidate> candidates = found.get(word.offset());
            if (candidates == null) {
                continue;
            }
            long asTyped = topics.getOrDefault(word.text().toLowerCase(Locale.ROOT), 0L);
            candidates.values().stream()
                    .map(c -> new Candidate(c.text(), c.edits(), c.whole(), topics.getOrDefault(c.text(), 0L)))
                    // like the suggester's "popular" mode, but on live topics: better attested than the word itself
                    .filter(c -> c.topics() > asTyped)
                    .min(CHOICE)
                    .ifPresent(c -> best.put(word.offset(), c.text()));
        }
        if (best.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Word word : slots.values()) {
            String replacement = best.get(word.offset());
            if (replacement != null && word.offset() >= at) {
                out.append(text, at, word.offset()).append(replacement);
                at = word.offset() + word.text().length();
            }
        }
        out.append(text.substring(at));
        String spelling = out.toString();
        return spelling.equalsIgnoreCase(text) ? null : spelling;
    }

    /** The ids of the topics whose marked words are read for {@code q}'s Japanese words, in the order read. */
    List<Long> topicsRead(String q) {
        String text = TextQuery.normalize(q);
        List<Long> ids = new ArrayList<>();
        for (JsonElement hit :
                candidatesRequest(text, words(text)).getAsJsonObject("hits").getAsJsonArray("hits")) {
            ids.add(hit.getAsJsonObject().get("_id").getAsLong());
        }
        return ids;
    }

    /** Fewest edits, a whole word before a part of one, most topics, then alphabetical (so never a tie). */
    static final Comparator<Candidate> CHOICE = Comparator.comparingInt(Candidate::edits)
            .thenComparing(c -> !c.whole())
            .thenComparing(Comparator.comparingLong(Candidate::topics).reversed())
            .thenComparing(Candidate::text);

    /**
     * Two requests (one without Japanese words): the term suggester for the Latin words, and for the Japanese
     * words the topics having a
     * morphological word one edit away (fuzzy) or, for long words, containing a same-length spelling one
     * substitution or swap away (regexp), their matching words marked by the highlighter.
     */
    private JsonObject candidatesRequest(String text, List<Word> words) {
        JsonObject suggest = new JsonObject();
        suggest.addProperty("text", text);
        for (String field : List.of("title", "body")) {
            suggest.add(field, TextQuery.obj("term", termSuggester(field)));
        }
        JsonArray should = new JsonArray();
        for (Word word : words) {
            if (!word.japanese() || word.text().codePointCount(0, word.text().length()) < 3) {
                continue;
            }
            String value = word.text().toLowerCase(Locale.ROOT);
            for (String field : JAPANESE_FIELDS) {
                JsonObject fuzzy = new JsonObject();
                fuzzy.addProperty("value", value);
                fuzzy.addProperty("fuzziness", 1);
                fuzzy.addProperty("prefix_length", 0);
                fuzzy.addProperty("transpositions", true);
                should.add(TextQuery.obj("fuzzy", field, fuzzy));
                if (value.codePointCount(0, value.length()) >= MIN_PART_LENGTH) {
                    JsonObject regexp = new JsonObject();
                    regexp.addProperty("value", ".*(" + String.join("|", sameLengthVariants(value)) + ").*");
                    should.add(TextQuery.obj("regexp", field, regexp));
                }
            }
        }
        JsonObject highlight = new JsonObject();
        if (!should.isEmpty()) {
            JsonObject fields = new JsonObject();
            for (String field : JAPANESE_FIELDS) {
                JsonObject options = new JsonObject();
                // the words are the field's own terms: reanalysed from the source, each match marked whole
                options.addProperty("type", "plain");
                options.addProperty("fragment_size", 60);
                options.addProperty("number_of_fragments", 20);
                fields.add(field, options);
            }
            highlight.add("fields", fields);
            highlight.add("pre_tags", array(MARK));
            highlight.add("post_tags", array(END_MARK));
            highlight.addProperty("require_field_match", true);
        }
        JsonObject bool = new JsonObject();
        bool.add("should", should);
        JsonObject query = TextQuery.obj("bool", bool);
        if (should.isEmpty()) {
            return fetch(query, 0, null, false, context -> context.body().add("suggest", suggest));
        }
        // The newest JAPANESE_HITS topics, ties on the date broken by title, so which topics are read does not depend
        // on how the index is laid out. Sorting every match by date and title costs the engine tens of ms on a large
        // archive (the title comparisons), by date alone a few: so the first request finds, by date alone, the last
        // date that is read, and the second reads (highlights) the matches from that date on by date and title.
        JsonObject newest = fetch(
                query, JAPANESE_HITS, null, false, context -> context.body().add("suggest", suggest));
        JsonArray hits = newest.getAsJsonObject("hits").getAsJsonArray("hits");
        LocalDate since = hits.size() < JAPANESE_HITS
                ? null // every match fits: sorting them all is cheap
                : Instant.ofEpochMilli(sortDate(hits.get(hits.size() - 1)))
                        .atZone(ZoneOffset.UTC)
                        .toLocalDate();
        JsonObject read = fetch(
                query, JAPANESE_HITS, since, true, context -> context.body().add("highlight", highlight));
        read.add("suggest", newest.get("suggest"));
        return read;
    }

    /**
     * Up to {@code size} topics matching {@code query} dated {@code since} or later (any date when null), newest
     * first, ties broken by title when {@code byTitle}.
     */
    private JsonObject fetch(
            JsonObject query,
            int size,
            LocalDate since,
            boolean byTitle,
            java.util.function.Consumer<
                            org.hibernate.search.backend.elasticsearch.search.query
                                    .ElasticsearchSearchRequestTransformerContext>
                    transformer) {
        try {
            return Search.session(entityManager)
                    .search(Topic.class)
                    .extension(ElasticsearchExtension.get())
                    .select(f -> f.id())
                    .where(f -> size == 0
                            ? f.matchNone()
                            : since == null
                                    ? f.fromJson(query)
                                    : f.bool()
                                            .must(f.fromJson(query))
                                            .filter(f.range().field("date").atLeast(since)))
                    .requestTransformer(transformer::accept)
                    .sort(f -> byTitle
                            ? f.field("date").desc().then().field("title_sort")
                            : f.field("date").desc())
                    .fetch(size)
                    .responseBody();
        } catch (SearchException e) {
            throw new SearchUnavailableException("The search engine did not answer: " + firstLine(e.getMessage()), e);
        }
    }

    /** The date a hit sorted by date was sorted on (epoch milliseconds). */
    private static long sortDate(JsonElement hit) {
        return hit.getAsJsonObject().getAsJsonArray("sort").get(0).getAsLong();
    }

    /**
     * How many topics contain each candidate and each word as typed (as a phrase of the bigram fields, i.e. as a
     * substring, the way search finds a word), in one request of filter aggregations over live documents.
     */
    private Map<String, Long> topicCounts(
            java.util.Collection<Word> words, Map<Integer, Map<String, Candidate>> found) {
        List<String> texts = new ArrayList<>();
        for (Word word : words) {
            texts.add(word.text().toLowerCase(Locale.ROOT));
        }
        for (Map<String, Candidate> candidates : found.values()) {
            texts.addAll(candidates.keySet());
        }
        texts = texts.stream().distinct().toList();
        JsonObject filters = new JsonObject();
        for (int i = 0; i < texts.size(); i++) {
            JsonObject phrase = new JsonObject();
            phrase.addProperty("query", texts.get(i));
            phrase.addProperty("type", "phrase");
            phrase.add("fields", array("title", "body"));
            filters.add("c" + i, TextQuery.obj("multi_match", phrase));
        }
        JsonObject aggs = TextQuery.obj("candidates", TextQuery.obj("filters", TextQuery.obj("filters", filters)));
        JsonObject response;
        try {
            response = Search.session(entityManager)
                    .search(Topic.class)
                    .extension(ElasticsearchExtension.get())
                    .where(f -> f.matchAll())
                    .requestTransformer(context -> context.body().add("aggs", aggs))
                    .fetch(0)
                    .responseBody();
        } catch (SearchException e) {
            throw new SearchUnavailableException("The search engine did not answer: " + firstLine(e.getMessage()), e);
        }
        JsonObject buckets = response.getAsJsonObject("aggregations")
                .getAsJsonObject("candidates")
                .getAsJsonObject("buckets");
        Map<String, Long> out = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            out.put(
                    texts.get(i),
                    buckets.getAsJsonObject("c" + i).get("doc_count").getAsLong());
        }
        return out;
    }

    /** A marked word of the highlighter: a whole word one edit away, or same-length parts of a longer word. */
    private static void addJapanese(Map<Integer, Map<String, Candidate>> found, Word word, String marked) {
        String typed = word.text().toLowerCase(Locale.ROOT);
        int[] w = typed.codePoints().toArray();
        int[] m = marked.codePoints().toArray();
        if (distance(w, m) == 1) {
            add(found, word, marked, 1, true);
        } else if (w.length >= MIN_PART_LENGTH && m.length > w.length) {
            for (int i = 0; i + w.length <= m.length; i++) {
                int[] part = java.util.Arrays.copyOfRange(m, i, i + w.length);
                if (distance(w, part) == 1 && TextQuery.hasJapanese(new String(part, 0, part.length))) {
                    add(found, word, new String(part, 0, part.length), 1, false);
                }
            }
        }
    }

    private static void add(
            Map<Integer, Map<String, Candidate>> found, Word word, String text, int edits, boolean whole) {
        if (text.equalsIgnoreCase(word.text())) {
            return;
        }
        found.computeIfAbsent(word.offset(), k -> new TreeMap<>())
                .merge(text, new Candidate(text, edits, whole, 0), (a, b) -> a.whole() ? a : b);
    }

    /** The words marked in a highlighted fragment. */
    static List<String> marked(String fragment) {
        List<String> out = new ArrayList<>();
        int at = fragment.indexOf(MARK);
        while (at >= 0) {
            int end = fragment.indexOf(END_MARK, at);
            if (end < 0) {
                break;
            }
            out.add(fragment.substring(at + MARK.length(), end));
            at = fragment.indexOf(MARK, end);
        }
        return out;
    }

    /**
     * The regexp alternatives (escaped) of the spellings of {@code word} at one substitution (any character at one
     * position) or one swap of neighbours: the spellings of its length one edit away.
     */
    static List<String> sameLengthVariants(String word) {
        int[] w = word.codePoints().toArray();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < w.length; j++) {
                if (j == i) {
                    b.append('.');
                } else {
                    appendEscaped(b, w[j]);
                }
            }
            out.add(b.toString());
        }
        for (int i = 0; i + 1 < w.length; i++) {
            if (w[i] == w[i + 1]) {
                continue;
            }
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < w.length; j++) {
                appendEscaped(b, j == i ? w[i + 1] : j == i + 1 ? w[i] : w[j]);
            }
            out.add(b.toString());
        }
        return out;
    }

    private static void appendEscaped(StringBuilder b, int c) {
        if (!Character.isLetterOrDigit(c)) {
            b.append('\\');
        }
        b.appendCodePoint(c);
    }

    /** Optimal string alignment distance (Damerau: a swap of neighbours is one edit), on code points. */
    static int distance(String a, String b) {
        return distance(a.codePoints().toArray(), b.codePoints().toArray());
    }

    static int distance(int[] a, int[] b) {
        int[][] d = new int[a.length + 1][b.length + 1];
        for (int i = 0; i <= a.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length][b.length];
    }

    /** The query's words (split on white space) with their offsets. */
    static List<Word> words(String text) {
        List<Word> out = new ArrayList<>();
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
            String w = text.substring(i, end);
            out.add(new Word(i, w, TextQuery.hasJapanese(w)));
            i = end;
        }
        return out;
    }

    private static JsonArray array(String... values) {
        JsonArray a = new JsonArray();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    private static final List<String> JAPANESE_FIELDS = List.of("title_ja", "body_ja");

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }

    /**
     * The engine's term suggester on {@code field}: several close spellings of words of 3+ characters (the choice
     * among them is made on live topics, see the class comment).
     */
    private static JsonObject termSuggester(String field) {
        JsonObject term = new JsonObject();
        term.addProperty("field", field);
        // every option, also for a word that is indexed: "more popular than the word" is decided on live topics
        term.addProperty("suggest_mode", "always");
        term.addProperty("min_word_length", 3);
        term.addProperty("prefix_length", 1);
        term.addProperty("size", SUGGESTIONS);
        return term;
    }
}
