package dev.kaiko.archive;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Splits an article's HTML into topics by its headings; shared by {@link HtmlPageReader} and {@link FeedReader}.
 *
 * <p>When the article has both {@code h2} and {@code h3}, h2 headings are sections and h3 headings topics; when it
 * has only one of them, those headings are topics (without section). Content before the first topic heading is the
 * introduction, not a topic. Sections and topics named like a recurring column are skipped, and an afterword or
 * comments heading ends the topics ({@link NonTopicHeadings}). A topic's {@code bodyHtml} is its HTML as found,
 * unsanitised (sanitising happens at display); {@code body} is its plain text, one line per block; links come from
 * {@code a[href]} (heading link first), resolved against the page's address when it is known. Presenter marker
 * blocks ({@link PresenterMarker}) set the presenter and are left out of body and bodyHtml.
 */
final class HtmlTopicSplitter {

    private HtmlTopicSplitter() {}

    static List<ParsedTopic> split(Element article) {
        boolean hasH2 = !article.select("h2").isEmpty();
        boolean hasH3 = !article.select("h3").isEmpty();
        String sectionTag = hasH2 && hasH3 ? "h2" : null;
        String topicTag = hasH3 ? "h3" : hasH2 ? "h2" : null;
        List<ParsedTopic> topics = new ArrayList<>();
        if (topicTag == null) {
            return topics;
        }
        List<Node> flat = new ArrayList<>();
        flatten(article, sectionTag, topicTag, flat);

        String section = null;
        boolean skippingSection = false;
        Element heading = null;
        List<Node> body = new ArrayList<>();
        for (Node node : flat) {
            Element e = node instanceof Element el ? el : null;
            boolean isSection = e != null && e.normalName().equals(sectionTag);
            boolean isTopic = e != null && e.normalName().equals(topicTag);
            if (!isSection && !isTopic) {
                if (heading != null) {
                    body.add(node);
                }
                continue;
            }
            addTopic(topics, heading, body, section);
            heading = null;
            body = new ArrayList<>();
            String text = e.text().strip();
            if (NonTopicHeadings.endsContent(text)) {
                return topics;
            }
            if (isSection) {
                section = text;
                skippingSection = NonTopicHeadings.isRecurringColumn(text);
            } else if (!skippingSection && !NonTopicHeadings.isRecurringColumn(text)) {
                heading = e;
            }
        }
        addTopic(topics, heading, body, section);
        return topics;
    }

    /** The article's nodes in order, descending into wrappers that hold headings so headings come out flat. */
    private static void flatten(Element parent, String sectionTag, String topicTag, List<Node> out) {
        for (Node child : parent.childNodes()) {
            if (child instanceof Element e
                    && !e.normalName().equals(sectionTag)
                    && !e.normalName().equals(topicTag)
                    && !e.select(topicTag + (sectionTag == null ? "" : ", " + sectionTag))
                            .isEmpty()) {
                flatten(e, sectionTag, topicTag, out);
            } else {
                out.add(child);
            }
        }
    }

    private static void addTopic(List<ParsedTopic> topics, Element heading, List<Node> body, String section) {
        if (heading == null) {
            return;
        }
        String presenter = null;
        StringBuilder html = new StringBuilder();
        StringBuilder text = new StringBuilder();
        Set<String> links = new LinkedHashSet<>();
        addLinks(heading, links);
        for (Node node : body) {
            String nodeText = blockText(node).strip();
            String marked = PresenterMarker.presenterIn(nodeText);
            if (marked != null) {
                presenter = marked;
                continue;
            }
            if (node instanceof TextNode t && t.isBlank()) {
                continue;
            }
            html.append(node.outerHtml());
            if (!nodeText.isEmpty()) {
                text.append(nodeText).append('\n');
            }
            if (node instanceof Element e) {
                addLinks(e, links);
            }
        }
        PresenterMarker.MarkedText marked = PresenterMarker.takeMarkers(text.toString());
        if (marked.presenter() != null) {
            presenter = marked.presenter();
        }
        List<String> linkList = List.copyOf(links);
        topics.add(new ParsedTopic(
                heading.text().strip(),
                marked.text(),
                html.toString().strip(),
                section,
                linkList.isEmpty() ? null : linkList.get(0),
                linkList,
                presenter,
                List.of(),
                List.of()));
    }

    private static void addLinks(Element element, Set<String> links) {
        for (Element a : element.select("a[href]")) {
            String href = a.hasAttr("abs:href") && !a.attr("abs:href").isEmpty() ? a.attr("abs:href") : a.attr("href");
            href = WebLinks.httpUrl(href);
            if (href != null) {
                links.add(href);
            }
        }
    }

    /** Plain text of a node with one line per block element and {@code <br>}; script and style contents dropped. */
    static String blockText(Node node) {
        StringBuilder s = new StringBuilder();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node n, int depth) {
                        if (n instanceof TextNode t) {
                            String parent = t.parent() != null ? t.parent().normalName() : "";
                            if (!parent.equals("script") && !parent.equals("style")) {
                                s.append(
                                        parent.equals("pre") || parent.equals("code") && hasPreAncestor(t)
                                                ? t.getWholeText()
                                                : t.text());
                            }
                        } else if (n instanceof Element e
                                && (e.isBlock() || e.normalName().equals("br"))) {
                            newline();
                        }
                    }

                    @Override
                    public void tail(Node n, int depth) {
                        if (n instanceof Element e && e.isBlock()) {
                            newline();
                        }
                    }

                    private void newline() {
                        int end = s.length();
                        while (end > 0 && s.charAt(end - 1) == ' ') {
                            end--;
                        }
                        s.setLength(end);
                        if (end > 0 && s.charAt(end - 1) != '\n') {
                            s.append('\n');
                        }
                    }
                },
                node);
        return s.toString().replaceAll("(?m)^ +", "").replaceAll("\n{2,}", "\n");
    }

    private static boolean hasPreAncestor(Node n) {
        for (Node p = n.parent(); p != null; p = p.parent()) {
            if (p.normalName().equals("pre")) {
                return true;
            }
        }
        return false;
    }
}
