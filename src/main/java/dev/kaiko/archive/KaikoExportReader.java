package dev.kaiko.archive;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads Kaiko's own export (format {@value #FORMAT}), the {@link KaikoExport.Document}.
 *
 * <p>{@link #read} gives the usual parsed issues, where a topic's archive tags are its tags of provenance
 * {@code archive} or {@code manual}. To restore tags exactly, with their provenance, use {@link #readDocument}
 * (also handed to the importer as {@link ArchiveFormats.ReadFile#export()}), whose
 * {@link KaikoExport.Topic#tags()} keep every tag with its provenance, and {@link KaikoExport.Topic#key()}.
 */
public class KaikoExportReader implements ArchiveReader {

    public static final String FORMAT = "kaiko-export";

    private final ObjectMapper mapper = KaikoExport.mapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // newer exports may add fields

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
        return head.substring(0, Math.min(head.length(), 400)).contains("\"kaiko_export\"") ? 95 : 0;
    }

    @Override
    public List<ParsedIssue> read(String filename, String text) throws ArchiveFormatException {
        return readDocument(filename, text).issues().stream()
                .map(KaikoExport.Issue::toParsedIssue)
                .toList();
    }

    /** The whole export document, tags with their provenance included, checked for what an import needs. */
    public KaikoExport.Document readDocument(String filename, String text) throws ArchiveFormatException {
        KaikoExport.Document document;
        try {
            document = mapper.readValue(text, KaikoExport.Document.class);
        } catch (JsonProcessingException e) {
            throw JsonErrors.located(filename, e);
        }
        if (document == null || document.version() != KaikoExport.VERSION) {
            throw ArchiveFormatException.atPath(
                    filename,
                    "$.kaiko_export",
                    "unsupported export version " + (document == null ? "(none)" : document.version())
                            + "; this Kaiko reads version " + KaikoExport.VERSION);
        }
        for (int i = 0; i < document.issues().size(); i++) {
            KaikoExport.Issue issue = document.issues().get(i);
            String at = "$.issues[" + i + "]";
            if (issue == null) {
                throw ArchiveFormatException.atPath(filename, at, "null issue");
            }
            require(filename, issue.series(), at + ".series");
            require(filename, issue.date() == null ? null : "date", at + ".date");
            for (int t = 0; t < issue.topics().size(); t++) {
                KaikoExport.Topic topic = issue.topics().get(t);
                String topicAt = at + ".topics[" + t + "]";
                if (topic == null) {
                    throw ArchiveFormatException.atPath(filename, topicAt, "null topic");
                }
                require(filename, topic.title(), topicAt + ".title");
                for (int g = 0; g < topic.tags().size(); g++) {
                    KaikoExport.Tag tag = topic.tags().get(g);
                    String tagAt = topicAt + ".tags[" + g + "]";
                    require(filename, tag == null ? null : tag.name(), tagAt + ".name");
                    if (!KaikoExport.Tag.PROVENANCES.contains(tag.provenance())) {
                        throw ArchiveFormatException.atPath(
                                filename,
                                tagAt + ".provenance",
                                "unknown provenance '" + tag.provenance() + "' (expected one of "
                                        + KaikoExport.Tag.PROVENANCES + ")");
                    }
                }
            }
        }
        // only http(s) addresses, as every reader keeps (WebLinks)
        return new KaikoExport.Document(
                document.version(),
                document.exportedAt(),
                document.issues().stream().map(WebLinks::httpOnly).toList());
    }

    private static void require(String filename, String value, String path) throws ArchiveFormatException {
        if (value == null || value.isBlank()) {
            throw ArchiveFormatException.atPath(filename, path, "missing " + path.substring(path.lastIndexOf('.') + 1));
        }
    }
}
