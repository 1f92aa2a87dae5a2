package dev.kaiko.tagging;

/**
 * Where a tag on a topic came from. Precedence when the same tag has several sources:
 * {@code MANUAL > ARCHIVE > AUTO} (declaration order, highest last) — a tag is reported with the strongest
 * source, and a manual removal beats every source.
 */
public enum TagProvenance {
    /** Found by {@link TechnologyTagger} in the topic text (or implied as an ancestor of a tag). */
    AUTO,
    /** Came with the imported archive data, mapped to a canonical name through the aliases (or kept as a free tag). */
    ARCHIVE,
    /** Added by a person. */
    MANUAL;

    public boolean outranks(TagProvenance other) {
        return compareTo(other) > 0;
    }
}
