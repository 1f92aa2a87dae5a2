package dev.kaiko.archive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for the addresses Kaiko keeps and shows: only absolute {@code http:} and {@code https:} URLs with a
 * host. Every reader passes what it found through here ({@link #httpOnly(List)}), so a topic's url, its links and
 * an issue's url are never {@code javascript:}, {@code data:}, {@code vbscript:}, {@code mailto:}, relative or
 * protocol-relative ({@code //host}); the pages and the review exports pass stored addresses through
 * {@link #httpUrl(String)} again, for rows stored before the rule.
 *
 * <p>The check is on the text as a browser would read it, without trying to repair it: surrounding whitespace is
 * stripped, then the address must start with {@code http://} or {@code https://} (any case) followed by a host, and
 * must hold no whitespace or control character anywhere (a browser drops tabs and newlines inside a URL, which is
 * how {@code java\tscript:} tricks work). Character references ({@code &#106;avascript:}) are not decoded here: such
 * text does not start with a scheme and is refused.
 */
public final class WebLinks {

    /** Scheme, "//", then a host part that is not empty and does not start with a slash or backslash. */
    private static final Pattern HTTP = Pattern.compile("(?i)https?://[^/\\\\?#@\\s][^\\s]*");

    private WebLinks() {}

    /** The address, stripped, when it is an absolute http(s) URL with a host; else null. */
    public static String httpUrl(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        if (s.isEmpty() || !HTTP.matcher(s).matches()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20
                    || c == 0x7f
                    || Character.isWhitespace(c)
                    || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT) {
                return null;
            }
        }
        String authority = authority(s);
        // "http://@x" or "http://:80" have no host
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.isEmpty() || host.startsWith(":")) {
            return null;
        }
        return s;
    }

    /** Whether the address is an absolute http(s) URL ({@link #httpUrl(String)} keeps it). */
    public static boolean isHttp(String url) {
        return httpUrl(url) != null;
    }

    /** The http(s) addresses among {@code urls}, stripped, in order, without duplicates. */
    public static List<String> httpUrls(Collection<String> urls) {
        if (urls == null || urls.isEmpty()) {
            return List.of();
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String url : urls) {
            String ok = httpUrl(url);
            if (ok != null) {
                kept.add(ok);
            }
        }
        return List.copyOf(kept);
    }

    /** The topic with only http(s) addresses: a url that is not one is dropped (null), so are such links. */
    static ParsedTopic httpOnly(ParsedTopic t) {
        String url = httpUrl(t.url());
        List<String> links = httpUrls(t.links());
        if (java.util.Objects.equals(url, t.url()) && links.equals(t.links())) {
            return t;
        }
        return new ParsedTopic(
                t.title(),
                t.body(),
                t.bodyHtml(),
                t.section(),
                url,
                links,
                t.presenter(),
                t.archiveTags(),
                t.attributes());
    }

    /** The issue with only http(s) addresses in its url and in its topics' urls and links. */
    static ParsedIssue httpOnly(ParsedIssue i) {
        List<ParsedTopic> topics = new ArrayList<>(i.topics().size());
        i.topics().forEach(t -> topics.add(httpOnly(t)));
        return new ParsedIssue(i.series(), i.number(), i.title(), i.date(), httpUrl(i.url()), topics);
    }

    /** What a reader returns, with only http(s) addresses (see {@link #httpOnly(ParsedIssue)}). */
    static List<ParsedIssue> httpOnly(List<ParsedIssue> issues) {
        return issues.stream().map(WebLinks::httpOnly).toList();
    }

    /** An export's issue with only http(s) addresses, everything else (keys, tags, picks) as it was. */
    static KaikoExport.Issue httpOnly(KaikoExport.Issue i) {
        return new KaikoExport.Issue(
                i.series(),
                i.number(),
                i.title(),
                i.date(),
                httpUrl(i.url()),
                i.sourceFile(),
                i.topics().stream()
                        .map(t -> new KaikoExport.Topic(
                                t.key(),
                                t.title(),
                                t.body(),
                                t.bodyHtml(),
                                t.section(),
                                httpUrl(t.url()),
                                httpUrls(t.links()),
                                t.presenter(),
                                t.attributes(),
                                t.tags(),
                                t.pick(),
                                t.presenterEdited(),
                                t.archivePresenter()))
                        .toList());
    }

    private static String authority(String s) {
        int start = s.indexOf("//") + 2;
        int end = s.length();
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#' || c == '\\') {
                end = i;
                break;
            }
        }
        return s.substring(start, end).toLowerCase(Locale.ROOT);
    }
}
