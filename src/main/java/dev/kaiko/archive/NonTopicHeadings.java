package dev.kaiko.archive;

import java.util.List;
import java.util.Locale;

/**
 * Headings that never introduce topics, shared by every reader that splits on headings.
 * <ul>
 * <li>{@link #endsContent}: an afterword or the page furniture a saved blog post drags along (あとがき, おわりに,
 * Discussion, comments): no topic comes after it.</li>
 * <li>{@link #isRecurringColumn}: a weekly's recurring non-topic column (This Week in Rust's Crate of the Week, Call
 * for Participation, merged-PR lists, events, jobs, quote): skipped with every deeper heading under it. Chosen by
 * name because these columns move around between issues while their names stay the same (checked on all 52 TWiR
 * issues of 2023).</li>
 * </ul>
 * A heading matches a name when, lower-cased and stripped, it equals the name or starts with it followed by a
 * non-letter ("Call for Participation; projects and speakers", "コメント (3)").
 */
final class NonTopicHeadings {

    static final List<String> END_OF_CONTENT =
            List.of("あとがき", "おわりに", "さいごに", "最後に", "まとめ", "コメント", "discussion", "comments", "afterword");

    static final List<String> RECURRING_COLUMNS = List.of(
            "crate of the week",
            "call for participation",
            "updates from the rust project",
            "updates from rust core",
            "rust compiler performance triage",
            "approved rfcs",
            "final comment period",
            "new and updated rfcs",
            "call for testing",
            "upcoming events",
            "jobs",
            "quote of the week",
            "sponsors");

    private NonTopicHeadings() {}

    static boolean endsContent(String heading) {
        return matchesAny(heading, END_OF_CONTENT);
    }

    static boolean isRecurringColumn(String heading) {
        return matchesAny(heading, RECURRING_COLUMNS);
    }

    private static boolean matchesAny(String heading, List<String> names) {
        if (heading == null) {
            return false;
        }
        String h = heading.strip().toLowerCase(Locale.ROOT);
        for (String name : names) {
            if (h.equals(name) || (h.startsWith(name) && !Character.isLetter(h.charAt(name.length())))) {
                return true;
            }
        }
        return false;
    }
}
