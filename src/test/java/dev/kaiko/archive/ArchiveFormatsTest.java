package dev.kaiko.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

class ArchiveFormatsTest {

    private final ArchiveFormats formats = ArchiveFormats.standard();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zip(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var member : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(member.getKey()));
                zip.write(member.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void detectsEachCorpusFormat() throws Exception {
        assertEquals(
                "text",
                formats.detect("neco-weekly-2023-12-22.txt", Corpora.text("neco-weekly-2023-12-22.txt"))
                        .format());
        assertEquals(
                "markdown",
                formats.detect(
                                "2023-12-20-this-week-in-rust.md",
                                Corpora.text("twir-2023/2023-12-20-this-week-in-rust.md"))
                        .format());
        assertEquals(
                "json-items",
                formats.detect("2023-05.json", Corpora.text("jser-2023/2023-05.json"))
                        .format());
        // without a telling name, content decides
        assertEquals(
                "markdown",
                formats.detect("upload", Corpora.text("twir-2023/2023-12-20-this-week-in-rust.md"))
                        .format());
        assertEquals(
                "json-items",
                formats.detect("upload", Corpora.text("jser-2023/2023-05.json")).format());
        assertEquals(
                "text",
                formats.detect("upload", Corpora.text("neco-weekly-2023-12-22.txt"))
                        .format());
    }

    @Test
    void undetectableFileNamesTheFormatsTried() {
        ArchiveFormatException e =
                assertThrows(ArchiveFormatException.class, () -> formats.detect("data.bin", "{\"a\": 1}"));
        assertEquals("data.bin", e.file());
        for (String format : List.of("text", "markdown", "json-items", "html", "feed", "kaiko-export")) {
            assertTrue(e.getMessage().contains(format), e.getMessage());
        }
    }

    @Test
    void readsAPlainFileWithDetectionOrExplicitFormat() {
        byte[] seed = utf8(Corpora.text("neco-weekly-2023-12-22.txt"));
        ArchiveFormats.ReadFile detected = formats.read("seed.txt", seed, null).get(0);
        assertTrue(detected.ok(), String.valueOf(detected.error()));
        assertEquals("text", detected.format());
        assertEquals(9, detected.issues().get(0).topics().size());
        assertNull(detected.export());

        ArchiveFormats.ReadFile explicit = formats.read("upload", seed, "TEXT").get(0);
        assertTrue(explicit.ok());
        ArchiveFormats.ReadFile unknown = formats.read("upload", seed, "docx").get(0);
        assertTrue(
                unknown.error().getMessage().contains("unknown format 'docx'"),
                unknown.error().getMessage());
    }

    @Test
    void zipMembersAreReadIndependentlyAndABadMemberIsNamed() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("weekly/", new byte[0]);
        members.put("weekly/neco.txt", utf8(Corpora.text("neco-weekly-2023-12-22.txt")));
        members.put("weekly/broken.md", utf8("---\ntitle: never closed\n## a\n"));
        members.put("weekly/526.md", utf8(Corpora.text("twir-2023/2023-12-20-this-week-in-rust.md")));
        members.put("__MACOSX/weekly/._neco.txt", new byte[] {0, 5, 22, 7});
        members.put("weekly/.DS_Store", new byte[] {0, 0, 0, 1});
        List<ArchiveFormats.ReadFile> files = formats.read("archive.zip", zip(members), null);

        assertEquals(
                List.of("archive.zip!/weekly/neco.txt", "archive.zip!/weekly/broken.md", "archive.zip!/weekly/526.md"),
                files.stream().map(ArchiveFormats.ReadFile::name).toList());
        assertTrue(files.get(0).ok());
        assertEquals(47, files.get(0).issues().get(0).number());
        ArchiveFormatException broken = files.get(1).error();
        assertNotNull(broken);
        assertEquals("archive.zip!/weekly/broken.md", broken.file());
        assertEquals(1, broken.line());
        assertEquals("markdown", files.get(1).format());
        assertTrue(files.get(2).ok());
        assertEquals(526, files.get(2).issues().get(0).number());
    }

    @Test
    void zipDetectionUsesMagicBytesNotTheName() throws Exception {
        byte[] zip = zip(Map.of("a.txt", utf8(Corpora.text("neco-weekly-2023-12-22.txt"))));
        List<ArchiveFormats.ReadFile> files = formats.read("upload.bin", zip, null);
        assertEquals("upload.bin!/a.txt", files.get(0).name());
        assertTrue(files.get(0).ok());
    }

    @Test
    void zipBombLimitsRefuseTheWholeArchive() throws Exception {
        byte[] big = new byte[200_000];
        java.util.Arrays.fill(big, (byte) 'a');
        byte[] zip = zip(Map.of("a.txt", big, "b.txt", big));
        List<ArchiveFormats.ReadFile> tooBig =
                formats.read("bomb.zip", zip, null, new ArchiveFormats.ZipLimits(10, 300_000));
        assertEquals(1, tooBig.size());
        assertEquals("bomb.zip", tooBig.get(0).name());
        assertTrue(
                tooBig.get(0).error().getMessage().contains("300000 bytes"),
                tooBig.get(0).error().getMessage());

        List<ArchiveFormats.ReadFile> tooMany =
                formats.read("many.zip", zip, null, new ArchiveFormats.ZipLimits(1, 10_000_000));
        assertEquals(1, tooMany.size());
        assertTrue(
                tooMany.get(0).error().getMessage().contains("more than 1 members"),
                tooMany.get(0).error().getMessage());
    }

    @Test
    void corruptZipIsAnError() {
        byte[] notReally = {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        ArchiveFormats.ReadFile file = formats.read("bad.zip", notReally, null).get(0);
        assertNotNull(file.error());
        assertEquals("bad.zip", file.error().file());
    }

    @Test
    void invalidUtf8IsReportedAtTheLineOfTheBadByte() {
        byte[] text = utf8("Weekly 2024-01-01\nsection\ntopic\n本文です。\n");
        byte[] bad = new byte[text.length + 3];
        System.arraycopy(text, 0, bad, 0, text.length);
        bad[text.length] = (byte) 0xE3; // a truncated 3-byte sequence on line 5
        bad[text.length + 1] = (byte) 0x81;
        bad[text.length + 2] = '\n';
        ArchiveFormats.ReadFile file = formats.read("latin.txt", bad, null).get(0);
        assertEquals(5, file.error().line());
        assertTrue(file.error().getMessage().contains("not UTF-8"), file.error().getMessage());

        byte[] latin1 = "Caf\u00e9 2024-01-01\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(1, formats.read("latin1.txt", latin1, null).get(0).error().line());
    }

    @Test
    void emptyWhitespaceAndBinaryFilesAreRefusedClearly() {
        ArchiveFormats.ReadFile empty =
                formats.read("empty.md", new byte[0], null).get(0);
        assertEquals("empty.md", empty.error().file());
        assertTrue(empty.error().getMessage().contains("empty"), empty.error().getMessage());

        ArchiveFormats.ReadFile blank =
                formats.read("blank.txt", utf8(" \n\t\n"), null).get(0);
        assertTrue(
                blank.error().getMessage().contains("whitespace"), blank.error().getMessage());

        byte[] garbage = new byte[256];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 7);
        }
        ArchiveFormats.ReadFile binary =
                formats.read("image.png", garbage, null).get(0);
        assertTrue(
                binary.error().getMessage().contains("binary"), binary.error().getMessage());
        assertEquals(1, binary.error().line());
    }
}
