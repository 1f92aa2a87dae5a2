package dev.kaiko.archive;

import java.util.List;

/**
 * One topic inside an issue: an article, release or talk that somebody presented.
 *
 * @param title       the topic's title, without format decorations (no "[video]" prefix, no markup)
 * @param body        plain text of the topic's paragraphs (may be empty, never null)
 * @param bodyHtml    the topic's body as HTML when the archive had HTML or Markdown, else null (sanitised before display)
 * @param section     the heading of the section holding the topic ("Notable Articles", "Official"), or null
 * @param url         the topic's main link, or null
 * @param links       every link found in the topic, main link first
 * @param presenter   who presented it, only from an explicit marker; null when unknown (never guessed)
 * @param archiveTags tags that came with the archive data (before mapping to canonical technology names)
 * @param attributes  markers such as "video" or "series" taken off a bullet's prefix
 * @param origin      where the topic stands in its file ("$.list[3]", "line 42"), for errors; null when unknown
 */
public record ParsedTopic(
        String title,
        String body,
        String bodyHtml,
        String section,
        String url,
        List<String> links,
        String presenter,
        List<String> archiveTags,
        List<String> attributes,
        String origin) {

    public ParsedTopic(
            String title,
            String body,
            String bodyHtml,
            String section,
            String url,
            List<String> links,
            String presenter,
            List<String> archiveTags,
            List<String> attributes) {
        this(title, body, bodyHtml, section, url, links, presenter, archiveTags, attributes, null);
    }

    public ParsedTopic {
        body = body == null ? "" : body;
        links = links == null ? List.of() : List.copyOf(links);
        archiveTags = archiveTags == null ? List.of() : List.copyOf(archiveTags);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }
}
