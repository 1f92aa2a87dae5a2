package dev.kaiko.web.pages;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

import dev.kaiko.archive.WebLinks;

/**
 * Archive text is untrusted: imported HTML may carry scripts, event handlers, styles or javascript: links. Pages
 * show plain text escaped by Qute; the only raw HTML they emit passes through here first.
 */
public final class SafeHtml {

    /** Basic formatting and http(s)/mailto links; no scripts, styles, iframes, images or event handlers. */
    private static final Safelist TOPIC_BODY = Safelist.basic()
            .addTags("h3", "h4", "h5", "h6")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

    /** Search highlights are escaped by the engine with only &lt;mark&gt; added; keep it that way. */
    private static final Safelist MARKS_ONLY = Safelist.none().addTags("mark");

    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private SafeHtml() {}

    public static String topicBody(String html) {
        return html == null ? "" : Jsoup.clean(html, "", TOPIC_BODY, COMPACT);
    }

    public static String marks(String html) {
        return html == null ? "" : Jsoup.clean(html, "", MARKS_ONLY, COMPACT);
    }

    /** The URL when it is an absolute http(s) URL, else null: archive links must not become javascript: links. */
    public static String externalUrl(String url) {
        return WebLinks.httpUrl(url);
    }
}
