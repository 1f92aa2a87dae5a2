package dev.kaiko.search;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * What readers search for: per day (UTC) and normalised query text, how many searches, how many found nothing as
 * typed, and what the latest found — so admins see the popular queries and the ones the archive or the taxonomy
 * fails. Nothing about who searched is kept (no address, agent, session or user).
 *
 * <p>A search counts once: the first page of a typed query without facet filters (paging and narrowing by facet ask
 * the same query again; suggestions and the counts behind did-you-mean and relaxation are not searches). Searches
 * never wait for the database: {@link #record} puts them in a bounded queue that a scheduled job writes in one
 * batch, aggregated, every {@code kaiko.query-log.flush-every}; when the queue is full a search is dropped and
 * counted ({@code kaiko_query_log_dropped}).
 */
@ApplicationScoped
public class QueryLog {

    private static final Logger LOG = Logger.getLogger(QueryLog.class);

    /** The longest limit a report answers. */
    public static final int MAX_LIMIT = 1000;

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("[\\s\\u3000]+");
    private static final java.util.regex.Pattern CONTROLS = java.util.regex.Pattern.compile("\\p{Cntrl}");

    @Inject
    QueryLogConfig config;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    private BlockingQueue<Search> queue;
    private final AtomicLong dropped = new AtomicLong();

    /** One search as recorded: nothing else leaves the request. */
    private record Search(String query, long hits, boolean rescued, Instant at, int tries) {
        Search retried() {
            return new Search(query, hits, rescued, at, tries + 1);
        }
    }

    /** Failed writes after which a search is dropped (counted), so one bad row cannot block the log for good. */
    private static final int MAX_TRIES = 3;

    @PostConstruct
    void init() {
        queue = new ArrayBlockingQueue<>(Math.max(1, config.queueSize()));
        registry.gauge("kaiko.query_log.dropped", dropped);
        registry.gaugeCollectionSize("kaiko.query_log.waiting", io.micrometer.core.instrument.Tags.empty(), queue);
    }

    /**
     * The stored form of a query: NFKC, lower case, control characters (a NUL cannot be stored, a CR/LF would forge
     * report lines) and whitespace runs as one space, trimmed.
     */
    public static String normalise(String q) {
        String n =
                Normalizer.normalize(q == null ? "" : q, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return SPACES.matcher(CONTROLS.matcher(n).replaceAll(" "))
                .replaceAll(" ")
                .strip();
    }

    /** Notes a search a reader made (see the class comment for what counts); returns at once. */
    public void record(SearchRequest request, SearchAnswer result) {
        if (!config.enabled()
                || request.q().isEmpty()
                || request.page() != 0
                || request.hasSelections()
                || request.from() != null
                || request.to() != null) {
            return;
        }
        String query = normalise(request.q());
        if (query.isEmpty()) {
            return;
        }
        // a respelling or a relaxed answer means the words as typed found nothing
        boolean rescued = result.didYouMean() != null || result.relaxed() != null;
        long hits = rescued ? 0 : result.total();
        if (!queue.offer(new Search(query, hits, rescued, Instant.now(), 0))) {
            dropped.incrementAndGet();
        }
    }

    /** Searches dropped since start because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    @Scheduled(
            every = "${kaiko.query-log.flush-every:2s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFlush() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Query log not written now; %d searches wait for the next try", queue.size());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.debugf(e, "Query log: %d searches not written at shutdown", queue.size());
        }
    }

    private record Key(LocalDate day, String query) {}

    private static final class Row {
        long searches;
        long zeroHits;
        long rescued;
        long lastHits;
        Instant lastSeen = Instant.EPOCH;
    }

    /** Writes what waits, aggregated by day and query, in one transaction; returns the number of searches written. */
    public synchronized int flush() {
        List<Search> batch = new ArrayList<>();
        queue.drainTo(batch);
        if (batch.isEmpty()) {
            return 0;
        }
        // sorted keys: instances writing the same rows at once lock them in one order and cannot deadlock
        Map<Key, Row> rows = new TreeMap<>(Comparator.comparing(Key::day).thenComparing(Key::query));
        for (Search s : batch) {
            Row row = rows.computeIfAbsent(
                    new Key(LocalDate.ofInstant(s.at(), ZoneOffset.UTC), s.query()), k -> new Row());
            row.searches++;
            if (s.hits() == 0) {
                row.zeroHits++;
            }
            if (s.rescued()) {
                row.rescued++;
            }
            if (!s.at().isBefore(row.lastSeen)) {
                row.lastSeen = s.at();
                row.lastHits = s.hits();
            }
        }
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> em.unwrap(Session.class).doWork(connection -> {
                        try (PreparedStatement ps = connection.prepareStatement("""
                        insert into query_log (day, query, searches, zero_hits, rescued, last_hits, last_seen)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (day, query) do update set
                          searches = query_log.searches + excluded.searches,
                          zero_hits = query_log.zero_hits + excluded.zero_hits,
                          rescued = query_log.rescued + excluded.rescued,
                          last_hits = case when excluded.last_seen >= query_log.last_seen
                                           then excluded.last_hits else query_log.last_hits end,
                          last_seen = greatest(query_log.last_seen, excluded.last_seen)""")) {
                            for (var e : rows.entrySet()) {
                                Row r = e.getValue();
                                ps.setObject(1, e.getKey().day());
                                ps.setString(2, e.getKey().query());
                                ps.setLong(3, r.searches);
                                ps.setLong(4, r.zeroHits);
                                ps.setLong(5, r.rescued);
                                ps.setLong(6, r.lastHits);
                                ps.setTimestamp(7, Timestamp.from(r.lastSeen));
                                ps.addBatch();
                            }
                            ps.executeBatch();
                        }
                    }));
        } catch (RuntimeException e) {
            // put them back for the next try as far as there is room; what does not fit is counted as dropped
            for (Search s : batch) {
                if (s.tries() + 1 >= MAX_TRIES || !queue.offer(s.retried())) {
                    dropped.incrementAndGet();
                }
            }
            throw e;
        }
        return batch.size();
    }

    /** Deletes the days older than the retention period. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void applyRetention() {
        try {
            int deleted = deleteBefore(
                    LocalDate.now(ZoneOffset.UTC).minusDays(config.retention().toDays()));
            if (deleted > 0) {
                LOG.infof(
                        "Query log: %d rows older than %d days deleted",
                        deleted, config.retention().toDays());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Query log retention not applied now");
        }
    }

    /** Deletes every day before {@code day}; returns the rows deleted. */
    public int deleteBefore(LocalDate day) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("delete from query_log where day < :day")
                        .setParameter("day", day)
                        .executeUpdate());
    }

    // ------------------------------------------------------------------ reports

    public record Popular(
            String query,
            long count,
            @JsonProperty("last_hits") long lastHits) {}

    public record ZeroHit(
            String query,
            long count,
            long rescued,
            @JsonProperty("last_seen") OffsetDateTime lastSeen) {}

    /** The period's most searched queries, and the queries whose latest search in it found nothing. */
    public record Report(
            LocalDate since,
            LocalDate until,
            List<Popular> top,
            @JsonProperty("zero_hits") List<ZeroHit> zeroHits) {}

    /**
     * Days {@code since} to {@code until} (UTC, both included): the {@code limit} queries searched most (with what the
     * latest search found), and the {@code limit} queries whose latest search found nothing as typed, most often first
     * — once an alias or a new topic makes such a query find something, its next search takes it off that list.
     */
    @SuppressWarnings("unchecked")
    public Report report(LocalDate since, LocalDate until, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> top = em.createNativeQuery("""
                    select query, sum(searches), (array_agg(last_hits order by last_seen desc))[1]
                    from query_log where day between :since and :until
                    group by query order by 2 desc, 1 limit :limit""")
                    .setParameter("since", since)
                    .setParameter("until", until)
                    .setParameter("limit", limit)
                    .getResultList();
            List<Object[]> zero = em.createNativeQuery("""
                    select query, sum(zero_hits), sum(rescued), max(last_seen)
                    from query_log where day between :since and :until
                    group by query
                    having (array_agg(last_hits order by last_seen desc))[1] = 0
                    order by 2 desc, 4 desc, 1 limit :limit""")
                    .setParameter("since", since)
                    .setParameter("until", until)
                    .setParameter("limit", limit)
                    .getResultList();
            return new Report(
                    since,
                    until,
                    top.stream()
                            .map(r -> new Popular(
                                    (String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue()))
                            .toList(),
                    zero.stream()
                            .map(r -> new ZeroHit(
                                    (String) r[0],
                                    ((Number) r[1]).longValue(),
                                    ((Number) r[2]).longValue(),
                                    timestamp(r[3])))
                            .toList());
        });
    }

    /**
     * Parses the period of a report as given by a reader ({@code YYYY-MM-DD}; until defaults to today, since to 29
     * days before until); throws {@link InvalidSearchParameter} naming a bad one.
     */
    public static LocalDate[] period(String since, String until) {
        LocalDate to = until == null || until.isBlank() ? LocalDate.now(ZoneOffset.UTC) : date("until", until);
        LocalDate from = since == null || since.isBlank() ? to.minusDays(29) : date("since", since);
        if (from.isAfter(to)) {
            throw new InvalidSearchParameter("since", "is after until (" + to + ")");
        }
        return new LocalDate[] {from, to};
    }

    /** Parses a report's limit: 1 to {@value #MAX_LIMIT}, default 20. */
    public static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 20;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidSearchParameter("limit", "must be a whole number between 1 and " + MAX_LIMIT);
    }

    private static LocalDate date(String parameter, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidSearchParameter(parameter, "must be a date YYYY-MM-DD, not '" + value + "'");
        }
    }

    private static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        return null;
    }
}
