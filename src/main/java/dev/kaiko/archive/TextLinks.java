package dev.kaiko.archive;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bare http(s) addresses written into plain text, in order of appearance, without duplicates; only those
 * {@link WebLinks} keeps.
 */
final class TextLinks {

    // Stops at whitespace, quotes, angle brackets and Japanese punctuation/brackets that commonly follow an address.
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>、。「」（）()\\[\\]]+");

    private TextLinks() {}

    static List<String> urlsIn(String text) {
        Set<String> urls = new LinkedHashSet<>();
        Matcher m = URL.matcher(text == null ? "" : text);
        while (m.find()) {
            String url = WebLinks.httpUrl(m.group().replaceAll("[.,;:!?]+$", ""));
            if (url != null) { // "https:///x" has no host
                urls.add(url);
            }
        }
        return List.copyOf(urls);
    }
}
