package dev.kaiko.search;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Startup;

/**
 * English ↔ katakana spellings of one word (fork ↔ フォーク, browser ↔ ブラウザ/ブラウザー), from the synonym
 * dictionary of SudachiDict (Works Applications, Apache-2.0), which the build fetches as the npm package
 * {@code sudachi-synonyms-dictionary}. Held in two in-memory maps, so expanding a query word costs no round trip.
 *
 * <p>A group of that dictionary can hold several meanings (vocabulary numbers): a katakana item is paired only with
 * the Latin items of the same group <em>and</em> the same vocabulary number, i.e. other spellings of one lexeme.
 * Left out: items flagged "never expand" (expandControl 2), abbreviations (フォーク as short for フォークボール),
 * misspellings, Latin words of fewer than 3 letters or in Lucene's English stop-word list (it, on, go). Flag 1
 * ("does not trigger expansion to the group") is not applied: it keeps an ambiguous word from pulling in the group's
 * other words (ライセンス → 免許), and we never leave the lexeme's own spellings (ライセンス ↔ license).
 *
 * <p>Without the dictionary (a build that could not fetch it) search works as before, without loanwords.
 */
@Startup
@ApplicationScoped
public class Loanwords {

    private static final Logger LOG = Logger.getLogger(Loanwords.class);

    static final Pattern KATAKANA = Pattern.compile("[\\u30A1-\\u30FA\\u30FC][\\u30A1-\\u30FA\\u30FC・]+");
    static final Pattern LATIN_WORD = Pattern.compile("[a-z][a-z0-9]{2,}");
    private static final Pattern LATIN_ITEM = Pattern.compile("[a-z][a-z0-9]*(?:[ \\-.'][a-z0-9]+)*");
    private static final int MAX_SPELLINGS = 6;

    @Inject
    LoanwordsConfig config;

    private volatile Map<String, List<String>> latinToKatakana = Map.of();
    private volatile Map<String, List<String>> katakanaToLatin = Map.of();

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(String midashi, int expandControl, Integer vocabularyNumber, String ryakusyou, String hyoukiYure) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Group(String id, List<Item> items) {}

    @PostConstruct
    void load() {
        if (!config.enabled()) {
            return;
        }
        long start = System.nanoTime();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(config.resource())) {
            if (in == null) {
                LOG.warnf(
                        "Loanword dictionary %s not found: search runs without English/katakana loanwords",
                        config.resource());
                return;
            }
            Group[] groups = new ObjectMapper().readValue(in, Group[].class);
            build(List.of(groups));
            LOG.infof(
                    "Loanwords: %d English and %d katakana spellings from the SudachiDict synonyms in %d ms",
                    latinToKatakana.size(), katakanaToLatin.size(), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Loanword dictionary %s unreadable (%s): search runs without loanwords", config.resource(), e);
        }
    }

    void build(List<Group> groups) {
        Map<String, Set<String>> toKatakana = new HashMap<>();
        Map<String, Set<String>> toLatin = new HashMap<>();
        for (Group g : groups) {
            if (g.items() == null) {
                continue;
            }
            Map<Integer, List<String>> katakana = new HashMap<>();
            Map<Integer, List<String>> latin = new HashMap<>();
            for (Item it : g.items()) {
                if (it.midashi() == null
                        || it.expandControl() == 2
                        || !"代表語形".equals(it.ryakusyou())
                        || "間違い表記".equals(it.hyoukiYure())) {
                    continue;
                }
                int lexeme = it.vocabularyNumber() == null ? 0 : it.vocabularyNumber();
                String word = it.midashi().strip();
                String lower = word.toLowerCase(Locale.ROOT);
                if (KATAKANA.matcher(word).matches()) {
                    katakana.computeIfAbsent(lexeme, k -> new ArrayList<>()).add(word);
                } else if (LATIN_ITEM.matcher(lower).matches() && usefulLatin(lower)) {
                    latin.computeIfAbsent(lexeme, k -> new ArrayList<>()).add(lower);
                }
            }
            katakana.forEach((lexeme, kanas) -> {
                List<String> latins = latin.get(lexeme);
                if (latins == null) {
                    return;
                }
                for (String l : latins) {
                    if (LATIN_WORD.matcher(l).matches()) {
                        toKatakana
                                .computeIfAbsent(l, k -> new LinkedHashSet<>())
                                .addAll(kanas);
                    }
                }
                for (String k : kanas) {
                    toLatin.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(latins);
                }
            });
        }
        Map<String, List<String>> l2k = new HashMap<>();
        toKatakana.forEach((l, ks) -> l2k.put(l, shortest(ks)));
        Map<String, List<String>> k2l = new HashMap<>();
        toLatin.forEach((k, ls) -> k2l.put(k, List.copyOf(ls).subList(0, Math.min(ls.size(), MAX_SPELLINGS))));
        latinToKatakana = Map.copyOf(l2k);
        katakanaToLatin = Map.copyOf(k2l);
    }

    /** Not a stop word, at least 3 letters in its first word: "it", "on", "go" would find everything. */
    private static boolean usefulLatin(String lower) {
        String first = lower.split("[ \\-.']")[0];
        return lower.length() >= 3 && !(lower.equals(first) && EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(first));
    }

    /**
     * Katakana spellings matched as substrings make a longer one that contains a shorter one redundant (ブラウザー
     * contains ブラウザ); keep the others, at most {@link #MAX_SPELLINGS}.
     */
    private static List<String> shortest(Set<String> spellings) {
        List<String> out = new ArrayList<>();
        for (String s : spellings) {
            boolean covered = spellings.stream()
                    .anyMatch(o -> !o.equals(s) && o.length() >= TextQuery.SUBSTRING_KATAKANA && s.contains(o));
            if (!covered && out.size() < MAX_SPELLINGS) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The word's spellings in the other script: katakana for an English word (tried also without a plural "s"),
     * English for a katakana word; empty when the dictionary has none or expansion is off.
     */
    public List<String> of(String word) {
        String w = word.strip();
        if (KATAKANA.matcher(w).matches()) {
            return katakanaToLatin.getOrDefault(w, List.of());
        }
        String lower = w.toLowerCase(Locale.ROOT);
        if (!LATIN_WORD.matcher(lower).matches()) {
            return List.of();
        }
        List<String> found = latinToKatakana.get(lower);
        if (found == null && lower.length() > 4 && lower.endsWith("s")) {
            found = latinToKatakana.get(lower.substring(0, lower.length() - 1));
        }
        return found == null ? List.of() : found;
    }

    /** Weight of loanword clauses relative to the word's own. */
    public float boost() {
        return config.boost();
    }

    /** Whether the dictionary is loaded (false when expansion is off or the build could not fetch it). */
    public boolean available() {
        return !latinToKatakana.isEmpty();
    }
}
