package dev.kaiko.web.api;

import dev.kaiko.search.InvalidSearchParameter;

/** Numeric path and query parameters: anything else is a 400 naming the parameter, not a 404 or 500. */
final class Ids {

    private Ids() {}

    static long parse(String parameter, String raw) {
        try {
            long v = Long.parseLong(raw.strip());
            if (v < 0) {
                throw new InvalidSearchParameter(parameter, "must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidSearchParameter(parameter, "must be a number, was '" + abbreviate(raw) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
