package dev.kaiko.sources;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Following feeds and sites, and fetching URLs for imports: schedule, politeness and safety limits. */
@ConfigMapping(prefix = "kaiko.sources")
public interface SourcesConfig {

    /** How often each source is fetched. */
    @WithDefault("1h")
    Duration interval();

    /**
     * How often the poller looks for sources that are due ({@code off} disables polling). Read by the
     * {@code @Scheduled} expression of {@link SourcePoller}; declared here so it is documented and validated.
     */
    @WithDefault("1m")
    String checkEvery();

    /** Connecting to a host must succeed within this. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** A whole response (headers and body) must arrive within this. */
    @WithDefault("30s")
    Duration timeout();

    /** A response body larger than this is abandoned while reading. */
    @WithDefault("10M")
    MemorySize maxSize();

    @WithDefault("5")
    int maxRedirects();

    /** At least this long between two requests to one host (requests to one host never overlap). */
    @WithDefault("1s")
    Duration hostDelay();

    /** At most this many feed or archive pages in one fetch of a source (a backfill goes on at the next fetch). */
    @WithDefault("200")
    int maxPages();

    /** Allow fetching from loopback, private, link-local and other non-public addresses. */
    @WithDefault("false")
    boolean allowPrivate();

    /**
     * Exact {@code host:port} pairs fetched whatever their addresses (e.g. an intranet blog, or a test server);
     * the host as written in the URL, the port explicit or the scheme's default.
     */
    Optional<List<String>> allowHosts();

    @WithDefault("Kaiko/1.0 (weekly-topics knowledge base; follows feeds and archive pages)")
    String userAgent();
}
