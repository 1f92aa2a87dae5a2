package dev.kaiko.sources;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A followed feed or site: a row, so sources survive restarts and are shared by instances. */
@Entity
@Table(name = "source")
public class Source {

    public static final String NEW = "new";
    public static final String OK = "ok";
    /** Fetched, but some pages or articles failed. */
    public static final String PARTIAL = "partial";
    /** The source's own URL could not be fetched or read. */
    public static final String ERROR = "error";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String url;

    /** "feed" or "page", known after the first fetch. */
    public String kind;

    @Column(nullable = false)
    public String status = NEW;

    @Column(nullable = false)
    public boolean backfilled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "last_fetch_at")
    public Instant lastFetchAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "next_fetch_at", nullable = false)
    public Instant nextFetchAt = Instant.now();

    @Column(name = "items_seen", nullable = false)
    public int itemsSeen;

    @Column(name = "last_error")
    public String lastError;

    /** The last fetch's {@link FetchReport} as JSON. */
    @Column(name = "last_report")
    public String lastReport;
}
