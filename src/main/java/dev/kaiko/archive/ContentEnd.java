package dev.kaiko.archive;

import java.util.Locale;
import java.util.Set;

/**
 * Headings after which a weekly has no more topics: its afterword and the page furniture a saved blog post
 * drags along ("Discussion", comment threads).
 */
final class ContentEnd {

    private static final Set<String> END_HEADINGS = Set.of(
            "あとがき", "おわりに", "さいごに", "最後に", "まとめ", "コメント", "discussion", "comments", "afterword");

    private ContentEnd() {
    }

    /** Whether a heading (plain text) opens the afterword or page furniture. */
    static boolean isEndHeading(String heading) {
        if (heading == null) {
            return false;
        }
        String h = heading.strip().toLowerCase(Locale.ROOT);
        // tolerate decorations such as "## あとがき" rendered as "あとがき ✍️" or "コメント (3)"
        return END_HEADINGS.stream().anyMatch(end -> h.equals(end) || h.startsWith(end + " ") || h.startsWith(end + "("));
    }
}
