package dev.kaiko.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.hibernate.search.backend.elasticsearch.search.predicate.dsl.ElasticsearchSearchPredicateFactory;
import org.hibernate.search.engine.search.common.ValueModel;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.kaiko.index.JapaneseText;
import dev.kaiko.tagging.Technology;

/**
 * What people type, parsed and turned into the engine's query: words and "quoted phrases" are AND-ed, {@code OR}
 * (or {@code |}) separates alternatives, {@code -word} excludes. Each word is looked for in several fields at once:
 * <ul>
 * <li>the CJK-bigram fields {@code title}/{@code body} as a phrase of bigrams, i.e. as a substring (recall for any
 * Japanese spelling, exact for Latin words);</li>
 * <li>the morphological fields {@code title_ja}/{@code body_ja}, tokenised by {@link JapaneseText} (a Japanese
 * phrase typed without spaces matches documents that have its words in another order or inflection);</li>
 * <li>the English fields {@code title_en}/{@code body_en} (stemming, ASCII folding);</li>
 * <li>for Latin words of 5+ letters, a fuzzy match at low boost (typos);</li>
 * <li>every other spelling of a technology the taxonomy knows, plus its tag (サイドカー finds Sidecar);</li>
 * <li>the word's loanword spellings in the other script ({@link Loanwords}: fork ↔ フォーク), at a lower weight.
 * A katakana spelling of 4+ characters is matched as a substring (フォーク inside フォークした); a shorter one only
 * as a whole morphological word, since as a substring it is noise (ポート inside サポート, ロード in ダウンロード).</li>
 * </ul>
 * Title clauses weigh more than body clauses. Synonyms are expanded here rather than in an index-time
 * synonym filter, so a changed taxonomy needs no reindexing and works on any cluster.
 */
final class TextQuery {

    static final int MAX_WORDS = 32;
    private static final Pattern LATIN_WORD = Pattern.compile("[a-z][a-z0-9]*");
    private static final int MAX_SPELLINGS = 12;
    /** Katakana spellings at least this long are matched as substrings; shorter ones as whole words. */
    static final int SUBSTRING_KATAKANA = 4;

    /** A word's spellings in the other script, and their weight relative to the word's own clauses. */
    record Expansion(Function<String, List<String>> spellings, float boost) {}

    /** One word or phrase of the query. */
    record Unit(String text, boolean phrase, boolean negated) {}

    /** Alternatives (OR) of AND-ed units. */
    record Parsed(List<List<Unit>> alternatives) {
        boolean isEmpty() {
            return alternatives.stream().allMatch(List::isEmpty);
        }
    }

    private TextQuery() {}

    /** Normalised as the index sees it: NFKC (full-width space, quotes and Latin folded). */
    static String normalize(String q) {
        return JapaneseText.normalize(q).replace('“', '"').replace('”', '"').strip();
    }

