package dev.kaiko.search;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.kaiko.index.JapaneseText;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Known-item search and facet counts on the real TWiR (English) and JSer.info (Japanese) corpora of 2023.
 * Queries are built the way a person remembering a topic would: 2–3 of its most distinctive words.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusSearchTest {

    static final long SEED = 20231222L;
    static final Set<String> ENGLISH_STOP = Set.of(
            "the", "and", "for", "with", "from", "into", "your", "you", "are", "how", "what", "why", "this", "that",
            "its", "was", "our", "not", "all", "can", "use", "using", "new", "via", "part", "about", "has", "have",
            "will", "more", "than", "when", "out", "one", "two", "now", "rust");

    record Doc(long id, String title, String body) {}

    @Inject
    TestData data;

    @Inject
    EntityManager em;

    @Inject
    dev.kaiko.tagging.Taxonomy taxonomy;

    private boolean loaded;
    private List<Doc> twir;
    private List<Doc> jser;

    @BeforeEach
    void load() throws Exception {
        if (loaded) {
            return;
        }
        loaded = true;
        data.clear();
        for (String dir : List.of("twir-2023", "jser-2023")) {
            try (Stream<Path> files = Files.list(Corpora.root().resolve(dir))) {
                for (Path f : files.sorted().toList()) {
                    Corpora.importFile(f).statusCode(200);
                }
            }
        }
        twir = docs("%this-week-in-rust%");
        jser = docs("%.json");
        System.out.printf("corpora: %d TWiR topics, %d JSer.info topics%n", twir.size(), jser.size());
    }

    @SuppressWarnings("unchecked")
    private List<Doc> docs(String sourceFile) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) em.createNativeQuery(
                                        "select id, title, body from topic where source_file like ?1 order by id")
                                .setParameter(1, sourceFile)
                                .getResultList())
                        .stream()
                                .map(r -> new Doc(((Number) r[0]).longValue(), (String) r[1], (String) r[2]))
                                .toList());
    }

    @Test
    void englishKnownItemsFromTitleWords() {
        double rate = knownItems("TWiR", twir, d -> englishWords(d.title()));
        assertTrue(rate >= 0.95, "TWiR known-item top-5 rate " + rate);
    }

    @Test
    void japaneseKnownItemsFromSummaryWords() {
        double rate = knownItems("JSer.info", jser, d -> japaneseWords(d.body()));
        assertTrue(rate >= 0.90, "JSer.info known-item top-5 rate " + rate);
    }

    static List<String> englishWords(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.length() >= 3 && !ENGLISH_STOP.contains(w) && !w.chars().allMatch(Character::isDigit)) {
                out.add(w);
            }
        }
        return out;
    }

    /** Japanese words (kuromoji) of the summary: two characters or more, with kana or kanji in them. */
    static List<String> japaneseWords(String text) {
        return JapaneseText.tokens(text).stream()
                .filter(w -> w.length() >= 2
                        && w.codePoints()
                                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA
                                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA))
                .toList();
    }

    /** Share of 100 topics (fixed seed) found in the top 5 by a query of their 2–3 rarest words. */
    private double knownItems(String corpus, List<Doc> docs, Function<Doc, List<String>> words) {
        Map<String, Integer> df = new HashMap<>();
        Map<Long, List<String>> wordsOf = new HashMap<>();
        for (Doc d : docs) {
            List<String> w = words.apply(d);
            wordsOf.put(d.id(), w);
            new LinkedHashSet<>(w).forEach(x -> df.merge(x, 1, Integer::sum));
        }
        List<Doc> candidates = new ArrayList<>(docs.stream()
                .filter(d -> new LinkedHashSet<>(wordsOf.get(d.id())).size() >= 2)
                .toList());
        Collections.shuffle(candidates, new Random(SEED));
        int found = 0;
        int tried = 0;
        List<String> misses = new ArrayList<>();
        for (Doc d : candidates.subList(0, Math.min(100, candidates.size()))) {
            List<String> distinct = new ArrayList<>(new LinkedHashSet<>(wordsOf.get(d.id())));
            List<String> rarest = distinct.stream()
                    .sorted(Comparator.comparingInt(df::get))
                    .limit(3)
                    .toList();
            // in the order they appear, as somebody would recall them
            String q =
                    String.join(" ", distinct.stream().filter(rarest::contains).toList());
            List<Long> top = given().queryParam("q", q)
                    .queryParam("size", 5)
                    .get("/api/search")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("hits.id", Long.class);
            tried++;
            if (top.contains(d.id())) {
                found++;
            } else if (misses.size() < 15) {
                misses.add(q + "  →  " + d.title());
            }
        }
        double rate = (double) found / tried;
        System.out.printf("known-item %s: %d of %d in the top 5 (%.1f%%)%n", corpus, found, tried, rate * 100);
        misses.forEach(m -> System.out.println("  miss: " + m));
        return rate;
    }

    static JsonPath search(Map<String, ?> params) {
        return given().queryParams(params)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static long total(Map<String, ?> params) {
        return search(params).getLong("total");
    }

    @Test
    void facetCountsEqualTheHitsOfApplyingTheFilter() {
        for (String q : List.of("", "React", "TypeScript")) {
            JsonPath r = search(Map.of("q", q));
            List<Map<String, Object>> tags = r.getList("facets.tag");
            assertTrue(tags.size() > 5 && tags.size() <= 30, "tag facet of " + q + ": " + tags.size());
            for (Map<String, Object> t : tags.subList(0, 5)) {
                assertEquals(
                        ((Number) t.get("count")).longValue(),
                        total(Map.of("q", q, "tag", t.get("value"))),
                        "q=" + q + " tag=" + t.get("value"));
            }
            for (Map<String, Object> y : r.<Map<String, Object>>getList("facets.year")) {
                assertEquals(((Number) y.get("count")).longValue(), total(Map.of("q", q, "year", y.get("value"))));
            }
        }
    }

    @Test
    void facetsAreDisjunctive() {
        JsonPath none = search(Map.of());
        List<String> top = none.getList("facets.tag.value");
        String a = top.get(0);
        String b = top.get(1);
        long countA = total(Map.of("tag", a));
        long countB = total(Map.of("tag", b));
        long both = total(Map.of("tag", List.of(a, b)));

        JsonPath withA = search(Map.of("tag", a));
        assertEquals(countA, withA.getLong("total"));
        // selecting a still shows what ticking b would add: b's own count, not its overlap with a
        Map<String, Object> bInA = withA.getMap("facets.tag.find { it.value == '" + b + "' }");
        assertEquals(countB, ((Number) bInA.get("count")).longValue());
        assertEquals(Boolean.TRUE, withA.getBoolean("facets.tag.find { it.value == '" + a + "' }.selected"));
        // values of one facet are OR-ed
        assertTrue(both >= Math.max(countA, countB) && both <= countA + countB, a + "/" + b + ": " + both);
        // other facets are counted within the selection
        for (Map<String, Object> y : withA.<Map<String, Object>>getList("facets.year")) {
            assertEquals(((Number) y.get("count")).longValue(), total(Map.of("tag", a, "year", y.get("value"))));
        }
        // different facets are AND-ed
        String year = withA.getString("facets.year[0].value");
        long aInYear = total(Map.of("tag", a, "year", year));
        assertTrue(aInYear <= countA && aInYear <= total(Map.of("year", year)));
        // a selected value outside the top 30 is still listed, selected
        List<String> all = search(Map.of("q", "")).getList("facets.tag.value");
        String rare = jserRareTag(all);
        JsonPath withRare = search(Map.of("tag", rare));
        assertEquals(Boolean.TRUE, withRare.getBoolean("facets.tag.find { it.value == '" + rare + "' }.selected"));
        assertEquals(
                withRare.getLong("total"),
                ((Number) withRare.getMap("facets.tag.find { it.value == '" + rare + "' }")
                                .get("count"))
                        .longValue());
    }

    /** A technology a topic has but which is not among the 30 most frequent. */
    @SuppressWarnings("unchecked")
    private String jserRareTag(List<String> top30) {
        List<String> tags = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "select name from topic_tag group by name having count(*) = 1 order by name")
                        .getResultList());
        // a technology under its canonical name: labels are not in the tag facet at all
        return tags.stream()
                .filter(t -> !top30.contains(t))
                .filter(t -> taxonomy.find(t).filter(x -> x.name().equals(t)).isPresent())
                .findFirst()
                .orElseThrow();
    }
}
