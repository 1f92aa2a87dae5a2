package dev.kaiko.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MarkdownIssueReaderTest {

    private static final MarkdownIssueReader READER = new MarkdownIssueReader();
    private static final List<ParsedIssue> TWIR = new ArrayList<>();
    private static final List<String> TWIR_FILES = new ArrayList<>();

    @BeforeAll
    static void readAllOfTwir() throws Exception {
        try (Stream<Path> files = Files.list(Corpora.path("twir-2023"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                List<ParsedIssue> issues = READER.read(file.getFileName().toString(), Corpora.read(file));
                assertEquals(1, issues.size(), file.toString());
                TWIR.add(issues.get(0));
                TWIR_FILES.add(file.getFileName().toString());
            }
        }
    }

    @Test
    void readsAll52IssuesOfThisWeekInRust2023WithNumbersAndDates() {
        assertEquals(52, TWIR.size());
        for (int i = 0; i < TWIR.size(); i++) {
            ParsedIssue issue = TWIR.get(i);
            assertEquals(476 + i, issue.number(), TWIR_FILES.get(i));
            // the file name starts with the publication date, which the front matter states independently
            assertEquals(LocalDate.parse(TWIR_FILES.get(i).substring(0, 10)), issue.date(), TWIR_FILES.get(i));
            assertEquals("This Week in Rust", issue.series());
            assertEquals("This Week in Rust " + issue.number(), issue.title());
            assertTrue(
                    issue.topics().size() >= 10,
                    issue.title() + " has only " + issue.topics().size() + " topics");
        }
    }

    @Test
    void issue526HasTheSurveyLaunchInOfficial() {
        ParsedIssue issue =
                TWIR.stream().filter(i -> i.number() == 526).findFirst().orElseThrow();
        ParsedTopic survey = issue.topics().stream()
                .filter(t -> t.title().equals("Launching the 2023 State of Rust Survey"))
                .findFirst()
                .orElseThrow();
        assertEquals("Official", survey.section());
        assertEquals("https://blog.rust-lang.org/2023/12/18/survey-launch.html", survey.url());
        assertEquals(2, survey.links().size(), "the direct survey link is kept too");
        assertEquals(List.of("blog"), survey.attributes());
        assertEquals(issue.topics().get(0), survey, "first topic of the issue");
        assertTrue(survey.bodyHtml().contains("<a href=\"https://blog.rust-lang.org/2023/12/18/survey-launch.html\""));
    }

    @Test
    void boilerplateColumnsAreNotTopics() {
        Set<String> sections = TWIR.stream()
                .flatMap(i -> i.topics().stream())
                .map(ParsedTopic::section)
                .collect(Collectors.toSet());
        for (String section : sections) {
            assertNotNull(section);
            assertFalse(MarkdownIssueReader.isBoilerplate(section), section);
            assertFalse(
                    Set.of("Virtual", "Europe", "Asia", "North America", "RFCs", "Tracking Issues & PRs")
                            .contains(section),
                    section);
        }
        assertTrue(
                sections.containsAll(Set.of(
                        "Official",
                        "Project/Tooling Updates",
                        "Observations/Thoughts",
                        "Rust Walkthroughs",
                        "Miscellaneous",
                        "Foundation",
                        "Newsletters")),
                sections.toString());
        ParsedIssue issue526 =
                TWIR.stream().filter(i -> i.number() == 526).findFirst().orElseThrow();
        // Official 2 + Project/Tooling 9 + Observations 7 + Walkthroughs 8 + Miscellaneous 4
        assertEquals(30, issue526.topics().size());
        List<ParsedTopic> all = TWIR.stream().flatMap(i -> i.topics().stream()).toList();
        assertTrue(all.stream().noneMatch(t -> t.url().contains("github.com/rust-lang/rust/pull/")), "merged PRs");
        assertTrue(all.stream().noneMatch(t -> t.url().matches("https://www.meetup.com/.+/events/.*")), "events");
        assertTrue(
                all.stream()
                        .noneMatch(t -> t.title().equals("We love contributions")
                                || t.url().equals("https://www.rust-lang.org/")),
                "greeting");
        assertTrue(
                all.stream()
                        .noneMatch(t ->
                                t.url().contains("crate-of-the-week") || t.url().contains("twir-quote-of-the-week")),
                "crate and quote of the week");
        // a bullet whose "* " was forgotten (2023-07-19) is still a topic of its section
        ParsedTopic ferrocene = all.stream()
                .filter(t -> t.title().equals("A Decade of Rust, and Announcing Ferrocene"))
                .findFirst()
                .orElseThrow();
        assertEquals("Miscellaneous", ferrocene.section());
        assertEquals(List.of("release"), ferrocene.attributes());
    }

    @Test
    void bulletPrefixesBecomeAttributes() {
        List<ParsedTopic> all = TWIR.stream().flatMap(i -> i.topics().stream()).toList();
        ParsedTopic series = all.stream()
                .filter(t -> t.title().startsWith("Multithreading and Memory-Mapping"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("series"), series.attributes());
        assertEquals("Rust Walkthroughs", series.section());
        assertTrue(all.stream().filter(t -> t.attributes().contains("video")).count() > 50);
        assertTrue(all.stream().filter(t -> t.attributes().contains("audio")).count() > 10);
        assertTrue(all.stream().noneMatch(t -> t.title().startsWith("[")), "no prefix left in a title");
    }

    @Test
    void readsNecoStyleYamlMarkdownWithPresenters() throws Exception {
        String md = """
                ---
                title: "Team Weekly (2024-02-09号)"
                tags: [kubernetes, cilium]
                number: 12
                url: https://example.org/weekly/12
                ---
                ## はじめに
                社内の共有会の記録です。

                ## 今週のトピック
                <!-- editor note -->
                ### Cilium 1.15
                紹介者: hana

                Cilium 1.15 が [リリース](https://cilium.io/blog/1.15) されました。

                ### eBPF の本
                (presented by @taro)
                良い本です。

                ## あとがき
                ### 来週
                お楽しみに。
                """;
        ParsedIssue issue = READER.read("weekly.md", md).get(0);
        assertEquals("Team Weekly", issue.series());
        assertEquals(12, issue.number());
        assertEquals(LocalDate.of(2024, 2, 9), issue.date());
        assertEquals("https://example.org/weekly/12", issue.url());
        assertEquals(
                List.of("Cilium 1.15", "eBPF の本"),
                issue.topics().stream().map(ParsedTopic::title).toList());
        ParsedTopic cilium = issue.topics().get(0);
        assertEquals("今週のトピック", cilium.section());
        assertEquals("hana", cilium.presenter());
        assertEquals("Cilium 1.15 が リリース されました。", cilium.body());
        assertEquals("https://cilium.io/blog/1.15", cilium.url());
        assertEquals(List.of("kubernetes", "cilium"), cilium.archiveTags());
        assertFalse(cilium.bodyHtml().contains("editor note"));
        assertEquals("taro", issue.topics().get(1).presenter());
    }

    @Test
    void unclosedFrontMatterIsReportedAtLine1() {
        ArchiveFormatException e = assertThrows(
                ArchiveFormatException.class,
                () -> READER.read("open.md", "---\ntitle: x\ndate: 2024-01-01\n\n## a\n### b\ntext\n"));
        assertEquals("open.md", e.file());
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @Test
    void invalidYamlIsReportedAtItsLine() {
        ArchiveFormatException e = assertThrows(
                ArchiveFormatException.class,
                () -> READER.read("bad.md", "---\ntitle: x\ndate: 2024-01-01\ntags: [a, b\n---\n## a\n### b\ntext\n"));
        assertEquals("bad.md", e.file());
        assertTrue(e.line() >= 4 && e.line() <= 5, "line " + e.line());
    }

    @Test
    void documentWithoutTopicsIsAnError() throws IOException {
        ArchiveFormatException e = assertThrows(
                ArchiveFormatException.class,
                () -> READER.read("readme.md", "Title: Nothing 2024-01-01\n\nJust prose.\n"));
        assertEquals(3, e.line());
    }
}
