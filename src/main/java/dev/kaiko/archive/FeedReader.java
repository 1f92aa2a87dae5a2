package dev.kaiko.archive;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads a weekly's feed (format {@value #FORMAT}): RSS 2.0 or Atom, parsed with jsoup's XML parser (no feed library
 * needed for the few elements used). Every RSS {@code item} / Atom {@code entry} is an issue, whose HTML content
 * ({@code content:encoded}, else {@code description}; Atom {@code content}, else {@code summary}) is split into
 * topics exactly like a saved page ({@link HtmlTopicSplitter}).
 *
 * <p>Issue title: the entry's title. Date: {@code pubDate} (RFC 1123) / {@code published}, else {@code updated}
 * (the calendar date in the offset written), else a date in the title. Series: derived from the entry title when it
 * carries an issue number or date ("Kaiko Weekly #12 (2024-03-15)" → "Kaiko Weekly"), else the feed's title.
 * Entries whose content has no topic headings (ordinary posts of a blog's feed) are skipped; a feed with no entry
 * holding topics is an error.
 */
public class FeedReader implements ArchiveReader {

    public static final String FORMAT = "feed";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int confidence(String filename, String text) {
        String head = text.stripLeading();
        head = head.substring(0, Math.min(head.length(), 1000)).toLowerCase(Locale.ROOT);
        boolean feed = head.contains("<rss") || head.contains("<feed") && head.contains("http://www.w3.org/2005/atom");
        if (!feed) {
            return 0;
        }
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        return name.endsWith(".rss") || name.endsWith(".atom") || name.endsWith(".xml") ? 95 : 90;
    }

    @Override
    public List<ParsedIssue> read(String filename, String text) throws ArchiveFormatException {
        Document xml = Jsoup.parse(text, "", Parser.xmlParser());
        boolean atom = xml.selectFirst("feed") != null && xml.selectFirst("rss") == null;
        Element channel = atom ? xml.selectFirst("feed") : xml.selectFirst("rss > channel");
        if (channel == null) {
            throw ArchiveFormatException.inFile(filename, "neither an RSS 2.0 <rss><channel> nor an Atom <feed>");
        }
        String feedTitle = childText(channel, "title");
        List<Element> entries = channel.select(atom ? "> entry" : "> item");
        if (entries.isEmpty()) {
            throw ArchiveFormatException.inFile(filename, "the feed has no " + (atom ? "entry" : "item"));
        }
        List<ParsedIssue> issues = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Element entry = entries.get(i);
            String title = HtmlPageReader.firstNonBlank(childText(entry, "title"), feedTitle, filename);
            String link = WebLinks.httpUrl(atom ? atomLink(entry) : childText(entry, "link"));
            String html = atom
                    ? atomContent(entry)
                    : HtmlPageReader.firstNonBlank(
                            childText(entry, "content|encoded"), childText(entry, "description"));
            Element body = Jsoup.parseBodyFragment(html == null ? "" : html, link == null ? "" : link)
                    .body();
            List<ParsedTopic> topics = HtmlTopicSplitter.split(body);
            if (topics.isEmpty()) {
                continue;
            }
            LocalDate date = entryDate(entry, atom, title);
            if (date == null) {
                throw ArchiveFormatException.inFile(
                        filename,
                        (atom ? "entry " : "item ") + (i + 1) + " (\"" + title + "\") has no date: expected "
                                + (atom ? "<published> or <updated>" : "<pubDate>"));
            }
            Integer number = IssueFacts.numberIn(title);
            String series =
                    number != null || IssueFacts.dateIn(title) != null ? IssueFacts.seriesFromTitle(title) : null;
            issues.add(new ParsedIssue(
                    HtmlPageReader.firstNonBlank(series, feedTitle, title), number, title, date, link, topics));
        }
        if (issues.isEmpty()) {
            throw ArchiveFormatException.inFile(
                    filename, "no entry of the feed has topics (h2/h3 headings in its content)");
        }
        return WebLinks.httpOnly(issues);
    }

    private static String childText(Element parent, String tag) {
        Element child = parent.selectFirst("> " + tag);
        return child == null || child.text().isBlank() ? null : child.text().strip();
    }

    private static String atomLink(Element entry) {
        for (Element link : entry.select("> link[href]")) {
            if (!link.hasAttr("rel") || link.attr("rel").equals("alternate")) {
                return link.attr("href");
            }
        }
        return null;
    }

    /** Atom content: escaped HTML for type="html", inline markup for type="xhtml", else the text. */
    private static String atomContent(Element entry) {
        for (String tag : List.of("content", "summary")) {
            Element content = entry.selectFirst("> " + tag);
            if (content != null) {
                return "xhtml".equals(content.attr("type")) ? content.html() : content.wholeText();
            }
        }
        return null;
    }

    private static LocalDate entryDate(Element entry, boolean atom, String title) {
        if (atom) {
            for (String tag : List.of("published", "updated")) {
                LocalDate date = IssueFacts.dateIn(childText(entry, tag));
                if (date != null) {
                    return date;
                }
            }
        } else {
            String pubDate = childText(entry, "pubDate");
            if (pubDate != null) {
                try {
                    return ZonedDateTime.parse(pubDate, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toLocalDate();
                } catch (DateTimeParseException e) {
                    LocalDate date = IssueFacts.dateIn(pubDate); // some feeds write ISO dates here
                    if (date != null) {
                        return date;
                    }
                }
            }
        }
        return IssueFacts.dateIn(title);
    }
}
