package dev.kaiko.archive;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts about an issue that weeklies write into free text the same way whatever the file format:
 * its date ("2023-12-22号", "2023年12月22日"), its number ("第47回", "Issue 526", "#12") and its series name.
 */
final class IssueFacts {

    private static final Pattern ISO_DATE = Pattern.compile("(?<!\\d)(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d)");
    private static final Pattern JAPANESE_DATE = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");
    private static final Pattern NUMBER = Pattern.compile(
            "第\\s*(\\d{1,5})\\s*回|(?i:\\b(?:issue|no\\.?|vol\\.?|number)\\s*#?\\s*(\\d{1,5})\\b)|#(\\d{1,5})\\b");
    /** Trailing decorations of a title that are not part of the weekly's name: a number, a date, "第N回", "#N". */
    private static final Pattern TRAILING_DECORATION =
            Pattern.compile("(?:\\s*(?:[-–—:|#]|第|(?i:issue|no\\.?|vol\\.?))?\\s*[0-9][0-9-/.年月日号回]*\\s*)+$");

    private IssueFacts() {}

    /** The first date written as YYYY-MM-DD (or / .) or YYYY年M月D日 in the text, or null. */
    static LocalDate dateIn(String text) {
        if (text == null) {
            return null;
        }
        LocalDate iso = firstValidDate(ISO_DATE.matcher(text));
        LocalDate japanese = firstValidDate(JAPANESE_DATE.matcher(text));
        if (iso == null || japanese == null) {
            return iso != null ? iso : japanese;
        }
        // Both forms present: the one written first wins.
        return text.indexOf(String.valueOf(iso.getYear())) <= text.indexOf(String.valueOf(japanese.getYear()))
                ? iso
                : japanese;
    }

    private static LocalDate firstValidDate(Matcher m) {
        while (m.find()) {
            try {
                return LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (DateTimeException notADate) {
                // "2023-13-45" is no date; keep looking
            }
        }
        return null;
    }

    /** The issue number written as 第N回, "Issue N", "No. N", "Vol. N" or "#N", or null. */
    static Integer numberIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.find()) {
            return null;
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return Integer.valueOf(m.group(g));
            }
        }
        return null;
    }

    /**
     * The weekly's name in a title: after the last ": " when there is one ("振り返り: Neco Weekly (2023-12-22号)"),
     * before any parenthesis, without a trailing number or date ("This Week in Rust 526" → "This Week in Rust").
     * Null when nothing is left.
     */
    static String seriesFromTitle(String title) {
        if (title == null) {
            return null;
        }
        String s = title.strip();
        int colon = Math.max(s.lastIndexOf(": "), s.lastIndexOf('：'));
        if (colon >= 0 && colon + 1 < s.length()) {
            s = s.substring(colon + 1).strip();
        }
        int paren = indexOfAny(s, '(', '（');
        if (paren > 0) {
            s = s.substring(0, paren);
        }
        s = TRAILING_DECORATION.matcher(s.strip()).replaceFirst("").strip();
        return s.isEmpty() ? null : s;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
