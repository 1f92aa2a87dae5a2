package dev.kaiko.sources;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A source as the API and the admin page show it. */
public record SourceView(
        long id,
        String url,
        String kind,
        String status,
        boolean fetching,
        boolean backfilled,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("last_fetch_at") Instant lastFetchAt,
        @JsonProperty("last_success_at") Instant lastSuccessAt,
        @JsonProperty("next_fetch_at") Instant nextFetchAt,
        @JsonProperty("items_seen") int itemsSeen,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("last_fetch") FetchReport lastFetch,
        List<FetchReport.Problem> problems) {}
