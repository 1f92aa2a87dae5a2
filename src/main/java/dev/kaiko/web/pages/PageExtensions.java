package dev.kaiko.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/** Template helpers: the only raw output of archive text ({@code safe:}) and URL building ({@code url:}). */
public class PageExtensions {

    /** A search highlight: escaped text with &lt;mark&gt; tags only. */
    @TemplateExtension(namespace = "safe")
    static RawString marks(String html) {
        return new RawString(SafeHtml.marks(html));
    }

    /** An imported topic's HTML body, sanitised. */
    @TemplateExtension(namespace = "safe")
    static RawString body(String html) {
        return new RawString(SafeHtml.topicBody(html));
    }

    /** An archive link usable as href (http/https only), or null. */
    @TemplateExtension(namespace = "url")
    static String external(String url) {
        return SafeHtml.externalUrl(url);
    }

    /** One path segment, percent-encoded (tag and presenter names may contain '/', '+', '#', spaces). */
    @TemplateExtension(namespace = "url")
    static String seg(String value) {
        return encode(value);
    }

    /** A moment to the minute, in UTC ("2024-03-15 09:30 UTC"), for the admin pages. */
    @TemplateExtension
    static String utcMinute(java.time.Instant t) {
        return t == null
                ? ""
                : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                        .withZone(java.time.ZoneOffset.UTC)
                        .format(t);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
