package dev.kaiko.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import dev.kaiko.archive.ArchiveFormats;
import dev.kaiko.archive.FeedReader;

/**
 * One page of an RSS 2.0 or Atom feed as a source sees it: its entries, each with a stable key and a digest (to tell
 * a changed entry from an unchanged one), and the link to older history — RFC 5005 {@code prev-archive} (archived
 * feeds), else {@code next} (paged feeds); {@code next-archive} and {@code previous} lead to newer pages and are not
 * followed.
 *
 * <p>An entry whose own text holds topics (h2/h3 headings in {@code content}, {@code content:encoded},
 * {@code description} or {@code summary}) is imported through the feed reader as a one-entry feed. An entry without
 * headings that links to its article (a feed of summaries) is imported from the article page instead, like a saved
 * HTML page: a summary alone has no topics to split.
 */
final class FeedPager {

    private FeedPager() {}

    /**
     * @param key      atom:id / guid, else the link, else title and date: what identifies the entry across fetches
     * @param link     the entry's article URL (absolute), or null
     * @param hash     digest of the entry's markup
     * @param document for an entry with topics in its own text, a feed holding only this entry (UTF-8 XML); null
     *                 when the article at {@code link} is to be imported instead
     */
    record Entry(String key, String link, String hash, String title, String document) {
        boolean inline() {
            return document != null;
        }
    }

    record Page(List<Entry> entries, String older) {}

    /** Whether a fetched document is a feed: as the feed reader judges, or an rss/feed root after a long prolog. */
    static boolean isFeed(String url, String text) {
        if (new FeedReader().confidence(url, text) >= ArchiveFormats.MIN_CONFIDENCE) {
            return true;
        }
        String head = text.substring(0, Math.min(text.length(), 8000)).toLowerCase(Locale.ROOT);
        return !head.contains("<html") && FEED_ROOT.matcher(head).find();
    }

    private static final java.util.regex.Pattern FEED_ROOT = java.util.regex.Pattern.compile("<(rss|feed)[\\s>]");

    static Page parse(String pageUrl, String text) throws FetchException {
        Document xml = Jsoup.parse(text, pageUrl, Parser.xmlParser());
        xml.outputSettings().prettyPrint(false);
        boolean atom = xml.selectFirst("feed") != null && xml.selectFirst("rss") == null;
        Element root = atom ? xml.selectFirst("feed") : xml.selectFirst("rss > channel");
        if (root == null) {
            throw new FetchException(pageUrl, "is neither an RSS 2.0 <rss><channel> nor an Atom <feed>");
        }
        List<Element> entries = root.select(atom ? "> entry" : "> item");
        List<Entry> result = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Element e = entries.get(i);
            String link = atom ? atomLink(e) : absolute(e, childText(e, "link"));
            String title = childText(e, "title");
            String key = firstNonBlank(
                    childText(e, atom ? "id" : "guid"), link, title + "|" + childText(e, atom ? "updated" : "pubDate"));
            boolean inline = link == null || hasHeadings(content(e, atom));
            result.add(new Entry(
                    key, link, Digests.sha256(e.outerHtml()), title, inline ? oneEntryFeed(xml, atom, i) : null));
        }
        return new Page(result, older(root));
    }

    /** The page with older entries: prev-archive, else next (atom:link in RSS too). */
    private static String older(Element root) {
        for (String rel : List.of("prev-archive", "next")) {
            for (Element child : root.children()) {
                String name = child.tagName().toLowerCase(Locale.ROOT);
                boolean link = name.equals("link") || name.endsWith(":link");
                if (link
                        && child.hasAttr("href")
                        && List.of(child.attr("rel").toLowerCase(Locale.ROOT).split("\\s+"))
                                .contains(rel)) {
                    String href = child.absUrl("href");
                    return href.isEmpty() ? null : href;
                }
            }
        }
        return null;
    }

    private static String oneEntryFeed(Document xml, boolean atom, int index) {
        Document copy = xml.clone();
        copy.outputSettings().prettyPrint(false);
        Element root = atom ? copy.selectFirst("feed") : copy.selectFirst("rss > channel");
        List<Element> entries = root.select(atom ? "> entry" : "> item");
        for (int j = 0; j < entries.size(); j++) {
            if (j != index) {
                entries.get(j).remove();
            }
        }
        return copy.outerHtml();
    }

    /** The entry's HTML as the feed reader would take it. */
    private static String content(Element e, boolean atom) {
        if (atom) {
            for (String tag : List.of("content", "summary")) {
                Element c = e.selectFirst("> " + tag);
                if (c != null) {
                    return "xhtml".equals(c.attr("type")) ? c.html() : c.wholeText();
                }
            }
            return "";
        }
        Element c = e.selectFirst("> content|encoded");
        if (c == null || c.wholeText().isBlank()) {
            c = e.selectFirst("> description");
        }
        return c == null ? "" : c.wholeText();
    }

    private static boolean hasHeadings(String html) {
        return !html.isBlank()
                && !Jsoup.parseBodyFragment(html).select("h2, h3").isEmpty();
    }

    private static String atomLink(Element entry) {
        for (Element link : entry.select("> link[href]")) {
            if (!link.hasAttr("rel") || link.attr("rel").equals("alternate")) {
                return link.absUrl("href").isEmpty() ? null : link.absUrl("href");
            }
        }
        return null;
    }

    private static String absolute(Element context, String href) {
        if (href == null) {
            return null;
        }
        try {
            return java.net
                    .URI
                    .create(context.baseUri())
                    .resolve(UrlGuard.escapeIllegal(href))
                    .toString();
        } catch (IllegalArgumentException e) {
            return href;
        }
    }

    private static String childText(Element parent, String tag) {
        Element child = parent.selectFirst("> " + tag);
        return child == null || child.text().isBlank() ? null : child.text().strip();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }
}
