package dev.kaiko.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Kaiko's own export document: written by {@code GET /api/export}, read back by {@link KaikoExportReader}, so that
 * a Kaiko instance can be rebuilt from an export with nothing lost (manual tags included).
 *
 * <pre>
 * {"kaiko_export": 1, "exported_at": "2025-01-31T12:00:00Z",
 *  "issues": [{"series", "number", "title", "date": "2024-03-15", "url", "source_file",
 *              "topics": [{"key", "title", "body", "body_html", "section", "url", "links": [..], "presenter",
 *                          "attributes": [..], "tags": [{"name": "Kubernetes", "provenance": "manual"}],
 *                          "pick": {"position": 1, "note": ".."},
 *                          "presenter_edited": true, "archive_presenter": null}]}]}
 * </pre>
 * {@code pick} is present only on topics picked for their year's review (position among that year's picks, note).
 * Dates are ISO strings (use {@link #mapper()} or any mapper with the Java time module and dates not as
 * timestamps, as Quarkus configures). {@code key} is Kaiko's stable topic key, kept so a re-import updates the same
 * topics. Tag provenance is one of {@link Tag#ARCHIVE}, {@link Tag#MANUAL}, {@link Tag#AUTO}. {@code presenter} is
 * the presenter people see; only when an admin set it by hand are {@code presenter_edited} (true) and
 * {@code archive_presenter} (what the archive itself says, null for nothing) written.
 */
public final class KaikoExport {

    /** The document version this code writes and reads. */
    public static final int VERSION = 1;

    private KaikoExport() {}

    @JsonPropertyOrder({"kaiko_export", "exported_at", "issues"})
    public record Document(
            @JsonProperty("kaiko_export") int version,
            @JsonProperty("exported_at") Instant exportedAt,
            List<Issue> issues) {
        public Document {
            issues = issues == null ? List.of() : List.copyOf(issues);
        }
    }

    @JsonPropertyOrder({"series", "number", "title", "date", "url", "source_file", "topics"})
    public record Issue(
            String series,
            Integer number,
            String title,
            LocalDate date,
            String url,
            @JsonProperty("source_file") String sourceFile,
            List<Topic> topics) {
        public Issue {
            topics = topics == null ? List.of() : List.copyOf(topics);
        }

        /** The issue as a reader would have parsed it (tags of provenance archive or manual become archive tags). */
        public ParsedIssue toParsedIssue() {
            return new ParsedIssue(
                    series,
                    number,
                    title,
                    date,
                    url,
                    topics.stream().map(Topic::toParsedTopic).toList());
        }
    }

    @JsonPropertyOrder({
        "key",
        "title",
        "body",
        "body_html",
        "section",
        "url",
        "links",
        "presenter",
        "attributes",
        "tags",
        "pick",
        "presenter_edited",
        "archive_presenter"
    })
    public record Topic(
            String key,
            String title,
            String body,
            @JsonProperty("body_html") String bodyHtml,
            String section,
            String url,
            List<String> links,
            String presenter,
            List<String> attributes,
            List<Tag> tags,
            @JsonInclude(JsonInclude.Include.NON_NULL) Pick pick,

            @JsonProperty("presenter_edited") @JsonInclude(JsonInclude.Include.NON_NULL)
            Boolean presenterEdited,

            @JsonProperty("archive_presenter") @JsonInclude(JsonInclude.Include.NON_NULL)
            String archivePresenter) {
        public Topic {
            links = links == null ? List.of() : List.copyOf(links);
            attributes = attributes == null ? List.of() : List.copyOf(attributes);
            tags = tags == null ? List.of() : List.copyOf(tags);
            presenterEdited = Boolean.TRUE.equals(presenterEdited) ? Boolean.TRUE : null;
        }

        /** A topic not picked for a review, whose presenter is the archive's (not edited by hand). */
        public Topic(
                String key,
                String title,
                String body,
                String bodyHtml,
                String section,
                String url,
                List<String> links,
                String presenter,
                List<String> attributes,
                List<Tag> tags) {
            this(key, title, body, bodyHtml, section, url, links, presenter, attributes, tags, null, null, null);
        }

        /** The presenter an admin set by hand, or null when the topic shows the archive's. */
        public String manualPresenter() {
            return presenterEdited != null && presenter != null && !presenter.isBlank() ? presenter : null;
        }

        /** The presenter as the archive names it (the edit, if any, aside). */
        public String presenterFromArchive() {
            return manualPresenter() != null ? archivePresenter : presenter;
        }

        public ParsedTopic toParsedTopic() {
            List<String> kept = tags.stream()
                    .filter(t -> Tag.ARCHIVE.equals(t.provenance()) || Tag.MANUAL.equals(t.provenance()))
                    .map(Tag::name)
                    .distinct()
                    .toList();
            return new ParsedTopic(
                    title, body, bodyHtml, section, url, links, presenterFromArchive(), kept, attributes);
        }
    }

    /** The topic is picked for its year's review: its place among that year's picks (from 1) and the note. */
    public record Pick(int position, String note) {}

    /**
     * A topic's tag and where it came from: {@code archive} (came with the archive data), {@code manual} (set by a
     * person in Kaiko) or {@code auto} (found by the technology matcher, recomputed on import).
     */
    public record Tag(String name, String provenance) {
        public static final String ARCHIVE = "archive";
        public static final String MANUAL = "manual";
        public static final String AUTO = "auto";
        public static final List<String> PROVENANCES = List.of(ARCHIVE, MANUAL, AUTO);
    }

    /** A mapper that writes and reads the document as specified (ISO dates, indented). */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Writes a document as JSON (UTF-8); the stream is left open. */
    public static void write(Document document, OutputStream out) throws IOException {
        mapper().writer()
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, document);
    }
}
