package dev.kaiko.index;

import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurationContext;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurer;

import io.quarkus.hibernate.search.orm.elasticsearch.SearchExtension;

/**
 * Analysis of topic text, using only what a stock OpenSearch with analysis-common offers, so the same mapping works
 * on the managed node and on an external cluster.
 *
 * <p>{@link #TEXT}: Japanese has no spaces between words, so CJK runs become overlapping bigrams (recall for any
 * substring of two or more characters); width is folded (ｅＢＰＦ = eBPF, ﾊﾟｹｯﾄ = パケット) and case lowered.
 * {@link #ENGLISH}: stemming and ASCII folding for English prose. {@link #TOKENS}: text the application already
 * tokenised (Japanese morphological analysis, see {@link JapaneseText}) is split on spaces only.
 */
@SearchExtension
public class TopicAnalysis implements ElasticsearchAnalysisConfigurer {

    public static final String TEXT = "kaiko_text";
    public static final String TEXT_QUERY = "kaiko_text_query";
    public static final String ENGLISH = "kaiko_english";
    public static final String SORT = "kaiko_sort";
    public static final String TOKENS = "kaiko_tokens";

    @Override
    public void configure(ElasticsearchAnalysisConfigurationContext context) {
        context.analyzer(TEXT).custom().tokenizer("standard").tokenFilters("cjk_width", "lowercase", "cjk_bigram");
        context.analyzer(TEXT_QUERY)
                .custom()
                .tokenizer("standard")
                .tokenFilters("cjk_width", "lowercase", "cjk_bigram");
        context.analyzer(ENGLISH)
                .custom()
                .tokenizer("standard")
                .tokenFilters("cjk_width", "lowercase", "asciifolding", "kaiko_english_stop", "kaiko_english_stemmer");
        context.analyzer(TOKENS).custom().tokenizer("whitespace").tokenFilters("lowercase");
        context.tokenFilter("kaiko_english_stop").type("stop").param("stopwords", "_english_");
        context.tokenFilter("kaiko_english_stemmer").type("stemmer").param("language", "english");
        context.normalizer(SORT).custom().tokenFilters("cjk_width", "lowercase", "asciifolding");
    }
}
