package dev.kaiko.sources;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one fetch of a source did. Items are feed entries or linked articles: {@code imported} were new or changed
 * and stored, {@code unchanged} were known (same digest, or a 304), {@code skipped} hold no topics (an ordinary
 * post of the blog) or could not be read as an issue, {@code failed} could not be fetched.
 */
public record FetchReport(
        long source,
        String url,
        String status,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt,
        int pages,
        @JsonProperty("pages_not_modified") int pagesNotModified,
        @JsonProperty("items_seen") int itemsSeen,
        @JsonProperty("items_imported") int itemsImported,
        @JsonProperty("items_unchanged") int itemsUnchanged,
        @JsonProperty("items_skipped") int itemsSkipped,
        @JsonProperty("items_failed") int itemsFailed,
        @JsonProperty("topics_added") int topicsAdded,
        @JsonProperty("topics_updated") int topicsUpdated,
        @JsonProperty("topics_unchanged") int topicsUnchanged,
        @JsonProperty("topics_removed") int topicsRemoved,
        boolean backfilled,
        String indexing,
        String error,
        List<Problem> problems) {

    /** A page or item that failed or was skipped, and why. */
    public record Problem(String url, String error) {}
}
