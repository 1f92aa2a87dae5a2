package dev.kaiko.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** English ↔ katakana loanword expansion of search words ({@link Loanwords}). */
@ConfigMapping(prefix = "kaiko.loanwords")
public interface LoanwordsConfig {

    /** Off: words are searched as typed (and the dictionary is not loaded). */
    @WithDefault("true")
    boolean enabled();

    /** Weight of a loanword's clauses relative to the typed word's own (an exact match ranks first). */
    @WithDefault("0.5")
    float boost();

    /** Class-path resource of the SudachiDict synonym dictionary (JSON of the npm package), put there by the build. */
    @WithDefault("loanwords/package/sudachi-synonyms-dictionary.json")
    String resource();
}
