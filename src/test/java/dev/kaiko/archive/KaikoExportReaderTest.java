package dev.kaiko.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class KaikoExportReaderTest {

    private final KaikoExportReader reader = new KaikoExportReader();

    private static KaikoExport.Document sample() {
        KaikoExport.Topic cilium = new KaikoExport.Topic(
                "t-1",
                "Cilium 1.16",
                "Netkit のサポート",
                "<p>Netkit のサポート</p>",
                "今週のトピック",
                "https://cilium.io/",
                List.of("https://cilium.io/", "https://docs.cilium.io/"),
                "yamada",
                List.of("video"),
                List.of(
                        new KaikoExport.Tag("Cilium", "archive"),
                        new KaikoExport.Tag("eBPF", "manual"),
                        new KaikoExport.Tag("Kubernetes", "auto")));
        KaikoExport.Topic rust =
                new KaikoExport.Topic("t-2", "Rust 2024", "", null, null, null, List.of(), null, List.of(), List.of());
        return new KaikoExport.Document(
                1,
                Instant.parse("2025-01-31T12:00:00Z"),
                List.of(new KaikoExport.Issue(
                        "Kaiko Weekly",
                        23,
                        "Kaiko Weekly (2024-06-14号)",
                        LocalDate.of(2024, 6, 14),
                        "https://weekly.example.net/23",
                        "kaiko-weekly-2024-06-14.txt",
                        List.of(cilium, rust))));
    }

    private static String json(KaikoExport.Document document) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KaikoExport.write(document, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exportRoundTripsExactly() throws Exception {
        KaikoExport.Document document = sample();
        String text = json(document);
        assertTrue(text.contains("\"kaiko_export\" : 1"), text);
        assertTrue(text.contains("\"date\" : \"2024-06-14\""), text);
        assertTrue(text.contains("\"body_html\""), text);
        assertTrue(text.contains("\"source_file\""), text);

        assertEquals(document, reader.readDocument("export.json", text));
        ArchiveFormats.ReadFile file = ArchiveFormats.standard()
                .read("export.json", text.getBytes(StandardCharsets.UTF_8), null)
                .get(0);
        assertEquals("kaiko-export", file.format());
        assertEquals(document, file.export());
        assertEquals(document.issues().get(0).toParsedIssue(), file.issues().get(0));
    }

    @Test
    void reviewPicksRoundTripAndAreLeftOutWhereThereAreNone() throws Exception {
        KaikoExport.Document plain = sample();
        KaikoExport.Topic cilium = plain.issues().get(0).topics().get(0);
        KaikoExport.Topic picked = new KaikoExport.Topic(
                cilium.key(),
                cilium.title(),
                cilium.body(),
                cilium.bodyHtml(),
                cilium.section(),
                cilium.url(),
                cilium.links(),
                cilium.presenter(),
                cilium.attributes(),
                cilium.tags(),
                new KaikoExport.Pick(1, "今年の一押し"),
                null,
                null);
        KaikoExport.Issue issue = plain.issues().get(0);
        KaikoExport.Document document = new KaikoExport.Document(
                1,
                plain.exportedAt(),
                List.of(new KaikoExport.Issue(
                        issue.series(),
                        issue.number(),
                        issue.title(),
                        issue.date(),
                        issue.url(),
                        issue.sourceFile(),
                        List.of(picked, issue.topics().get(1)))));
        String text = json(document);
        assertTrue(text.contains("\"pick\" : {"), text);
        assertEquals(1, text.split("\"pick\"", -1).length - 1, "only the picked topic carries a pick");
        KaikoExport.Document read = reader.readDocument("export.json", text);
        assertEquals(document, read);
        assertEquals(
                new KaikoExport.Pick(1, "今年の一押し"),
                read.issues().get(0).topics().get(0).pick());
        assertEquals(null, read.issues().get(0).topics().get(1).pick());
        // an export without picks (older ones) reads as before
        assertTrue(!json(plain).contains("\"pick\""));
    }

    @Test
    void archiveAndManualTagsBecomeArchiveTagsAutoTagsDoNot() throws Exception {
        ParsedIssue issue = reader.read("export.json", json(sample())).get(0);
        ParsedTopic cilium = issue.topics().get(0);
        assertEquals(List.of("Cilium", "eBPF"), cilium.archiveTags());
        assertEquals("yamada", cilium.presenter());
        assertEquals(List.of("video"), cilium.attributes());
        assertEquals(LocalDate.of(2024, 6, 14), issue.date());
        assertEquals(23, issue.number());
    }

    @Test
    void brokenExportsAreLocated() throws Exception {
        String text = json(sample());
        ArchiveFormatException truncated = assertThrows(
                ArchiveFormatException.class,
                () -> reader.read("export.json", text.substring(0, text.indexOf("\"tags\""))));
        assertTrue(truncated.line() != null && truncated.line() > 1, String.valueOf(truncated.line()));

        ArchiveFormatException badDate = assertThrows(
                ArchiveFormatException.class,
                () -> reader.read("export.json", text.replace("2024-06-14\"", "14/06/2024\"")));
        assertEquals("$.issues[0].date", badDate.path());

        ArchiveFormatException badProvenance = assertThrows(
                ArchiveFormatException.class,
                () -> reader.read("export.json", text.replace("\"manual\"", "\"guessed\"")));
        assertEquals("$.issues[0].topics[0].tags[1].provenance", badProvenance.path());

        ArchiveFormatException version = assertThrows(
                ArchiveFormatException.class,
                () -> reader.read("export.json", text.replace("\"kaiko_export\" : 1", "\"kaiko_export\" : 9")));
        assertEquals("$.kaiko_export", version.path());
    }
}