    static Parsed parse(String raw) {
        String q = normalize(raw);
        if (q.chars().filter(c -> c == '"').count() % 2 == 1) {
            throw new InvalidSearchParameter("q", "has an unbalanced quote (\")");
        }
        List<List<Unit>> alternatives = new ArrayList<>();
        List<Unit> current = new ArrayList<>();
        int words = 0;
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = false;
            if (c == '-' && i + 1 < q.length() && !Character.isWhitespace(q.charAt(i + 1))) {
                negated = true;
                i++;
                c = q.charAt(i);
            }
            String text;
            boolean phrase;
            if (c == '"') {
                int end = q.indexOf('"', i + 1);
                text = q.substring(i + 1, end).strip();
                phrase = true;
                i = end + 1;
            } else {
                int end = i;
                while (end < q.length() && !Character.isWhitespace(q.charAt(end)) && q.charAt(end) != '"') {
                    end++;
                }
                text = q.substring(i, end);
                phrase = false;
                i = end;
            }
            if (!phrase && !negated && (text.equals("OR") || text.equals("|"))) {
                alternatives.add(current);
                current = new ArrayList<>();
                continue;
            }
            if (!phrase) {
                text = stripOperators(text);
            }
            if (text.isEmpty()) {
                continue;
            }
            if (++words > MAX_WORDS) {
                throw new InvalidSearchParameter("q", "has more than " + MAX_WORDS + " words");
            }
            current.add(new Unit(text, phrase, negated));
        }
        alternatives.add(current);
        alternatives.removeIf(List::isEmpty);
        return new Parsed(alternatives);
    }

    /** The AND-ed units as a query again, leaving out the unit at {@code skip} (phrases quoted, negations kept). */
    static String format(List<Unit> units, int skip) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < units.size(); i++) {
            if (i == skip) {
                continue;
            }
            Unit u = units.get(i);
            if (!q.isEmpty()) {
                q.append(' ');
            }
            q.append(u.negated() ? "-" : "").append(u.phrase() ? '"' + u.text() + '"' : u.text());
        }
        return q.toString();
    }

    /** Characters with no meaning in a word typed alone: "+foo", "bar|", "(baz)". */
    private static String stripOperators(String word) {
        return word.replaceAll("^[+|()]+|[|()]+$", "");
    }

    /** The engine predicate for a parsed text; {@code technologies} finds the technology a word names, if any. */
    static PredicateFinalStep toPredicate(
            ElasticsearchSearchPredicateFactory<?> f,
            Parsed parsed,
            Function<String, Optional<Technology>> technologies,
            Expansion loanwords) {
        List<PredicateFinalStep> alternatives = new ArrayList<>();
        for (List<Unit> units : parsed.alternatives()) {
            var bool = f.bool();
            boolean positive = false;
            for (Unit u : units) {
                if (u.negated()) {
                    bool.mustNot(exclusion(f, u.text()));
                } else {
                    bool.must(
                            u.phrase()
                                    ? phrase(f, u.text(), technologies)
                                    : word(f, u.text(), technologies, loanwords));
                    positive = true;
                }
            }
            if (!positive) {
                bool.must(f.matchAll());
            }
            alternatives.add(bool);
        }
        if (alternatives.size() == 1) {
            return alternatives.get(0);
        }
        return anyOf(f, alternatives);
    }

    private static PredicateFinalStep word(
            ElasticsearchSearchPredicateFactory<?> f,
            String text,
            Function<String, Optional<Technology>> technologies,
            Expansion loanwords) {
        List<PredicateFinalStep> should = new ArrayList<>();
        should.add(matchPhrase(f, "title", text, 4f));
        should.add(matchPhrase(f, "body", text, 1f));
        String tokens = JapaneseText.indexForm(text);
        if (!tokens.isEmpty()) {
            should.add(morphological(f, "title_ja", tokens, 3f));
            should.add(morphological(f, "body_ja", tokens, 1f));
        }
        should.add(matchAll(f, "title_en", text, 2f));
        should.add(matchAll(f, "body_en", text, 0.7f));
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() >= 5 && LATIN_WORD.matcher(lower).matches()) {
            should.add(fuzzy(f, "title", lower, 1f));
            should.add(fuzzy(f, "body", lower, 0.3f));
        }
        addSynonyms(f, should, text, tokens, technologies);
        for (String spelling : loanwords.spellings().apply(text)) {
            should.add(loanword(f, spelling, loanwords.boost()));
        }
        return anyOf(f, should);
    }

    /**
     * A loanword spelling at {@code boost} of the typed word's weights. The title/body clauses (bigram fields) are
     * also what the highlighter marks; for a short katakana spelling they only score, its match is a whole word.
     */
    private static PredicateFinalStep loanword(ElasticsearchSearchPredicateFactory<?> f, String spelling, float boost) {
        boolean katakana = Loanwords.KATAKANA.matcher(spelling).matches();
        if (katakana && spelling.length() < SUBSTRING_KATAKANA) {
            String tokens = JapaneseText.indexForm(spelling);
            if (tokens.isEmpty()) {
                return f.matchNone();
            }
            List<PredicateFinalStep> words = new ArrayList<>();
            words.add(f.match()
                    .field("title_ja")
                    .matching(tokens, ValueModel.INDEX)
                    .minimumShouldMatchPercent(100)
                    .boost(3f * boost));
            words.add(f.match()
                    .field("body_ja")
                    .matching(tokens, ValueModel.INDEX)
                    .minimumShouldMatchPercent(100)
                    .boost(boost));
            return f.bool()
                    .must(anyOf(f, words))
                    .should(matchPhrase(f, "title", spelling, 0.1f * boost))
                    .should(matchPhrase(f, "body", spelling, 0.1f * boost));
        }
        if (katakana) {
            // a phrase of n characters scores as its n - 1 bigrams added up: count it as one word, as the English
            // word it stands for is, or a loanword in a title would outweigh the typed word itself
            boost /= spelling.length() - 1;
        }
        List<PredicateFinalStep> should = new ArrayList<>();
        should.add(matchPhrase(f, "title", spelling, 4f * boost));
        should.add(matchPhrase(f, "body", spelling, boost));
        if (!katakana) {
            should.add(matchAll(f, "title_en", spelling, 2f * boost));
            should.add(matchAll(f, "body_en", spelling, 0.7f * boost));
        }
        return anyOf(f, should);
    }

    private static PredicateFinalStep phrase(
            ElasticsearchSearchPredicateFactory<?> f,
            String text,
            Function<String, Optional<Technology>> technologies) {
        List<PredicateFinalStep> should = new ArrayList<>();
        should.add(matchPhrase(f, "title", text, 4f));
        should.add(matchPhrase(f, "body", text, 1f));
        should.add(matchPhrase(f, "title_en", text, 2f));
        should.add(matchPhrase(f, "body_en", text, 0.7f));
        technologies.apply(text).ifPresent(t -> addSpellings(f, should, t, text));
        return anyOf(f, should);
    }

    /** -word: documents containing it anywhere (as a substring, or any inflection in English) are dropped. */
    private static PredicateFinalStep exclusion(ElasticsearchSearchPredicateFactory<?> f, String text) {
        List<PredicateFinalStep> should = new ArrayList<>();
        should.add(matchPhrase(f, "title", text, 1f));
        should.add(matchPhrase(f, "body", text, 1f));
        should.add(matchAll(f, "title_en", text, 1f));
        should.add(matchAll(f, "body_en", text, 1f));
        return anyOf(f, should);
    }

    /** The word itself, or one of its morphological tokens, naming a known technology: add its other spellings. */
    private static void addSynonyms(
            ElasticsearchSearchPredicateFactory<?> f,
            List<PredicateFinalStep> should,
            String text,
            String tokens,
            Function<String, Optional<Technology>> technologies) {
        Set<Technology> found = new LinkedHashSet<>();
        technologies.apply(text).ifPresent(found::add);
        if (found.isEmpty()) {
            for (String token : tokens.split(" ")) {
                if (token.length() >= 2) {
                    technologies.apply(token).ifPresent(found::add);
                }
            }
        }
        found.forEach(t -> addSpellings(f, should, t, text));
    }

    private static void addSpellings(
            ElasticsearchSearchPredicateFactory<?> f, List<PredicateFinalStep> should, Technology t, String typed) {
        List<String> spellings = new ArrayList<>();
        spellings.add(t.name());
        spellings.addAll(t.aliases());
        int added = 0;
        for (String s : spellings) {
            if (s.equalsIgnoreCase(typed) || added++ >= MAX_SPELLINGS) {
                continue;
            }
            should.add(matchPhrase(f, "title", s, 1.5f));
            should.add(matchPhrase(f, "body", s, 0.5f));
        }
        // tags is a keyword field without normaliser: match is a scored term query, as "term" was
        should.add(f.match().field("tags").matching(t.name()).boost(1.5f));
    }

    private static PredicateFinalStep anyOf(ElasticsearchSearchPredicateFactory<?> f, List<PredicateFinalStep> should) {
        var bool = f.bool();
        should.forEach(bool::should);
        return bool.minimumShouldMatchNumber(1);
    }

    private static PredicateFinalStep matchPhrase(
            ElasticsearchSearchPredicateFactory<?> f, String field, String text, float boost) {
        return f.phrase().field(field).matching(text).boost(boost);
    }

    /** Every token required (the DSL's 100% is the engine's operator "and"). */
    private static PredicateFinalStep matchAll(
            ElasticsearchSearchPredicateFactory<?> f, String field, String text, float boost) {
        return f.match()
                .field(field)
                .matching(text)
                .minimumShouldMatchPercent(100)
                .boost(boost);
    }

    /** All tokens of a short word; three in four of a longer Japanese phrase (particles differ, words stay). */
    private static PredicateFinalStep morphological(
            ElasticsearchSearchPredicateFactory<?> f, String field, String tokens, float boost) {
        // tokens are already the index form: ValueModel.INDEX skips the field's JapaneseWords bridge
        return f.match()
                .field(field)
                .matching(tokens, ValueModel.INDEX)
                .minimumShouldMatch()
                .ifMoreThan(2)
                .thenRequirePercent(75)
                .end()
                .boost(boost);
    }

    /** Raw JSON: the DSL's fuzzy takes a fixed edit distance, not AUTO, and has no max_expansions. */
    private static PredicateFinalStep fuzzy(
            ElasticsearchSearchPredicateFactory<?> f, String field, String word, float boost) {
        JsonObject p = new JsonObject();
        p.addProperty("query", word);
        p.addProperty("fuzziness", "AUTO");
        p.addProperty("prefix_length", 1);
        p.addProperty("max_expansions", 20);
        p.addProperty("boost", boost);
        return f.fromJson(obj("match", field, p));
    }

    static JsonObject obj(String key, JsonElement value) {
        JsonObject o = new JsonObject();
        o.add(key, value);
        return o;
    }

    static JsonObject obj(String key, String field, JsonElement value) {
        return obj(key, obj(field, value));
    }
}
