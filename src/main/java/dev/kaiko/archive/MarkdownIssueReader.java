package dev.kaiko.archive;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Reads one issue written in Markdown (format {@value #FORMAT}), parsed with commonmark.
 *
 * <p><b>Front matter</b> ({@link FrontMatter}): YAML between {@code ---} lines or Pelican {@code Key: value} lines.
 * Fields used: {@code title}, {@code date}, {@code number}, {@code series}, {@code url}, {@code tags} (archive tags
 * of every topic) and {@code presenter} (presenter of every topic that names none itself). {@code author} is not
 * taken as presenter: who wrote the post is not necessarily who presented a topic. Missing facts are taken from the
 * title ("This Week in Rust 526" gives series "This Week in Rust" and number 526), then from the file name (date).
 *
 * <p><b>Two shapes of topic.</b> A heading that has deeper headings under it is a <em>section</em>. A heading without
 * deeper headings (a leaf) is either
 * <ul>
 * <li>a <em>link list</em>, when its content has no paragraph of its own but bullets: every bullet whose text starts
 * with a link ({@code * [title](url)}, optionally after prefixes such as {@code [video]}) is a topic in that section,
 * the prefixes becoming {@link ParsedTopic#attributes()} (lower-cased) and a "Blog: " source prefix being dropped from
 * the title (attribute "blog"). This is This Week in Rust's shape;</li>
 * <li>else a <em>topic heading</em> whose content is the topic's body (Neco style: {@code ##} section,
 * {@code ###} topic). When the document has sections at all, a topic heading outside every section (an introduction
 * such as "## はじめに") is not a topic.</li>
 * </ul>
 *
 * <p><b>Boilerplate rule.</b> A weekly repeats columns that are not topics. They are recognised by heading: a heading
 * whose text (link markup removed, case-insensitive) is, or starts with followed by a non-letter, one of
 * {@link NonTopicHeadings#RECURRING_COLUMNS} — This Week in Rust's Crate of the Week, Call for Participation, Updates from the Rust
 * Project (the merged-PR list, performance triage, RFC and FCP lists), Call for Testing, Upcoming Events, Jobs and
 * Quote of the Week, plus "Updates from Rust Core" and "Sponsors" — is skipped together with every deeper heading under
 * it; an afterword or page-furniture heading ({@link NonTopicHeadings}: あとがき, Discussion, ...) ends the topics
 * altogether. Besides: everything before the first heading (greeting, introduction) is never a topic, HTML blocks and
 * comments ({@code <!-- -->}) are ignored, and a bullet that does not start with a link (an event line
 * "2023-12-20 | Virtual | ...", "*No RFCs were approved this week.*") is not a topic. Headings were chosen over
 * position because the columns move between issues (Issue 486 has no "Updates from Rust Community" parent heading,
 * Issue 527 renames "Call for Participation"), while their names are stable across all 2023 issues.
 */
public class MarkdownIssueReader implements ArchiveReader {

    public static final String FORMAT = "markdown";

    private static final Pattern BRACKET_PREFIX = Pattern.compile("\\[([^\\]\\[]{1,30})\\]\\s*");
    private static final Pattern BLOG_PREFIX = Pattern.compile("^(?:[\\p{L} ]{0,30} )?Blog:\\s+");

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer html = HtmlRenderer.builder().build();

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int confidence(String filename, String text) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".markdown") || name.endsWith(".mdx")) {
            return 85;
        }
        String head = text.stripLeading();
        if (head.startsWith("{") || head.startsWith("<")) {
            return 0;
        }
        if (FrontMatter.startsWithYaml(head) || FrontMatter.startsWithPelicanFields(head)) {
            return 70;
        }
        boolean headings = head.startsWith("#") || head.contains("\n#");
        boolean links = head.contains("](");
        return headings && links ? 50 : headings || links ? 30 : 0;
    }

    @Override
    public List<ParsedIssue> read(String filename, String text) throws ArchiveFormatException {
        if (text.isBlank()) {
            throw ArchiveFormatException.atLine(filename, 1, "the file is empty");
        }
        FrontMatter front = FrontMatter.parse(filename, text);
        Node document = parser.parse(front.body());
        List<Node> blocks = new ArrayList<>();
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            blocks.add(n);
        }

        String title = front.text("title");
        if (title == null) {
            title = blocks.stream()
                    .filter(b -> b instanceof Heading h && h.getLevel() == 1)
                    .findFirst()
                    .map(MarkdownIssueReader::plainText)
                    .orElse(null);
        }
        List<ParsedTopic> topics = topicsIn(blocks, front);
        if (topics.isEmpty()) {
            throw ArchiveFormatException.atLine(
                    filename,
                    firstTextLine(front),
                    "no topics found: expected topic headings"
                            + " under section headings ('## section', '### topic') or bullet links ('* [title](url)') under headings");
        }

        LocalDate date = IssueFacts.dateIn(front.text("date"));
        if (date == null) {
            date = IssueFacts.dateIn(title);
        }
        if (date == null) {
            date = IssueFacts.dateIn(filename);
        }
        if (date == null) {
            throw ArchiveFormatException.atLine(
                    filename,
                    1,
                    "no issue date: expected a 'date' front matter field, or a date in the title or file name");
        }
        Integer number = numberField(filename, front);
        if (number == null) {
            number = IssueFacts.numberIn(title);
        }
        String series = front.text("series");
        if (series == null) {
            series = IssueFacts.seriesFromTitle(title);
        }
        if (title == null) {
            title = series != null ? series + " " + date : filename;
        }
        return WebLinks.httpOnly(List.of(
                new ParsedIssue(series == null ? title : series, number, title, date, front.text("url"), topics)));
    }

    /** The file line of the first non-blank line after the front matter. */
    private static int firstTextLine(FrontMatter front) {
        String[] lines = front.body().split("\r?\n", -1);
        int i = 0;
        while (i < lines.length - 1 && lines[i].isBlank()) {
            i++;
        }
        return front.bodyLine() + i;
    }

    private static Integer numberField(String filename, FrontMatter front) throws ArchiveFormatException {
        String n = front.text("number");
        if (n == null) {
            return null;
        }
        try {
            return Integer.valueOf(n.replaceFirst("^#", ""));
        } catch (NumberFormatException e) {
            throw ArchiveFormatException.atLine(filename, 1, "front matter 'number' is not a whole number: " + n);
        }
    }

    /** Applies the section/topic and boilerplate rules of the class comment to the document's top-level blocks. */
    private List<ParsedTopic> topicsIn(List<Node> blocks, FrontMatter front) {
        List<Integer> headingAt = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) instanceof Heading) {
                headingAt.add(i);
            }
        }
        boolean hasSections = false;
        for (int h = 0; h < headingAt.size(); h++) {
            hasSections |= hasDeeperHeading(blocks, headingAt, h) || isLinkList(content(blocks, headingAt, h));
        }

        List<ParsedTopic> topics = new ArrayList<>();
        // open headings by level: [level] = text of the section heading currently open at that level, or null
        String[] open = new String[7];
        int skipDeeperThan = Integer.MAX_VALUE; // inside a boilerplate column: skip headings deeper than it
        for (int h = 0; h < headingAt.size(); h++) {
            Heading heading = (Heading) blocks.get(headingAt.get(h));
            int level = heading.getLevel();
            String headingText = plainText(heading).strip();
            for (int l = level; l < open.length; l++) {
                open[l] = null;
            }
            if (level > skipDeeperThan) {
                continue;
            }
            skipDeeperThan = Integer.MAX_VALUE;
            if (NonTopicHeadings.endsContent(headingText)) {
                break;
            }
            if (isBoilerplate(headingText)) {
                skipDeeperThan = level;
                continue;
            }
            List<Node> content = content(blocks, headingAt, h);
            if (hasDeeperHeading(blocks, headingAt, h)) {
                open[level] = headingText;
            } else if (isLinkList(content)) {
                for (Node block : content) {
                    if (block instanceof BulletList || block instanceof OrderedList) {
                        for (Node item = block.getFirstChild(); item != null; item = item.getNext()) {
                            addIfNotNull(topics, bulletTopic(item, headingText, front));
                        }
                    } else if (block instanceof Paragraph p) {
                        addIfNotNull(topics, bulletTopic(p, headingText, front)); // a bullet whose "* " was forgotten
                    }
                }
            } else {
                String section = innermost(open, level);
                if ((section != null || !hasSections) && hasText(content)) {
                    topics.add(headingTopic(heading, headingText, content, section, front));
                }
            }
        }
        return topics;
    }

    private static List<Node> content(List<Node> blocks, List<Integer> headingAt, int h) {
        int end = h + 1 < headingAt.size() ? headingAt.get(h + 1) : blocks.size();
        return blocks.subList(headingAt.get(h) + 1, end);
    }

    private static boolean hasDeeperHeading(List<Node> blocks, List<Integer> headingAt, int h) {
        return h + 1 < headingAt.size()
                && ((Heading) blocks.get(headingAt.get(h + 1))).getLevel()
                        > ((Heading) blocks.get(headingAt.get(h))).getLevel();
    }

    /**
     * Content made of lists (and HTML), with at least one bullet starting with a link. A paragraph that is nothing
     * but a link (with optional prefixes) counts as a bullet whose "* " was forgotten (TWiR 2023-07-19 has one);
     * any other paragraph makes the heading a topic heading.
     */
    private static boolean isLinkList(List<Node> content) {
        boolean linkBullet = false;
        for (Node block : content) {
            if (block instanceof Paragraph p) {
                Link link = leadingLink(p);
                if (link == null || !plainTextAfter(link).isBlank()) {
                    return false;
                }
            }
            if (block instanceof BulletList || block instanceof OrderedList) {
                for (Node item = block.getFirstChild(); item != null; item = item.getNext()) {
                    linkBullet |= leadingLink(item) != null;
                }
            }
        }
        return linkBullet;
    }

    private static boolean hasText(List<Node> content) {
        return content.stream()
                .anyMatch(b -> !(b instanceof HtmlBlock) && !plainText(b).isBlank());
    }

    static boolean isBoilerplate(String heading) {
        return NonTopicHeadings.isRecurringColumn(heading);
    }

    private static String innermost(String[] open, int belowLevel) {
        for (int l = belowLevel - 1; l >= 1; l--) {
            if (open[l] != null) {
                return open[l];
            }
        }
        return null;
    }

    /**
     * The first link of a bullet (a list item's first paragraph, or a paragraph) when only bracketed prefixes come
     * before it, else null.
     */
    private static Link leadingLink(Node bullet) {
        Node first = bullet instanceof Paragraph ? bullet : bullet.getFirstChild();
        if (!(first instanceof Paragraph)) {
            return null;
        }
        StringBuilder before = new StringBuilder();
        for (Node n = first.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Link link) {
                return BRACKET_PREFIX
                                .matcher(before.toString().strip())
                                .replaceAll("")
                                .isBlank()
                        ? link
                        : null;
            }
            before.append(plainText(n));
        }
        return null;
    }

    private static String plainTextAfter(Node inline) {
        StringBuilder rest = new StringBuilder();
        for (Node n = inline.getNext(); n != null; n = n.getNext()) {
            rest.append(plainText(n));
        }
        return rest.toString();
    }

    private static void addIfNotNull(List<ParsedTopic> topics, ParsedTopic topic) {
        if (topic != null) {
            topics.add(topic);
        }
    }

    /** A topic from a bullet (list item or stray paragraph) that starts with a link, else null. */
    private ParsedTopic bulletTopic(Node bullet, String section, FrontMatter front) {
        Link link = leadingLink(bullet);
        if (link == null) {
            return null;
        }
        Node firstParagraph = bullet instanceof Paragraph ? bullet : bullet.getFirstChild();
        Set<String> attributes = new LinkedHashSet<>();
        StringBuilder before = new StringBuilder();
        for (Node n = firstParagraph.getFirstChild(); n != link; n = n.getNext()) {
            before.append(plainText(n));
        }
        Matcher prefix = BRACKET_PREFIX.matcher(before);
        while (prefix.find()) {
            attributes.add(prefix.group(1).strip().toLowerCase(Locale.ROOT));
        }
        String title = plainText(link).strip();
        Matcher blog = BLOG_PREFIX.matcher(title);
        if (blog.find()) {
            attributes.add("blog");
            title = title.substring(blog.end());
        }
        StringBuilder rest = new StringBuilder(plainTextAfter(link));
        for (Node block = firstParagraph.getNext();
                block != null && block != bullet.getNext();
                block = block.getNext()) {
            rest.append('\n').append(plainText(block));
        }
        PresenterMarker.MarkedText body =
                PresenterMarker.takeMarkers(rest.toString().strip());
        return new ParsedTopic(
                title,
                body.text(),
                html.render(bullet).strip(),
                section,
                WebLinks.httpUrl(link.getDestination()),
                linksIn(List.of(bullet)),
                presenter(body.presenter(), front),
                front.list("tags"),
                List.copyOf(attributes));
    }

    private ParsedTopic headingTopic(
            Heading heading, String title, List<Node> content, String section, FrontMatter front) {
        StringBuilder text = new StringBuilder();
        StringBuilder bodyHtml = new StringBuilder();
        for (Node block : content) {
            if (block instanceof HtmlBlock) {
                continue; // comments and embedded widgets are not the topic's words
            }
            text.append(plainText(block).strip()).append("\n");
            bodyHtml.append(html.render(block));
        }
        PresenterMarker.MarkedText body = PresenterMarker.takeMarkers(text.toString());
        List<Node> linkSources = new ArrayList<>();
        linkSources.add(heading);
        linkSources.addAll(content);
        List<String> links = linksIn(linkSources);
        return new ParsedTopic(
                title,
                body.text(),
                bodyHtml.toString().strip(),
                section,
                links.isEmpty() ? null : links.get(0),
                links,
                presenter(body.presenter(), front),
                front.list("tags"),
                List.of());
    }

    private static String presenter(String marked, FrontMatter front) {
        return marked != null ? marked : front.text("presenter");
    }

    private static List<String> linksIn(List<Node> nodes) {
        Set<String> links = new LinkedHashSet<>();
        AbstractVisitor visitor = new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                String url = WebLinks.httpUrl(link.getDestination());
                if (url != null) {
                    links.add(url);
                }
                visitChildren(link);
            }
        };
        nodes.forEach(n -> n.accept(visitor));
        return List.copyOf(links);
    }

    /** The words of a node: text and code, line breaks kept, markup and inline HTML dropped; blocks on their own lines. */
    static String plainText(Node node) {
        StringBuilder s = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                s.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                s.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                s.append('\n');
            }

            @Override
            public void visit(HardLineBreak hardLineBreak) {
                s.append('\n');
            }

            @Override
            public void visit(Paragraph paragraph) {
                separate();
                visitChildren(paragraph);
            }

            @Override
            public void visit(ListItem listItem) {
                separate();
                visitChildren(listItem);
            }

            @Override
            public void visit(HtmlBlock htmlBlock) {
                // not words
            }

            private void separate() {
                if (s.length() > 0 && s.charAt(s.length() - 1) != '\n') {
                    s.append('\n');
                }
            }
        });
        return s.toString();
    }
}
