package dev.kaiko.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.SearchPages;
import dev.kaiko.support.SeedTopics;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * English ↔ katakana loanwords on the shared corpora (Neco Weekly seed, TWiR 2023, JSer.info 2023). The pairs were
 * chosen by bench/loanword-pairs.py (dictionary × corpora); which topics count is worked out here from the stored
 * text, so each assertion fails without the expansion: a topic that has only the other script's spelling can be
 * found by nothing else.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoanwordSearchTest {

    /** English word, katakana spelling: general vocabulary, none of them a technology of the taxonomy. */
    static final List<List<String>> PAIRS = List.of(
            List.of("support", "サポート"),
            List.of("release", "リリース"),
            List.of("option", "オプション"),
            List.of("library", "ライブラリ"),
            List.of("file", "ファイル"),
            List.of("package", "パッケージ"),
            List.of("update", "アップデート"),
            List.of("default", "デフォルト"),
            List.of("flag", "フラグ"),
            List.of("performance", "パフォーマンス"),
            List.of("tool", "ツール"),
            List.of("cache", "キャッシュ"),
            List.of("server", "サーバ"),
            List.of("command", "コマンド"),
            List.of("framework", "フレームワーク"),
            List.of("plugin", "プラグイン"),
            List.of("application", "アプリケーション"),
            List.of("error", "エラー"),
            List.of("compile", "コンパイル"),
            List.of("version", "バージョン"),
            List.of("object", "オブジェクト"),
            List.of("memory", "メモリ"),
            List.of("install", "インストール"),
            List.of("module", "モジュール"),
            List.of("project", "プロジェクト"),
            List.of("browser", "ブラウザ"),
            List.of("document", "ドキュメント"),
            List.of("request", "リクエスト"),
            List.of("debug", "デバッグ"),
            List.of("client", "クライアント"),
            List.of("bug", "バグ"),
            List.of("rendering", "レンダリング"),
            List.of("style", "スタイル"),
            List.of("tutorial", "チュートリアル"),
            List.of("thread", "スレッド"),
            List.of("template", "テンプレート"),
            List.of("license", "ライセンス"),
            List.of("fork", "フォーク"),
            List.of("parser", "パーサ"),
            List.of("benchmark", "ベンチマーク"));

    /** A stored topic: title, body, tags and labels, NFKC-normalised as the index sees them, and its English stems. */
    record Doc(long id, String text, Set<String> stems) {
        /** The English word in any form the English fields match (caching is cache, performing performance). */
        boolean hasEnglish(String word) {
            return text.toLowerCase(Locale.ROOT).contains(word) || stems.contains(stem(word));
        }
    }

    static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        try (Analyzer english = new EnglishAnalyzer();
                TokenStream ts = english.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String stem(String word) {
        return stems(word).stream().findFirst().orElse(word);
    }

    @Inject
    TestData data;

    @Inject
    EntityManager em;

    @Inject
    Loanwords loanwords;

    private boolean loaded;
    private List<Doc> docs;

    @BeforeEach
    void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        data.clear();
        Corpora.importFile(Corpora.seed()).statusCode(200);
        Corpora.files(Corpora.root().resolve("twir-2023"), ".md")
                .forEach(f -> Corpora.importFile(f).statusCode(200));
        Corpora.files(Corpora.root().resolve("jser-2023"), ".json")
                .forEach(f -> Corpora.importFile(f).statusCode(200));
        docs = stored();
    }

    @SuppressWarnings("unchecked")
    private List<Doc> stored() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) em.createNativeQuery(
                                        // tags and labels are searched too: a topic labelled "cache" is not one
                                        // that only the loanword finds
                                        """
                                        select t.id, t.title, t.body || ' ' || coalesce(string_agg(tt.name, ' '), '')
                                        from topic t left join topic_tag tt on tt.topic_id = t.id
                                        group by t.id order by t.id""")
                                .getResultList())
                        .stream()
                                .map(r -> {
                                    String text = Normalizer.normalize(r[1] + "\n" + r[2], Normalizer.Form.NFKC);
                                    return new Doc(((Number) r[0]).longValue(), text, stems(text));
                                })
                                .toList());
    }

    static Stream<Arguments> pairs() {
        return PAIRS.stream().map(p -> Arguments.of(p.get(0), p.get(1)));
    }

    @ParameterizedTest(name = "{0} finds {1}")
    @MethodSource("pairs")
    void theEnglishWordFindsTopicsThatOnlyHaveTheKatakana(String english, String katakana) {
        Set<Long> katakanaOnly = ids(d -> d.text().contains(katakana) && !d.hasEnglish(english));
        assertThat(katakanaOnly)
                .as("topics with %s and no %s in the corpora", katakana, english)
                .isNotEmpty();
        assertThat(SearchPages.allIds(Map.of("q", english)))
                .as("%s finds a topic that has only %s", english, katakana)
                .containsAnyElementsOf(katakanaOnly);
    }

    @ParameterizedTest(name = "{1} finds {0}")
    @MethodSource("pairs")
    void theKatakanaFindsTopicsThatOnlyHaveTheEnglishWord(String english, String katakana) {
        Set<Long> englishOnly = ids(d -> d.hasEnglish(english) && !d.text().contains(katakana));
        assertThat(englishOnly)
                .as("topics with %s and no %s in the corpora", english, katakana)
                .isNotEmpty();
        assertThat(SearchPages.allIds(Map.of("q", katakana)))
                .as("%s finds a topic that has only %s", katakana, english)
                .containsAnyElementsOf(englishOnly);
    }

    @Test
    void vaultForkIsAFullMatchOnTheOpenBaoTopicWithTheLoanwordMarked() {
        JsonPath r = search("vault fork");
        assertThat(r.getString("hits[0].title")).isEqualTo(SeedTopics.VAULT);
        assertThat(r.getMap("relaxed")).isNull();
        assertThat(r.getString("hits[0].highlights.title").replaceAll("</mark><mark>", ""))
                .contains("<mark>フォーク</mark>");
    }

    @ParameterizedTest(name = "{0} before {1}")
    @MethodSource("typedWords")
    void anExactMatchRanksAboveTheLoanword(String typed, String loanword) {
        // the typed spelling weighs more: the first hit has it, and its hits rank higher on average than those
        // that have only the loanword (a loanword in a title may still outrank the word in a body)
        List<Long> ids = SearchPages.allIds(Map.of("q", typed));
        Set<Long> exact = ids(d -> d.text().contains(typed) || d.hasEnglish(typed));
        Set<Long> loanwordOnly =
                ids(d -> !exact.contains(d.id()) && (d.text().contains(loanword) || d.hasEnglish(loanword)));
        assertThat(exact).as("%s: first hit", typed).contains(ids.get(0));
        assertThat(meanRank(ids, loanwordOnly))
                .as("%s: mean rank of hits with %s only vs those with %s", typed, loanword, typed)
                .isGreaterThan(meanRank(ids, exact));
    }

    /** Mean position in {@code ids} of those in {@code set}; fails when none of them is there. */
    private static double meanRank(List<Long> ids, Set<Long> set) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < ids.size(); i++) {
            if (set.contains(ids.get(i))) {
                sum += i;
                n++;
            }
        }
        assertThat(n).as("hits among %s", set).isPositive();
        return sum / n;
    }

    static Stream<Arguments> typedWords() {
        return Stream.of(
                Arguments.of("fork", "フォーク"),
                Arguments.of("フォーク", "fork"),
                Arguments.of("cache", "キャッシュ"),
                Arguments.of("キャッシュ", "cache"),
                Arguments.of("browser", "ブラウザ"),
                Arguments.of("ブラウザ", "browser"),
                Arguments.of("performance", "パフォーマンス"),
                Arguments.of("パフォーマンス", "performance"));
    }

    @Test
    void shortKatakanaIsMatchedAsAWordNotInsideOthers() {
        // port ↔ ポート: as a substring ポート is in every サポート; as a word it is not
        Set<Long> supportOnly = ids(d -> d.text().contains("サポート")
                && !d.text().replace("サポート", "").contains("ポート")
                && !d.text().toLowerCase(Locale.ROOT).contains("port"));
        assertThat(supportOnly).isNotEmpty();
        assertThat(SearchPages.allIds(Map.of("q", "port"))).doesNotContainAnyElementsOf(supportOnly);
    }

    @Test
    void theDictionaryPairsSpellingsOfOneLexemeOnly() {
        assertThat(loanwords.available()).isTrue();
        // one lexeme: browser ↔ ブラウザ (ブラウザー is covered by ブラウザ as a substring)
        assertThat(loanwords.of("browser")).containsExactly("ブラウザ");
        assertThat(loanwords.of("ブラウザー")).containsExactly("browser");
        assertThat(loanwords.of("forks")).contains("フォーク");
        // フォーク as the abbreviation of フォークボール is left out
        assertThat(loanwords.of("フォーク")).contains("fork").doesNotContain("forkball");
        // same group, another meaning: summary is not abstract
        assertThat(loanwords.of("summary")).contains("サマリ").doesNotContain("アブストラクト");
        assertThat(loanwords.of("キャッシュ")).contains("cache");
        // stop words, words under 3 letters and items marked never to expand (ゴー/go)
        assertThat(loanwords.of("it")).isEmpty();
        assertThat(loanwords.of("go")).isEmpty();
        assertThat(loanwords.of("ゴー")).isEmpty();
        assertThat(loanwords.of("イット")).isEmpty();
    }

    private Set<Long> ids(java.util.function.Predicate<Doc> p) {
        Set<Long> out = new HashSet<>();
        docs.stream().filter(p).forEach(d -> out.add(d.id()));
        return out;
    }

    private static JsonPath search(String q) {
        return given().queryParam("q", q)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
