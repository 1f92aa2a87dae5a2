package dev.kaiko.tagging;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One technology of the {@link Taxonomy}.
 *
 * @param name      canonical name (what facets show), e.g. {@code "Node.js"}
 * @param category  e.g. runtime, networking, security, observability, language, web, database,
 *                  infrastructure, practice, tool, platform, ai
 * @param aliases   other spellings (English or Japanese) matched unconditionally; never contains the name
 * @param parent    canonical name of the technology this is a feature/component of, or {@code null}
 * @param ambiguous spellings that only count in text when the {@link #context() context rule} holds
 *                  (e.g. {@code Go}, {@code Bun}); if the canonical name itself is listed here it is
 *                  not matched unconditionally
 * @param context   context rule for the ambiguous spellings ({@link ContextRule#NONE} if none)
 * @param ecosystem canonical name of the technology a topic is filed under when this one (with its own
 *                  ancestors) is all the topic names — an esbuild release is a JavaScript topic — or
 *                  {@code null}. Unlike a parent it is not added when the topic names anything else: a topic
 *                  on esbuild and Vite is filed under those two.
 * @param libraryNames regexes over the NFKC-lower-cased title; a match that is not itself a taxonomy term
 *                  names a library of this technology ({@code foo.js}, a {@code foojs/} GitHub owner) and, like
 *                  {@code ecosystem}, files a topic that names no other technology under this one
 */
public record Technology(
        String name,
        String category,
        List<String> aliases,
        String parent,
        List<String> ambiguous,
        ContextRule context,
        String ecosystem,
        List<String> libraryNames) {

    public Technology {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        ambiguous = ambiguous == null ? List.of() : List.copyOf(ambiguous);
        context = context == null ? ContextRule.NONE : context;
        libraryNames = libraryNames == null ? List.of() : List.copyOf(libraryNames);
    }

    public Technology(
            String name,
            String category,
            List<String> aliases,
            String parent,
            List<String> ambiguous,
            ContextRule context) {
        this(name, category, aliases, parent, ambiguous, context, null, List.of());
    }

    public Technology(String name, String category, List<String> aliases, String parent) {
        this(name, category, aliases, parent, List.of(), ContextRule.NONE, null, List.of());
    }

    public Optional<String> parentName() {
        return Optional.ofNullable(parent);
    }

    /**
     * When an ambiguous spelling (e.g. "Go") counts as a mention. The occurrence must be written with an
     * upper-case first letter, and at least one of the following must hold:
     *
     * @param after  regexes (over NFKC-lowercased text) matched right after the term, leading spaces
     *               skipped — e.g. a version {@code v?1\.\d+} or {@code 言語}
     * @param before regexes that must match text ending right before the term, e.g. {@code hashicorp\s*$}
     * @param near   terms (case-insensitive, word-bounded for Latin) appearing anywhere in the same topic
     */
    public record ContextRule(List<String> after, List<String> before, List<String> near) {
        public static final ContextRule NONE = new ContextRule(List.of(), List.of(), List.of());

        public ContextRule {
            after = after == null ? List.of() : List.copyOf(after);
            before = before == null ? List.of() : List.copyOf(before);
            near = near == null ? List.of() : List.copyOf(near);
        }

        public boolean isEmpty() {
            return after.isEmpty() && before.isEmpty() && near.isEmpty();
        }
    }
}
