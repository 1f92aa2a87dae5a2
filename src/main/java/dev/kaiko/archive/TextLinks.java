package dev.kaiko.archive;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bare http(s) addresses written into plain text, in order of appearance, without duplicates. */
final class TextLinks {

    // Stops at whitespace, quotes, angle brackets and Japanese punctuation/brackets that commonly follow an address.
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>、。「」（）()\\[\\]]+");

    private TextLinks() {}

    static List<String> urlsIn(String text) {
        Set<String> urls = new LinkedHashSet<>();
        Matcher m = URL.matcher(text == null ? "" : text);
        while (m.find()) {
            urls.add(m.group().replaceAll("[.,;:!?]+$", ""));
        }
        return List.copyOf(urls);
    }
}
