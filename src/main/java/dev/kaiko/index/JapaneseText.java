package dev.kaiko.index;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Japanese morphological analysis done in the application (Lucene's kuromoji), because no Japanese analysis plugin
 * can be assumed on the cluster. Text becomes a space-separated string of NFKC-normalised, lower-cased base forms
 * (particles and auxiliaries dropped); the index stores it in a field analysed by whitespace only, and queries are
 * tokenised here the same way, so index and query agree exactly.
 */
public final class JapaneseText {

    /** Longer text is cut: the morphological field is for ranking, the bigram field already covers recall. */
    static final int MAX_CHARS = 20_000;

    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            // search mode splits compounds (分散コンテナレジストリ → 分散 コンテナ レジストリ) as a searcher would
            Tokenizer tokenizer = new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.SEARCH);
            TokenStream stream = new JapaneseBaseFormFilter(tokenizer);
            stream = new JapanesePartOfSpeechStopFilter(stream, JapaneseAnalyzer.getDefaultStopTags());
            stream = new StopFilter(stream, JapaneseAnalyzer.getDefaultStopSet());
            return new TokenStreamComponents(tokenizer, new LowerCaseFilter(stream));
        }
    };

    private JapaneseText() {}

    /** NFKC (full-width Latin and half-width kana folded) — what both the index and the query see. */
    public static String normalize(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /** The tokens of {@code text}, in order (duplicates kept, so term frequency still means something). */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String n = normalize(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
        try (TokenStream ts = ANALYZER.tokenStream("text", new StringReader(n))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString().strip();
                if (!t.isEmpty() && t.codePoints().anyMatch(Character::isLetterOrDigit)) {
                    out.add(t);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The space-separated token string stored in the morphological fields. */
    public static String indexForm(String text) {
        return String.join(" ", tokens(text));
    }
}
