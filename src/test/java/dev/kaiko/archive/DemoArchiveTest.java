package dev.kaiko.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The bundled demo archive (src/main/resources/demo), loaded from the classpath as the service would. */
class DemoArchiveTest {

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = DemoArchiveTest.class.getResourceAsStream(path)) {
            assertNotNull(in, path);
            return in.readAllBytes();
        }
    }

    private static List<ParsedIssue> readDemo() throws IOException {
        List<String> names = new String(resource("/demo/index.txt"), StandardCharsets.UTF_8)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertTrue(names.size() >= 12, "a dozen issues: " + names);
        List<ParsedIssue> issues = new ArrayList<>();
        ArchiveFormats formats = ArchiveFormats.standard();
        for (String name : names) {
            List<ArchiveFormats.ReadFile> files = formats.read(name, resource("/demo/" + name), null);
            assertEquals(1, files.size());
            ArchiveFormats.ReadFile file = files.get(0);
            assertTrue(file.ok(), name + ": " + file.error());
            issues.addAll(file.issues());
        }
        return issues;
    }

    @Test
    void everyDemoIssueParsesWithPresentersOnEveryTopic() throws IOException {
        List<ParsedIssue> issues = readDemo();
        assertEquals(12, issues.size());
        for (ParsedIssue issue : issues) {
            assertEquals("Kaiko Weekly", issue.series(), issue.title());
            assertNotNull(issue.number(), issue.title());
            assertTrue(
                    issue.topics().size() >= 3 && issue.topics().size() <= 6,
                    issue.title() + ": " + issue.topics().size());
            for (ParsedTopic topic : issue.topics()) {
                assertNotNull(topic.presenter(), issue.title() + " / " + topic.title());
                assertNotNull(topic.section(), issue.title() + " / " + topic.title());
                assertTrue(
                        !topic.body().isBlank() && !topic.body().contains("紹介者"), topic.title() + ": " + topic.body());
            }
        }
    }

    @Test
    void demoSpansTwoYearsWithBackReferences() throws IOException {
        List<ParsedIssue> issues = readDemo();
        Set<Integer> years = issues.stream().map(i -> i.date().getYear()).collect(Collectors.toSet());
        assertEquals(Set.of(2024, 2025), years);
        assertEquals(6, issues.stream().filter(i -> i.date().getYear() == 2024).count());
        List<Integer> numbers = issues.stream().map(ParsedIssue::number).toList();
        assertEquals(numbers.stream().sorted().toList(), numbers, "index.txt lists issues in order");
        long backReferences = issues.stream()
                .flatMap(i -> i.topics().stream())
                .filter(t -> t.body().matches("(?s).*\\(Kaiko Weekly \\d{4}-\\d{2}-\\d{2}号.*"))
                .count();
        assertTrue(backReferences >= 8, "back references: " + backReferences);
        Set<String> presenters = issues.stream()
                .flatMap(i -> i.topics().stream())
                .map(ParsedTopic::presenter)
                .collect(Collectors.toSet());
        assertTrue(presenters.size() >= 5, presenters.toString());
    }
}
