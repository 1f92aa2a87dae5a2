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
 * <li>the English fields {@code title_en}/{@code body_en} (stemming, ASCII folding), for words without Japanese
 * characters only (the standard tokenizer cuts kana into single characters, which match almost anything);</li>
 * <li>for Latin words of 5+ letters, a fuzzy match at low boost (typos; 4-letter words only on request, see
 * {@link #toPredicate(ElasticsearchSearchPredicateFactory, Parsed, Function, Expansion, boolean)});</li>
 * <li>every other spelling of a technology the taxonomy knows, plus its tag (サイドカー finds Sidecar);</li>
 * <li>the word's loanword spellings in the other script ({@link Loanwords}: fork ↔ フォーク), at a lower weight.
 * A katakana spelling of 4+ characters is matched as a substring (フォーク inside フォークした); a shorter one only
 * as a whole morphological word, since as a substring it is noise (ポート inside サポート, ロード in ダウンロード).</li>
 * </ul>
 * Every word must match through a clause the reader can see (issue 14: every hit explains itself): a highlighted
 * field ({@code title}/{@code body}, the English fields through the highlighter's matched fields) or a tag. The
 * morphological fields alone highlight nothing, so they only rank, or count when the word's own tokens are
 * highlighted in the text as well ({@link #explainedTokens}). Title clauses weigh more than body clauses. Synonyms are expanded here rather than in an index-time
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
        return toPredicate(f, parsed, technologies, loanwords, false);
    }

    /**
     * As above; with {@code shortTypos}, 4-letter Latin words are matched fuzzily too. That is asked for only when the
     * exact query found nothing: a 4-letter word has many neighbours at one edit (rust: rest, rush, rusty), which
     * would flood every query that spells it right.
     */
    static PredicateFinalStep toPredicate(
            ElasticsearchSearchPredicateFactory<?> f,
            Parsed parsed,
            Function<String, Optional<Technology>> technologies,
            Expansion loanwords,
            boolean shortTypos) {
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
                                    : word(f, u.text(), technologies, loanwords, shortTypos));
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
            Expansion loanwords,
            boolean shortTypos) {
        List<PredicateFinalStep> should = new ArrayList<>();
        should.add(matchPhrase(f, "title", text, 4f));
        should.add(matchPhrase(f, "body", text, 1f));
        String tokens = JapaneseText.indexForm(text);
        if (!hasJapanese(text)) {
            should.add(matchAll(f, "title_en", text, 2f));
            should.add(matchAll(f, "body_en", text, 0.7f));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (isTypoCandidate(lower, shortTypos)) {
            should.add(fuzzy(f, "title", lower, 1f));
            should.add(fuzzy(f, "body", lower, 0.3f));
        }
        addSynonyms(f, should, text, tokens, technologies);
        for (String spelling : loanwords.spellings().apply(text)) {
            should.add(loanword(f, spelling, loanwords.boost()));
        }
        explainedTokens(f, text, tokens).ifPresent(should::add);
        singleCharacter(f, text, tokens).ifPresent(should::add);
        return explained(f, anyOf(f, should), tokens);
    }

    /**
     * A word of one kana or kanji (型, 鍵): the bigram index holds it only inside pairs (型を, の型), so its own phrase
     * clause rarely matches. It counts when kuromoji found it as a word of the text and a pair starting with it is
     * there to be marked (the mark covers the pair: 型を). Pairs ending with it would need a leading wildcard, which
     * scans every term; a word at the end of a sentence is still found through the pair before the punctuation
     * only when it stands alone, a known gap.
     */
    private static Optional<PredicateFinalStep> singleCharacter(
            ElasticsearchSearchPredicateFactory<?> f, String text, String tokens) {
        if (text.codePointCount(0, text.length()) != 1 || !hasJapanese(text) || tokens.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(f.bool()
                .must(anyOf(
                        f, List.of(morphological(f, "title_ja", tokens, 1f), morphological(f, "body_ja", tokens, 1f))))
                .must(anyOf(
                        f,
                        List.of(
                                f.wildcard().field("title").matching(text + "*"),
                                f.wildcard().field("body").matching(text + "*"))))
                .constantScore()
                .boost(0.1f));
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

    /**
     * The word must match one of its visible {@code reasons}; its morphological tokens only add to the score (a
     * match there alone would highlight nothing).
     */
    private static PredicateFinalStep explained(
            ElasticsearchSearchPredicateFactory<?> f, PredicateFinalStep reasons, String tokens) {
        if (tokens.isEmpty()) {
            return reasons;
        }
        return f.bool()
                .must(reasons)
                .should(morphological(f, "title_ja", tokens, 3f))
                .should(morphological(f, "body_ja", tokens, 1f));
    }

    /**
     * A word typed without spaces whose words appear apart or reordered (ライセンス変更 → ライセンスを…変更): a reason
     * when the morphological fields match and its words of two characters or more are each found, and so
     * highlighted, in the title or body (three in four of them for longer phrases, as for the morphological match;
     * base forms through their {@link #stem}: 加える finds 加えた). Empty when the word is one token spelt as typed
     * (the phrase clauses already cover it) or has no such words.
     */
    static Optional<PredicateFinalStep> explainedTokens(
            ElasticsearchSearchPredicateFactory<?> f, String text, String tokens) {
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        List<String> visible = new ArrayList<>();
        for (String t : tokens.split(" ")) {
            String shown = stem(t);
            if (shown.codePointCount(0, shown.length()) >= 2 && !visible.contains(shown)) {
                visible.add(shown);
            }
        }
        boolean prefixes = visible.stream().anyMatch(TextQuery::isPrefixCandidate);
        if (visible.isEmpty()
                || (!prefixes && visible.size() == 1 && visible.get(0).equals(text.toLowerCase(Locale.ROOT)))) {
            return Optional.empty();
        }
        var each = f.bool();
        for (String t : visible) {
            List<PredicateFinalStep> shown = new ArrayList<>();
            shown.add(matchPhrase(f, "title", t, 1f));
            shown.add(matchPhrase(f, "body", t, 1f));
            if (isPrefixCandidate(t)) {
                // kuromoji cuts Latin words at punctuation the bigram index keeps inside a term (Shouldn’t, Node.js):
                // the marked term starts with the word
                shown.add(f.wildcard().field("title").matching(t + "*"));
                shown.add(f.wildcard().field("body").matching(t + "*"));
            }
            each.should(anyOf(f, shown));
        }
        each.minimumShouldMatch().ifMoreThan(2).thenRequirePercent(75).end();
        // scores come from the morphological should clauses of explained(); this clause only admits the hit
        return Optional.of(f.bool()
                .must(anyOf(
                        f, List.of(morphological(f, "title_ja", tokens, 1f), morphological(f, "body_ja", tokens, 1f))))
                .must(each)
                .constantScore()
                .boost(0.1f));
    }

    /**
     * What the text shows of a base form: an inflected word ends differently (加える → 加えた, 新しい → 新しく), so
     * its last kana is left out when three characters or more end in hiragana (加え, 新し are highlighted).
     */
    static String stem(String token) {
        int n = token.codePointCount(0, token.length());
        int last = token.codePointBefore(token.length());
        if (n >= 3 && Character.UnicodeScript.of(last) == Character.UnicodeScript.HIRAGANA) {
            return token.substring(0, token.length() - Character.charCount(last));
        }
        return token;
    }

    /** A Latin token of 4+ letters, looked for as the start of a term as well (shorter ones expand too widely). */
    private static boolean isPrefixCandidate(String token) {
        return token.length() >= 4 && LATIN_WORD.matcher(token).matches();
    }

    /** Kana or kanji anywhere in the text. */
    static boolean hasJapanese(String text) {
        return text.codePoints().anyMatch(c -> {
            Character.UnicodeScript s = Character.UnicodeScript.of(c);
            return s == Character.UnicodeScript.HAN
                    || s == Character.UnicodeScript.HIRAGANA
                    || s == Character.UnicodeScript.KATAKANA;
        });
    }

    /** Latin words of 5+ letters, or 4 with {@code shortTypos}; 3 letters or fewer never (too many neighbours). */
    static boolean isTypoCandidate(String lower, boolean shortTypos) {
        return lower.length() >= (shortTypos ? 4 : 5)
                && LATIN_WORD.matcher(lower).matches();
    }

    /** Whether the query has a 4-letter Latin word that only the short-typo pass would match fuzzily. */
    static boolean hasShortTypoCandidate(Parsed parsed) {
        return parsed.alternatives().stream()
                .flatMap(List::stream)
                .filter(u -> !u.phrase() && !u.negated())
                .map(u -> u.text().toLowerCase(Locale.ROOT))
                .anyMatch(w -> isTypoCandidate(w, true) && !isTypoCandidate(w, false));
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
        if (!hasJapanese(text)) {
            should.add(matchAll(f, "title_en", text, 1f));
            should.add(matchAll(f, "body_en", text, 1f));
        }
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

    /**
     * One edit (a transposition counts as one: kubernetse, kubrnetes, kubernettes), the first letter fixed. Raw JSON:
     * the DSL has no max_expansions.
     */
    private static PredicateFinalStep fuzzy(
            ElasticsearchSearchPredicateFactory<?> f, String field, String word, float boost) {
        JsonObject p = new JsonObject();
        p.addProperty("query", word);
        p.addProperty("fuzziness", "1");
        p.addProperty("fuzzy_transpositions", true);
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
