package dev.kaiko.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How related topics are chosen ({@link RelatedTopics}); the defaults are the documented definition. */
@ConfigMapping(prefix = "kaiko.related")
public interface RelatedConfig {

    /** more_like_this: at most this many of the topic's most distinctive words are looked for. */
    @WithDefault("25")
    int maxQueryTerms();

    /** more_like_this: the share of those words another topic must contain to count as similar in content. */
    @WithDefault("30%")
    String minimumShouldMatch();

    /** more_like_this for ranking only: the share of words that adds to the score of a topic related otherwise. */
    @WithDefault("10%")
    String looseMinimumShouldMatch();

    /**
     * A technology the title does not name and the body names once is mentioned in passing ("Java や Python
     * などでは…"): sharing it counts this share of its weight and never makes a topic related on its own.
     */
    @WithDefault("0.3")
    double passingMentionFactor();

    /** Score of a shared technology per unit of its idf, ln(N / df), on the scale of the text scores. */
    @WithDefault("2.0")
    double tagWeight();

    /**
     * A technology carried by more than this share of all topics (and by more than {@link #commonMinTopics()}) is
     * common: sharing it adds a little to the score but never makes a topic related on its own.
     */
    @WithDefault("0.1")
    double commonShare();

    /** In a small archive no technology counts as common while it is carried by at most this many topics. */
    @WithDefault("5")
    int commonMinTopics();

    /** Topics of the same issue are already listed beside the topic: their scores count this much. */
    @WithDefault("0.7")
    double sameIssueFactor();
}
