package dev.kaiko.archive;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one issue exported from a blog post as plain text (format {@value #FORMAT}): the first line is the title,
 * then one line per heading, then paragraphs, with no markup at all.
 *
 * <p>Headings are recognised by shape. A <em>heading-ish</em> line is short, does not end like a sentence
 * (。 . ！ ？ 、 :) and does not start with a parenthesis. Once the title is read:
 * <ul>
 * <li>a heading-ish line directly followed by another heading-ish line is a <b>section</b> heading, unless the next
 * line starts with the same text (a subtitle such as "BPF Programmable Netdevice (LPC 2023)", kept in the body);</li>
 * <li>after the first section heading, any other heading-ish line starts a <b>topic</b>; other lines are its body;</li>
 * <li>the introduction before the first section is not a topic, and an afterword or page furniture heading
 * (あとがき, おわりに, Discussion, ... see {@link NonTopicHeadings}) ends the content.</li>
 * </ul>
 * Presenter marker lines ({@link PresenterMarker}) set the topic's presenter and are left out of its body;
 * every other line, including parenthesised back-references such as "(Neco Weekly 2023-03-17号)", stays in it.
 */
public class PlainTextIssueReader implements ArchiveReader {

    public static final String FORMAT = "text";

    /** Longer lines are paragraphs, whatever their ending. */
    private static final int MAX_HEADING_LENGTH = 80;

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int confidence(String filename, String text) {
        String head = text.stripLeading();
        if (head.isEmpty()
                || head.startsWith("{")
                || head.startsWith("[")
                || head.startsWith("<")
                || head.startsWith("---")
                || FrontMatter.startsWithPelicanFields(text)) {
            return 0;
        }
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt") || name.endsWith(".text")) {
            return 70;
        }
        // Markdown headings or links make it someone else's text.
        return head.contains("\n#") || head.startsWith("#") || head.contains("](") ? 5 : 35;
    }

    @Override
    public List<ParsedIssue> read(String filename, String text) throws ArchiveFormatException {
        List<NumberedLine> lines = nonBlankLines(text);
        if (lines.isEmpty()) {
            throw ArchiveFormatException.atLine(filename, 1, "the file is empty: expected a title line");
        }
        NumberedLine title = lines.get(0);
        List<ParsedTopic> topics = new ArrayList<>();
        String section = null;
        TopicDraft topic = null;
        StringBuilder preamble = new StringBuilder(title.text).append('\n');

        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).text;
            String next = i + 1 < lines.size() ? lines.get(i + 1).text : null;
            if (isHeadingish(line) && NonTopicHeadings.endsContent(line)) {
                break;
            }
            if (isHeadingish(line) && next != null && isHeadingish(next) && !next.startsWith(line)) {
                add(topics, topic, section);
                topic = null;
                section = line;
            } else if (section == null) {
                preamble.append(line).append('\n');
            } else if (isHeadingish(line)) {
                add(topics, topic, section);
                topic = new TopicDraft(line);
                if (next != null && next.startsWith(line)) {
                    topic.body(next); // the title repeated with a subtitle belongs to the body
                    i++;
                }
            } else if (topic != null) {
                topic.body(line);
            }
            // else: a section's own introduction, before its first topic; not a topic
        }
        add(topics, topic, section);

        if (section == null) {
            int where = lines.size() > 1 ? lines.get(1).number : title.number;
            throw ArchiveFormatException.atLine(
                    filename,
                    where,
                    "no section heading found after the title (a short line directly followed by another short line)");
        }
        String head = preamble.toString();
        LocalDate date = IssueFacts.dateIn(head);
        if (date == null) {
            date = IssueFacts.dateIn(filename);
        }
        if (date == null) {
            throw ArchiveFormatException.atLine(
                    filename,
                    title.number,
                    "no issue date found in the title, the introduction or the file name (expected YYYY-MM-DD or YYYY年M月D日)");
        }
        return WebLinks.httpOnly(List.of(new ParsedIssue(
                seriesOf(title.text, lines.size() > 1 ? lines.get(1).text : null),
                IssueFacts.numberIn(head),
                title.text,
                date,
                null,
                topics)));
    }

    /** Whether a line has the shape of a heading: short, not a sentence, not a parenthesised remark, not a marker. */
    static boolean isHeadingish(String line) {
        if (line.isEmpty() || line.codePointCount(0, line.length()) > MAX_HEADING_LENGTH) {
            return false;
        }
        char first = line.charAt(0);
        char last = line.charAt(line.length() - 1);
        return first != '('
                && first != '（'
                && "。.！!？?、,:：".indexOf(last) < 0
                && !line.startsWith("http://")
                && !line.startsWith("https://")
                && PresenterMarker.presenterIn(line) == null;
    }

    /**
     * The series name: the second line when it repeats the title's tail ("Neco Weekly (2023-12-22号)"),
     * else derived from the title.
     */
    private static String seriesOf(String title, String secondLine) {
        String series = null;
        if (secondLine != null && isHeadingish(secondLine) && title.endsWith(secondLine)) {
            series = IssueFacts.seriesFromTitle(secondLine);
        }
        if (series == null) {
            series = IssueFacts.seriesFromTitle(title);
        }
        return series == null ? title : series;
    }

    private static void add(List<ParsedTopic> topics, TopicDraft draft, String section) {
        if (draft != null) {
            topics.add(draft.toTopic(section));
        }
    }

    private static List<NumberedLine> nonBlankLines(String text) {
        List<NumberedLine> lines = new ArrayList<>();
        String[] raw = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].replace("\uFEFF", "").strip();
            if (!line.isEmpty()) {
                lines.add(new NumberedLine(i + 1, line));
            }
        }
        return lines;
    }

    private record NumberedLine(int number, String text) {}

    /** A topic being collected line by line. */
    private static final class TopicDraft {
        private final String title;
        private final List<String> body = new ArrayList<>();
        private String presenter;

        TopicDraft(String title) {
            this.title = title;
        }

        void body(String line) {
            String marked = PresenterMarker.presenterIn(line);
            if (marked != null) {
                presenter = marked;
            } else {
                body.add(line);
            }
        }

        ParsedTopic toTopic(String section) {
            String text = String.join("\n", body);
            List<String> links = TextLinks.urlsIn(text);
            return new ParsedTopic(
                    title,
                    text,
                    null,
                    section,
                    links.isEmpty() ? null : links.get(0),
                    links,
                    presenter,
                    List.of(),
                    List.of());
        }
    }
}
