package dev.kaiko.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonItemFeedReaderTest {

    private final JsonItemFeedReader reader = new JsonItemFeedReader();

    @Test
    void findsEveryItemOfJser2023GroupedByIsoWeek() throws Exception {
        int topics = 0;
        int items = 0;
        try (Stream<Path> files = Files.list(Corpora.path("jser-2023"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String text = Corpora.read(file);
                JsonNode list = new ObjectMapper().readTree(text).get("list");
                items += list.size();
                List<ParsedIssue> issues = reader.read(file.getFileName().toString(), text);
                List<String> expectedWeeks = new ArrayList<>();
                for (JsonNode item : list) {
                    LocalDate date =
                            OffsetDateTime.parse(item.get("date").asText()).toLocalDate();
                    String week = String.format(
                            "JSer.info %d-W%02d",
                            date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                    if (!expectedWeeks.contains(week)) {
                        expectedWeeks.add(week);
                    }
                }
                assertEquals(
                        expectedWeeks, issues.stream().map(ParsedIssue::title).toList(), file.toString());
                for (ParsedIssue issue : issues) {
                    assertEquals("JSer.info", issue.series());
                    assertNull(issue.number());
                    assertEquals(DayOfWeek.MONDAY, issue.date().getDayOfWeek());
                    topics += issue.topics().size();
                }
            }
        }
        assertEquals(738, items, "the corpus as described");
        assertEquals(738, topics);
    }

    @Test
    void itemFieldsBecomeTopicFields() throws Exception {
        String text = Corpora.text("jser-2023/2023-01.json");
        JsonNode first = new ObjectMapper().readTree(text).get("list").get(0);
        ParsedTopic topic = reader.read("2023-01.json", text).get(0).topics().get(0);
        assertEquals(first.get("title").asText(), topic.title());
        assertEquals(first.get("url").asText(), topic.url());
        assertEquals(first.get("content").asText().strip(), topic.body());
        List<String> tags = new ArrayList<>();
        first.get("tags").forEach(t -> tags.add(t.asText()));
        assertEquals(tags, topic.archiveTags());
        assertEquals(first.get("url").asText(), topic.links().get(0));
    }

    @Test
    void relatedLinksFollowTheMainLink() throws Exception {
        String json = """
                {"series": "My Feed", "list": [
                  {"date": "2024-01-03T10:00:00Z", "title": "A", "url": "https://a.example/", "content": "c",
                   "tags": ["Node.js", "nodejs"], "relatedLinks": [{"title": "r", "url": "https://r.example/"}]},
                  {"date": "2024-01-07", "title": "B", "url": "https://b.example/", "content": "d", "tags": [], "relatedLinks": []},
                  {"date": "2024-01-08T01:00:00+09:00", "title": "C", "url": "https://c.example/", "content": "e", "tags": [], "relatedLinks": []}
                ]}""";
        List<ParsedIssue> issues = reader.read("feed.json", json);
        assertEquals(
                List.of("My Feed 2024-W01", "My Feed 2024-W02"),
                issues.stream().map(ParsedIssue::title).toList());
        assertEquals(LocalDate.of(2024, 1, 1), issues.get(0).date());
        assertEquals(
                List.of("A", "B"),
                issues.get(0).topics().stream().map(ParsedTopic::title).toList());
        assertEquals(
                List.of("https://a.example/", "https://r.example/"),
                issues.get(0).topics().get(0).links());
        assertEquals(
                List.of("Node.js", "nodejs"), issues.get(0).topics().get(0).archiveTags(), "variants kept as written");
    }

    @Test
    void truncatedJsonIsLocatedByLineAndPath() throws Exception {
        String text = Corpora.text("jser-2023/2023-02.json");
        String truncated = text.substring(0, text.length() / 2);
        long lines = truncated.lines().count();
        ArchiveFormatException e =
                assertThrows(ArchiveFormatException.class, () -> reader.read("2023-02.json", truncated));
        assertEquals("2023-02.json", e.file());
        assertTrue(
                e.line() != null && e.line() >= lines - 1 && e.line() <= lines + 1,
                "line " + e.line() + " of " + lines);
        assertTrue(e.path() != null && e.path().startsWith("$.list["), "path " + e.path());
    }

    @Test
    void missingOrInvalidDateIsLocatedByPath() {
        String missing =
                "{\"series\": \"T\", \"list\": [{\"date\": \"2024-01-01\", \"title\": \"a\"}, {\"date\": \"2024-01-02\", \"title\": \"b\"},"
                        + " {\"date\": \"2024-01-03\", \"title\": \"c\"}, {\"title\": \"d\"}]}";
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> reader.read("x.json", missing));
        assertEquals("$.list[3].date", e.path());
        ArchiveFormatException invalid = assertThrows(
                ArchiveFormatException.class,
                () -> reader.read(
                        "x.json", "{\"series\": \"T\", \"list\": [{\"date\": \"yesterday\", \"title\": \"a\"}]}"));
        assertEquals("$.list[0].date", invalid.path());
        assertTrue(invalid.getMessage().contains("yesterday"));
    }
}
