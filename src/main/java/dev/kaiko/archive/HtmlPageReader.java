package dev.kaiko.archive;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads one issue from a blog post saved from a browser (format {@value #FORMAT}): Hatena Blog, WordPress,
 * Zenn-like pages, parsed with jsoup.
 *
 * <p>The article body is the first of {@link #ARTICLE_SELECTORS} found on the page with text in it (the entry's
 * content before the whole {@code article}, so that the entry's header and footer stay out), else the element with
 * the most text. Navigation, sidebars, comment threads, share buttons and footers inside it are removed
 * ({@link #FURNITURE}). The body is split into topics by {@link HtmlTopicSplitter} (h2 = section and h3 = topic
 * when both exist, else the headings present are topics).
 *
 * <p>Issue title: the article's {@code h1} (or {@code .entry-title}), else {@code og:title}, else the first h1, else
 * {@code <title>}. Date: {@code <time datetime>} in the article's entry, then {@code article:published_time}, then
 * the first {@code <time datetime>} of the page, then a YYYY-MM-DD or YYYY年M月D日 in the title, then in the file
 * name. Address: {@code link[rel=canonical]}, else {@code og:url}; relative links are resolved against it.
 */
public class HtmlPageReader implements ArchiveReader {

    public static final String FORMAT = "html";

    static final List<String> ARTICLE_SELECTORS = List.of(
            ".entry-content",
            ".post-content",
            "[itemprop=articleBody]",
            ".article-body",
            ".znc",
            "article",
            "main",
            "[role=main]");

    static final String FURNITURE = "nav, aside, footer, form, header, .sidebar, #sidebar, .comments, #comments,"
            + " .comment-area, .comments-area, .comment-list, .share, .share-buttons, .social-buttons, .sharedaddy,"
            + " .related-posts, .related-entries, .entry-footer, .post-navigation, .hatena-star-container, .author-box";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int confidence(String filename, String text) {
        String head = text.stripLeading().toLowerCase(Locale.ROOT);
        head = head.substring(0, Math.min(head.length(), 2000));
        if (head.contains("<rss") || head.contains("<feed")) {
            return 0;
        }
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        boolean page = head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<body");
        if (name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".xhtml")) {
            return page ? 90 : 70;
        }
        return page ? 80 : head.startsWith("<") && head.contains("<h2") ? 40 : 0;
    }

    @Override
    public List<ParsedIssue> read(String filename, String text) throws ArchiveFormatException {
        Document doc = Jsoup.parse(text);
        String url = WebLinks.httpUrl(firstNonBlank(
                doc.select("link[rel=canonical]").attr("href"),
                doc.select("meta[property=og:url]").attr("content")));
        if (url != null) {
            doc.setBaseUri(url);
        }
        Element article = article(doc);
        if (article == null) {
            throw ArchiveFormatException.inFile(filename, "no article body found (no text in the page's body)");
        }
        Element entry = article.closest("article");
        String title = issueTitle(doc, entry != null ? entry : article);
        LocalDate date = issueDate(doc, entry != null ? entry : article, title, filename);
        if (date == null) {
            throw ArchiveFormatException.inFile(
                    filename,
                    "no issue date: expected <time datetime>, "
                            + "meta article:published_time, or a date in the title or file name");
        }
        Element content = article.clone();
        content.select(FURNITURE).remove();
        List<ParsedTopic> topics = HtmlTopicSplitter.split(content);
        if (topics.isEmpty()) {
            throw ArchiveFormatException.inFile(
                    filename, "no topics found: expected h2/h3 headings in the article body");
        }
        String series = IssueFacts.seriesFromTitle(title);
        if (series == null) {
            series = firstNonBlank(doc.select("meta[property=og:site_name]").attr("content"), title);
        }
        Integer number = IssueFacts.numberIn(title);
        if (number == null) {
            number = IssueFacts.numberIn(introduction(content));
        }
        return WebLinks.httpOnly(List.of(new ParsedIssue(series, number, title, date, url, topics)));
    }

    private static Element article(Document doc) {
        for (String selector : ARTICLE_SELECTORS) {
            for (Element candidate : doc.select(selector)) {
                if (!candidate.text().isBlank()) {
                    return candidate;
                }
            }
        }
        // No recognisable container: the block with the most text of its own paragraphs.
        Element best = null;
        int bestLength = 0;
        for (Element candidate : doc.select("div, section")) {
            int length = candidate.select("> p, > h2, > h3, > ul").text().length();
            if (length > bestLength) {
                best = candidate;
                bestLength = length;
            }
        }
        return best != null ? best : doc.body().text().isBlank() ? null : doc.body();
    }

    private static String issueTitle(Document doc, Element entry) {
        return firstNonBlank(
                entry.select("h1, .entry-title").text(),
                doc.select("meta[property=og:title]").attr("content"),
                doc.select("h1").text(),
                doc.title(),
                "(untitled)");
    }

    private static LocalDate issueDate(Document doc, Element entry, String title, String filename) {
        String[] candidates = {
            entry.select("time[datetime]").attr("datetime"),
            doc.select("meta[property=article:published_time]").attr("content"),
            doc.select("time[datetime]").attr("datetime"),
            title,
            filename
        };
        for (String candidate : candidates) {
            LocalDate date = IssueFacts.dateIn(candidate);
            if (date != null) {
                return date;
            }
        }
        return null;
    }

    /** The text before the article's first heading, where "第47回" usually is. */
    private static String introduction(Element content) {
        StringBuilder intro = new StringBuilder();
        for (Element child : content.children()) {
            if (child.normalName().matches("h[23]") || !child.select("h2, h3").isEmpty()) {
                break;
            }
            intro.append(child.text()).append('\n');
        }
        return intro.toString();
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
