package dev.kaiko.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explicit presenter markers inside a topic's body: "紹介者: name", "発表者: name", "Presenter: name",
 * "(presented by @name)". Only these set a topic's presenter: presenters are never guessed.
 */
final class PresenterMarker {

    private static final Pattern LABELLED =
            Pattern.compile("^(?:紹介者|発表者|(?i:presenter|presented by))\\s*[:：]\\s*@?(\\S.*?)\\s*$");
    private static final Pattern PARENTHESISED =
            Pattern.compile("^[(（]\\s*(?i:presented by)\\s*[:：]?\\s*@?([^)）]+?)\\s*[)）]$");

    private PresenterMarker() {}

    /** The presenter named by a whole line that is a marker, or null when the line is not one. */
    static String presenterIn(String line) {
        if (line == null) {
            return null;
        }
        String s = line.strip();
        for (Pattern p : new Pattern[] {LABELLED, PARENTHESISED}) {
            Matcher m = p.matcher(s);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** Text whose marker lines were taken out, and the presenter the last of them named (null when none). */
    record MarkedText(String text, String presenter) {}

    /** Takes the marker lines out of a multi-line text. */
    static MarkedText takeMarkers(String text) {
        String presenter = null;
        StringBuilder rest = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String marked = presenterIn(line);
            if (marked != null) {
                presenter = marked;
            } else {
                rest.append(line).append('\n');
            }
        }
        return new MarkedText(rest.toString().strip(), presenter);
    }
}
