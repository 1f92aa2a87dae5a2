package dev.kaiko.archive;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a JSON feed of items (format {@value #FORMAT}), as JSer.info publishes:
 * {@code {"list": [{"date", "title", "url", "content", "tags": [..], "relatedLinks": [{"title", "url"}]}]}}.
 *
 * <p>Every item is a topic: body = {@code content}, url = {@code url}, archive tags = {@code tags} (as written;
 * variants such as "nodejs"/"node.js" are mapped later by the tagging package), links = {@code url} then the
 * {@code relatedLinks} urls.
 *
 * <p>Items carry no issue, so they are grouped into <b>weekly issues by ISO week</b> of their date. The issue date is
 * the <b>Monday of that ISO week</b>, so that the same week gets the same date (and title) whichever file its items
 * come from; a week spanning two monthly files gives one issue per file, with the same title. The issue title is
 * "JSer.info 2023-W05" (series, ISO week-based year, week), the number is null, the series is the one the import
 * names, else the file's top-level {@code "series"}; a file with neither is refused (never filed under another
 * weekly's series). An item's date is the calendar date in the offset its timestamp
 * carries ("2022-12-31T15:11:56Z" is 2022-12-31); a plain "YYYY-MM-DD" is taken as is.
 */
public class JsonItemFeedReader implements ArchiveReader {

    public static final String FORMAT = "json-items";
    /** The series name JSer.info's own item files are imported under by convention (they name no series). */
    public static final String JSER_INFO = "JSer.info";

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int confidence(String filename, String text) {
        String head = text.stripLeading();
        if (!head.startsWith("{")) {
            return 0;
        }
        String start = head.substring(0, Math.min(head.length(), 400));
        if (start.contains("\"kaiko_export\"")) {
            return 0;
        }
        boolean json = filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".json");
        return start.contains("\"list\"") ? (json ? 90 : 75) : json ? 20 : 10;
    }

    @Override
    public List<ParsedIssue> read(String filename, String text) throws ArchiveFormatException {
        return read(filename, text, null);
    }

    /**
     * Reads the items under the series the import names ({@code ?series=}), else the file's own {@code "series"}.
     * A file that names none is refused: its items would otherwise be merged silently into another weekly's series.
     */
    public List<ParsedIssue> read(String filename, String text, String importSeries) throws ArchiveFormatException {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw JsonErrors.located(filename, e);
        }
        if (root == null || !root.isObject()) {
            throw ArchiveFormatException.atPath(filename, "$", "expected an object {\"list\": [...]}");
        }
        JsonNode list = root.get("list");
        if (list == null || !list.isArray()) {
            throw ArchiveFormatException.atPath(filename, "$.list", "expected an array of items under \"list\"");
        }
        String series;
        if (importSeries != null && !importSeries.isBlank()) {
            series = importSeries.strip();
        } else if (root.hasNonNull("series") && !root.get("series").asText().isBlank()) {
            series = root.get("series").asText().strip();
        } else {
            throw ArchiveFormatException.atPath(
                    filename,
                    "$.series",
                    "no series: a JSON item file does not say which weekly its items belong to; add a top-level"
                            + " \"series\": \"Name\" or import it with ?series=Name (e.g. ?series="
                            + JSER_INFO + " for JSer.info's own files)");
        }

        Map<LocalDate, List<ParsedTopic>> byWeek = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String at = "$.list[" + i + "]";
            if (!item.isObject()) {
                throw ArchiveFormatException.atPath(filename, at, "expected an item object");
            }
            LocalDate date = itemDate(filename, item.get("date"), at + ".date");
            byWeek.computeIfAbsent(
                            date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), d -> new ArrayList<>())
                    .add(topic(filename, item, at));
        }
        List<ParsedIssue> issues = new ArrayList<>();
        byWeek.forEach((monday, topics) ->
                issues.add(new ParsedIssue(series, null, weekTitle(series, monday), monday, null, topics)));
        return WebLinks.httpOnly(issues);
    }

    static String weekTitle(String series, LocalDate date) {
        return String.format(
                Locale.ROOT,
                "%s %d-W%02d",
                series,
                date.get(IsoFields.WEEK_BASED_YEAR),
                date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static LocalDate itemDate(String filename, JsonNode date, String path) throws ArchiveFormatException {
        if (date == null || !date.isTextual() || date.asText().isBlank()) {
            throw ArchiveFormatException.atPath(filename, path, "missing date: every item needs a \"date\" string");
        }
        String s = date.asText().strip();
        try {
            return s.length() == 10
                    ? LocalDate.parse(s)
                    : OffsetDateTime.parse(s).toLocalDate();
        } catch (DateTimeParseException e) {
            throw ArchiveFormatException.atPath(
                    filename,
                    path,
                    "invalid date '" + s + "': expected an ISO date or timestamp such as 2023-01-31T10:00:00Z");
        }
    }

    private static ParsedTopic topic(String filename, JsonNode item, String at) throws ArchiveFormatException {
        String title = text(item, "title");
        if (title == null) {
            throw ArchiveFormatException.atPath(filename, at + ".title", "missing title");
        }
        String url = text(item, "url");
        Set<String> links = new LinkedHashSet<>();
        if (url != null) {
            links.add(url);
        }
        JsonNode related = item.get("relatedLinks");
        if (related != null && related.isArray()) {
            for (JsonNode link : related) {
                String u = link.isTextual() ? link.asText() : text(link, "url");
                if (u != null && !u.isBlank()) {
                    links.add(u.strip());
                }
            }
        }
        List<String> tags = new ArrayList<>();
        JsonNode tagNodes = item.get("tags");
        if (tagNodes != null && tagNodes.isArray()) {
            tagNodes.forEach(t -> {
                if (t.isTextual() && !t.asText().isBlank()) {
                    tags.add(t.asText().strip());
                }
            });
        }
        String content = text(item, "content");
        return new ParsedTopic(
                title, content == null ? "" : content, null, null, url, List.copyOf(links), null, tags, List.of(), at);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank()
                ? null
                : v.asText().strip();
    }
}
