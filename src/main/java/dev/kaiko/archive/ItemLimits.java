package dev.kaiko.archive;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The documented bounds of everything an archive file may bring (docs/importing.md, "Limits of an imported item"), checked for
 * every reader's output before anything is stored. A file with one item over a bound is refused as a whole, naming
 * the file, the item and the field: a cut title or a dropped tag would be a silent loss, and an unbounded one can
 * exhaust memory while it is indexed (a 100,000-character title and 5,000 tags once did) or reach the engine's own
 * limits (32,766 bytes per keyword term). The bounds are far above anything a real weekly holds (the largest seen in
 * the shared corpora: a 355-character title, a 729-character summary, 9 tags, a 497-character URL).
 *
 * <p>Control characters other than tab, line feed and carriage return are refused in every field: PostgreSQL cannot
 * store NUL, and the others forge lines in logs and exports.
 */
public final class ItemLimits {

    public static final int SERIES = 200;
    public static final int ISSUE_TITLE = 1_000;
    public static final int URL = 2_048;
    public static final int TOPICS_PER_ISSUE = 5_000;
    public static final int TITLE = 1_000;
    public static final int BODY = 100_000;
    public static final int BODY_HTML = 200_000;
    public static final int SECTION = 300;
    public static final int LINKS = 500;
    public static final int PRESENTER = 200;
    public static final int TAGS = 50;
    public static final int TAG = 100;
    public static final int ATTRIBUTES = 20;
    public static final int ATTRIBUTE = 50;
    /** Issue numbers and dates outside these are typos, not weeklies (a year 20230 sorts and facets absurdly). */
    public static final int MAX_NUMBER = 1_000_000;

    public static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    private ItemLimits() {}

    /**
     * Checks every field of the issues a reader found in one file.
     *
     * @throws ArchiveFormatException naming the file, the item ("issues[1].topics[3]", with the item's own origin
     *                                such as a JSON path when the reader gave one) and the field
     */
    public static void check(String file, List<ParsedIssue> issues) throws ArchiveFormatException {
        for (int i = 0; i < issues.size(); i++) {
            ParsedIssue issue = issues.get(i);
            String at = "issues[" + i + "]";
            text(file, at, "series", issue.series(), SERIES);
            text(file, at, "title", issue.title(), ISSUE_TITLE);
            text(file, at, "url", issue.url(), URL);
            if (issue.number() != null && (issue.number() < 0 || issue.number() > MAX_NUMBER)) {
                throw refused(file, at + ".number", "number " + issue.number() + " is outside 0.." + MAX_NUMBER);
            }
            if (issue.date() != null
                    && (issue.date().isBefore(EARLIEST) || issue.date().isAfter(LATEST))) {
                throw refused(file, at + ".date", "date " + issue.date() + " is outside " + EARLIEST + ".." + LATEST);
            }
            if (issue.topics().size() > TOPICS_PER_ISSUE) {
                throw refused(
                        file,
                        at + ".topics",
                        "the issue has " + count(issue.topics().size()) + " topics; at most "
                                + count(TOPICS_PER_ISSUE));
            }
            for (int t = 0; t < issue.topics().size(); t++) {
                topic(file, issue.topics().get(t), at + ".topics[" + t + "]");
            }
        }
    }

    private static void topic(String file, ParsedTopic topic, String position) throws ArchiveFormatException {
        String at = topic.origin() != null ? topic.origin() : position;
        text(file, at, "title", topic.title(), TITLE);
        text(file, at, "body", topic.body(), BODY);
        text(file, at, "body_html", topic.bodyHtml(), BODY_HTML);
        text(file, at, "section", topic.section(), SECTION);
        text(file, at, "url", topic.url(), URL);
        text(file, at, "presenter", topic.presenter(), PRESENTER);
        list(file, at, "links", topic.links(), LINKS, URL);
        list(file, at, "tags", topic.archiveTags(), TAGS, TAG);
        list(file, at, "attributes", topic.attributes(), ATTRIBUTES, ATTRIBUTE);
    }

    private static void list(String file, String at, String field, List<String> values, int maxCount, int maxLength)
            throws ArchiveFormatException {
        if (values.size() > maxCount) {
            throw refused(
                    file,
                    at + "." + field,
                    field + ": " + count(values.size()) + " values; at most " + count(maxCount));
        }
        for (int i = 0; i < values.size(); i++) {
            text(file, at, field + "[" + i + "]", values.get(i), maxLength);
        }
    }

    private static void text(String file, String at, String field, String value, int max)
            throws ArchiveFormatException {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw refused(
                    file,
                    at + "." + field,
                    field + " has " + count(value.length()) + " characters; at most " + count(max) + " are accepted"
                            + item(value));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                throw refused(
                        file,
                        at + "." + field,
                        String.format(Locale.ROOT, "%s holds the control character U+%04X at %d", field, (int) c, i)
                                + item(value));
            }
        }
    }

    /** The start of the offending value, so a person can find the item in the file. */
    private static String item(String value) {
        String start = value.substring(0, Math.min(60, value.length()))
                .replaceAll("[\\p{Cc}]", " ")
                .strip();
        return start.isEmpty() ? "" : " (begins \"" + start + (value.length() > 60 ? "…" : "") + "\")";
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static ArchiveFormatException refused(String file, String path, String message) {
        return ArchiveFormatException.atPath(file, path, message);
    }
}
