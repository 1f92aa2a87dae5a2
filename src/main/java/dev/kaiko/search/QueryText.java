package dev.kaiko.search;

/** Turns what people type into the engine's simple query syntax: "phrases", -exclusion and OR. */
final class QueryText {

    private QueryText() {
    }

    static String toSimpleQueryString(String q) {
        // People type OR; the simple query syntax spells it |. Other operator characters are left to the syntax,
        // which treats unmatched ones as plain text rather than failing.
        return q.replaceAll("\\s+OR\\s+", " | ").replace('　', ' ');
    }
}
