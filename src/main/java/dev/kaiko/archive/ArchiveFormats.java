package dev.kaiko.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The registry of archive formats: picks a reader for a file and turns uploaded bytes into parsed issues.
 *
 * <p>{@link #read(String, byte[], String, ZipLimits)} never throws for a bad file: every file, and every member of a
 * zip, comes back as its own {@link ReadFile} carrying either issues or a located error, so the importer can store
 * the good files and report the bad ones. Bytes must be strict UTF-8 text (a BOM is tolerated); empty files and
 * binary data are refused with a clear message. A zip (recognised by its magic bytes {@code PK\3\4}, whatever its
 * name) is read member by member; directories, {@code __MACOSX/} and dotfiles are skipped, and members are named
 * "archive.zip!/member.md" in results and errors.
 */
public final class ArchiveFormats {

    /** Below this confidence a reader is not chosen by detection. */
    public static final int MIN_CONFIDENCE = 30;

    /**
     * Guards against zip bombs: a zip with more members, or whose members inflate to more bytes in total, is refused
     * as a whole (nothing of it is read). Sizes are counted while inflating, not taken from the zip's headers.
     */
    public record ZipLimits(int maxMembers, long maxTotalUncompressedBytes) {
        public static final ZipLimits DEFAULT = new ZipLimits(2_000, 256L * 1024 * 1024);
    }

    /**
     * One file, or one member of a zip, as read: either issues, or the error that stopped it.
     *
     * @param name   the file name, for a zip member "archive.zip!/member.md"
     * @param format the format it was read as; null when none could be chosen
     * @param issues the parsed issues, empty when {@code error} is set
     * @param error  why the file could not be read, or null
     * @param export for a Kaiko export, the whole document (topic keys, tags with provenance) so the importer can
     *               restore manual tags exactly; null for other formats
     */
    public record ReadFile(
            String name,
            String format,
            List<ParsedIssue> issues,
            ArchiveFormatException error,
            KaikoExport.Document export) {
        public ReadFile {
            issues = issues == null ? List.of() : List.copyOf(issues);
        }

        public ReadFile(String name, String format, List<ParsedIssue> issues, ArchiveFormatException error) {
            this(name, format, issues, error, null);
        }

        static ReadFile failed(String name, String format, ArchiveFormatException error) {
            return new ReadFile(name, format, List.of(), error, null);
        }

        public boolean ok() {
            return error == null;
        }
    }

    private final List<ArchiveReader> readers;

    public ArchiveFormats(List<ArchiveReader> readers) {
        this.readers = List.copyOf(readers);
    }

    /** Every format Kaiko reads. */
    public static ArchiveFormats standard() {
        return new ArchiveFormats(List.of(
                new KaikoExportReader(),
                new JsonItemFeedReader(),
                new FeedReader(),
                new HtmlPageReader(),
                new MarkdownIssueReader(),
                new PlainTextIssueReader()));
    }

    public List<ArchiveReader> readers() {
        return readers;
    }

    /** Format names, in registry order ("kaiko-export", "json-items", ...). */
    public List<String> formats() {
        return readers.stream().map(ArchiveReader::format).toList();
    }

    /** The reader of a format by name (case-insensitive), if there is one. */
    public Optional<ArchiveReader> reader(String format) {
        return readers.stream()
                .filter(r -> r.format().equalsIgnoreCase(format.strip()))
                .findFirst();
    }

    /**
     * The most confident reader for a file; on equal confidence the one registered first.
     *
     * @throws ArchiveFormatException when no reader reaches {@link #MIN_CONFIDENCE}, naming the formats tried
     */
    public ArchiveReader detect(String filename, String text) throws ArchiveFormatException {
        ArchiveReader best = null;
        int bestConfidence = -1;
        for (ArchiveReader reader : readers) {
            int confidence = reader.confidence(filename, text);
            if (confidence > bestConfidence) {
                best = reader;
                bestConfidence = confidence;
            }
        }
        if (best == null || bestConfidence < MIN_CONFIDENCE) {
            throw ArchiveFormatException.inFile(
                    filename,
                    "cannot tell the format of this file (tried " + String.join(", ", formats())
                            + "); name the format explicitly");
        }
        return best;
    }

    /** {@link #read(String, byte[], String, ZipLimits)} with {@link ZipLimits#DEFAULT}. */
    public List<ReadFile> read(String filename, byte[] bytes, String explicitFormat) {
        return read(filename, bytes, explicitFormat, ZipLimits.DEFAULT);
    }

    /**
     * Reads an upload for an import that names its series: every issue read is filed under {@code series} (a JSON
     * item file, which has no series of its own, needs one).
     */
    public List<ReadFile> read(String filename, byte[] bytes, String explicitFormat, String series) {
        return read(filename, bytes, explicitFormat, series, ZipLimits.DEFAULT);
    }

    public List<ReadFile> read(String filename, byte[] bytes, String explicitFormat, ZipLimits limits) {
        return read(filename, bytes, explicitFormat, null, limits);
    }

    /** The longest file name kept in reports and logs; longer names are cut. */
    public static final int MAX_NAME = 255;

    /**
     * A file name as reports and logs show it: control characters (a CR/LF would forge log lines) replaced by
     * {@code ?}, at most {@link #MAX_NAME} characters.
     */
    public static String displayName(String filename) {
        if (filename == null || filename.isBlank()) {
            return "upload";
        }
        StringBuilder s = new StringBuilder(Math.min(filename.length(), MAX_NAME));
        filename.codePoints().limit(MAX_NAME).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                s.append('?');
            } else {
                s.appendCodePoint(c);
            }
        });
        return s.toString();
    }

    /**
     * Reads an uploaded file: one result for a plain file, one per member for a zip (or a single error result when
     * the zip itself is unreadable or over the limits).
     *
     * @param explicitFormat a format name to use instead of detection (for every member of a zip), or null/blank
     */
    public List<ReadFile> read(String filename, byte[] bytes, String explicitFormat, String series, ZipLimits limits) {
        String name = displayName(filename);
        if (series != null) {
            series = series.strip();
            try {
                // the same bound and characters as a series a file names itself
                ItemLimits.check(name, List.of(new ParsedIssue(series, null, null, null, null, List.of())));
            } catch (ArchiveFormatException e) {
                return List.of(ReadFile.failed(name, null, e));
            }
            if (series.isEmpty()) {
                series = null;
            }
        }
        if (isZip(bytes)) {
            return readZip(name, bytes, explicitFormat, series, limits);
        }
        return List.of(readOne(name, bytes, explicitFormat, series));
    }

    private ReadFile readOne(String name, byte[] bytes, String explicitFormat, String series) {
        String format = null;
        try {
            String text = decodeText(name, bytes);
            ArchiveReader reader;
            if (explicitFormat != null && !explicitFormat.isBlank()) {
                reader = reader(explicitFormat)
                        .orElseThrow(() -> ArchiveFormatException.inFile(
                                name,
                                "unknown format '" + explicitFormat + "' (known: " + String.join(", ", formats())
                                        + ")"));
            } else {
                reader = detect(name, text);
            }
            format = reader.format();
            if (reader instanceof KaikoExportReader exportReader) {
                KaikoExport.Document export = exportReader.readDocument(name, text);
                if (series != null) {
                    throw ArchiveFormatException.inFile(
                            name, "a Kaiko export names the series of its issues; import it without ?series=");
                }
                List<ParsedIssue> issues = export.issues().stream()
                        .map(KaikoExport.Issue::toParsedIssue)
                        .toList();
                ItemLimits.check(name, issues);
                return new ReadFile(name, format, issues, null, export);
            }
            List<ParsedIssue> issues = reader instanceof JsonItemFeedReader items
                    ? items.read(name, text, series)
                    : inSeries(reader.read(name, text), series);
            ItemLimits.check(name, issues);
            return new ReadFile(name, format, issues, null);
        } catch (ArchiveFormatException e) {
            return ReadFile.failed(name, format, e);
        } catch (RuntimeException e) {
            // A reader bug must not take the other files of an upload down with it.
            return ReadFile.failed(name, format, ArchiveFormatException.inFile(name, "could not be read: " + e));
        }
    }

    /** The issues filed under the series the import names, when it names one. */
    private static List<ParsedIssue> inSeries(List<ParsedIssue> issues, String series) {
        return series == null
                ? issues
                : issues.stream()
                        .map(i -> new ParsedIssue(series, i.number(), i.title(), i.date(), i.url(), i.topics()))
                        .toList();
    }

    static boolean isZip(byte[] bytes) {
        return bytes.length >= 4
                && bytes[0] == 'P'
                && bytes[1] == 'K'
                && ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6)); // 5,6: an empty zip
    }

    private List<ReadFile> readZip(
            String zipName, byte[] bytes, String explicitFormat, String series, ZipLimits limits) {
        List<ReadFile> results = new ArrayList<>();
        int members = 0;
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++members > limits.maxMembers()) {
                    return zipFailure(zipName, "has more than " + limits.maxMembers() + " members; refused");
                }
                byte[] content = readAtMost(zip, limits.maxTotalUncompressedBytes() - total);
                if (content == null) {
                    return zipFailure(
                            zipName, "inflates to more than " + limits.maxTotalUncompressedBytes() + " bytes; refused");
                }
                total += content.length;
                if (!isReadableMember(entry)) {
                    continue;
                }
                String memberName = displayName(zipName + "!/" + entry.getName());
                results.add(
                        isZip(content)
                                ? ReadFile.failed(
                                        memberName,
                                        null,
                                        ArchiveFormatException.inFile(
                                                memberName, "a zip inside a zip is not read; upload it on its own"))
                                : readOne(memberName, content, explicitFormat, series));
            }
        } catch (ZipException e) {
            return zipFailure(zipName, "is not a readable zip archive: " + e.getMessage());
        } catch (IOException e) {
            return zipFailure(zipName, "could not be unpacked: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // ZipInputStream throws this for member names that are not valid UTF-8
            return zipFailure(zipName, "has a member name that is not UTF-8: " + e.getMessage());
        }
        if (results.isEmpty()) {
            return zipFailure(zipName, "contains no files to read");
        }
        return results;
    }

    private static List<ReadFile> zipFailure(String zipName, String message) {
        return List.of(
                ReadFile.failed(zipName, "zip", ArchiveFormatException.inFile(zipName, "the zip archive " + message)));
    }

    private static boolean isReadableMember(ZipEntry entry) {
        String name = entry.getName();
        String last = name.substring(name.lastIndexOf('/', name.length() - 2) + 1);
        return !entry.isDirectory()
                && !name.startsWith("__MACOSX/")
                && !name.contains("/__MACOSX/")
                && !last.startsWith(".");
    }

    /** The rest of the stream, or null when it holds more than {@code budget} bytes. */
    private static byte[] readAtMost(InputStream in, long budget) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            read += n;
            if (read > budget) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Decodes bytes as strict UTF-8 text, dropping a BOM.
     *
     * @throws ArchiveFormatException for an empty or whitespace-only file, binary data (a NUL byte), or bytes that
     *                                are not UTF-8 (naming the line of the first bad byte)
     */
    public static String decodeText(String filename, byte[] bytes) throws ArchiveFormatException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw ArchiveFormatException.atLine(
                        filename, lineAt(bytes, i), "binary data (NUL byte at offset " + i + "), not a text archive");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw ArchiveFormatException.atLine(
                    filename,
                    lineAt(bytes, at),
                    String.format(
                            Locale.ROOT,
                            "not UTF-8: invalid byte 0x%02X at offset %d; save the file as UTF-8",
                            bytes[at] & 0xff,
                            at));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw ArchiveFormatException.atLine(
                    filename, 1, bytes.length == 0 ? "the file is empty" : "the file holds only whitespace");
        }
        return text;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Readers by descending confidence for a file, for diagnostics ("markdown 85, text 5, ..."). */
    public String confidences(String filename, String text) {
        return readers.stream()
                .sorted(Comparator.comparingInt((ArchiveReader r) -> -r.confidence(filename, text)))
                .map(r -> r.format() + " " + r.confidence(filename, text))
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }
}
