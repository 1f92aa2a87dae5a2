package dev.kaiko.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.kaiko.model.LinkKey;
import dev.kaiko.model.SharedBefore.IssueRef;
import dev.kaiko.model.TitleKey;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Checks a draft of the next weekly against the archive before it is published: for each draft topic, the earlier
 * topics with the same link ({@link LinkKey}) and those with a near-identical title ({@link TitleKey}). Reads the
 * draft with the import's readers and stores nothing (it runs in a read-only transaction).
 *
 * <p>"Earlier" means: in an issue published on or before the draft's date, other than the draft's own issue (same
 * series and number, or date when it has none) should that already be imported.
 *
 * <p>Titles are pre-selected with a trigram index (pg_trgm, similarity at least {@link #TRIGRAM_THRESHOLD}, at most
 * {@link #CANDIDATES} per draft topic) when the database has the extension, else every title is a candidate; either
 * way the final decision is {@link TitleKey#nearIdentical}. The threshold is far below what a near-identical title
 * reaches (a bigram Dice of 0.8 comes with a trigram similarity well above 0.4), so the index loses none of them.
 */
@ApplicationScoped
public class DraftCheck {

    static final double TRIGRAM_THRESHOLD = 0.3;
    static final int CANDIDATES = 50;
    /** Similar titles listed per draft topic, most similar first. */
    static final int MAX_SIMILAR = 10;

    public static final String SAME_LINK = "same link";
    public static final String SIMILAR_TITLE = "similar title";

    public record Answer(String file, String format, List<DraftTopic> topics) {}

    public record DraftTopic(String title, String url, List<Repeat> repeats) {}

    /** An earlier topic; {@code similarity} is how alike the titles are (Dice of bigrams, 0–1), whatever the reason. */
    public record Repeat(
            @JsonProperty("topic_id") long topicId, String title, IssueRef issue, String reason, double similarity) {}

    @Inject
    EntityManager em;

    private final ArchiveFormats formats = ArchiveFormats.standard();

    /**
     * Reads the draft and looks up repeats.
     *
     * @throws ArchiveFormatException when the draft (or a member of a zip) cannot be read, located like imports
     */
    public Answer check(String filename, byte[] bytes, String explicitFormat) throws ArchiveFormatException {
        return check(filename, bytes, explicitFormat, true);
    }

    /** {@link #check(String, byte[], String)}, optionally without the trigram pre-selection (to compare the two). */
    public Answer check(String filename, byte[] bytes, String explicitFormat, boolean useTrigrams)
            throws ArchiveFormatException {
        List<ArchiveFormats.ReadFile> read = formats.read(filename, bytes, explicitFormat);
        for (ArchiveFormats.ReadFile f : read) {
            if (f.error() != null) {
                throw f.error();
            }
        }
        Set<String> formatNames = new LinkedHashSet<>();
        read.forEach(f -> formatNames.add(f.format()));
        List<ParsedIssue> issues =
                read.stream().flatMap(f -> f.issues().stream()).toList();
        List<DraftTopic> topics = QuarkusTransaction.requiringNew()
                .call(() -> em.unwrap(Session.class).doReturningWork(connection -> {
                    try (Statement s = connection.createStatement()) {
                        s.execute("set transaction read only"); // a check must never write
                    }
                    String trgm = useTrigrams ? trigramSchema(connection) : null;
                    List<DraftTopic> out = new ArrayList<>();
                    for (ParsedIssue issue : issues) {
                        out.addAll(check(connection, trgm, issue));
                    }
                    return out;
                }));
        return new Answer(read.size() == 1 ? read.get(0).name() : filename, String.join(",", formatNames), topics);
    }

    /** Whether titles are pre-selected with pg_trgm: the schema holding the extension, or null. */
    public String trigramSchema() {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.unwrap(Session.class).doReturningWork(DraftCheck::trigramSchema));
    }

    private static String trigramSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
                where e.extname = 'pg_trgm'
                  and exists (select 1 from pg_indexes where indexname = 'topic_title_key_trgm_idx'
                              and schemaname = current_schema())""")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A draft topic's keys. */
    private record Keys(ParsedTopic topic, String link, String title) {}

    /** A stored topic found for a draft topic. */
    private record Found(long id, String title, String titleKey, IssueRef issue) {}

    private List<DraftTopic> check(Connection c, String trgm, ParsedIssue issue) throws SQLException {
        List<Keys> keys = issue.topics().stream()
                .map(t -> new Keys(t, LinkKey.ofTopic(t.url(), t.links()), TitleKey.normalise(t.title())))
                .toList();
        EarlierThan earlier = new EarlierThan(issue);
        Map<String, List<Found>> byLink = sameLinks(c, earlier, keys);
        Map<Integer, List<Found>> candidates =
                trgm != null ? trigramCandidates(c, trgm, earlier, keys) : allTitles(c, earlier, keys.size());
        List<DraftTopic> out = new ArrayList<>();
        for (int n = 0; n < keys.size(); n++) {
            Keys k = keys.get(n);
            Map<Long, Repeat> repeats = new LinkedHashMap<>();
            for (Found f : k.link() == null ? List.<Found>of() : byLink.getOrDefault(k.link(), List.of())) {
                repeats.put(f.id(), repeat(f, k, SAME_LINK));
            }
            candidates.getOrDefault(n, List.of()).stream()
                    .filter(f -> !repeats.containsKey(f.id()) && TitleKey.nearIdentical(k.title(), f.titleKey()))
                    .map(f -> repeat(f, k, SIMILAR_TITLE))
                    .sorted(Comparator.comparingDouble(Repeat::similarity)
                            .reversed()
                            .thenComparing(r -> r.issue().date())
                            .thenComparingLong(Repeat::topicId))
                    .limit(MAX_SIMILAR)
                    .forEach(r -> repeats.put(r.topicId(), r));
            out.add(new DraftTopic(k.topic().title(), k.topic().url(), List.copyOf(repeats.values())));
        }
        return out;
    }

    private static Repeat repeat(Found f, Keys k, String reason) {
        double similarity = Math.round(TitleKey.similarity(k.title(), f.titleKey()) * 100) / 100.0;
        return new Repeat(f.id(), f.title(), f.issue(), reason, similarity);
    }

    /**
     * The SQL condition (on issue {@code i}) for "earlier than the draft issue", with its parameters: published on or
     * before its date and not the draft's own issue.
     */
    private record EarlierThan(ParsedIssue issue) {
        String sql() {
            return " (i.published <= ? and not (lower(i.series) = lower(?) and "
                    + (issue.number() != null ? "i.number = ?" : "i.number is null and i.published = ?") + ")) ";
        }

        int bind(PreparedStatement ps, int from) throws SQLException {
            ps.setObject(from, issue.date(), Types.DATE);
            ps.setString(from + 1, issue.series());
            if (issue.number() != null) {
                ps.setInt(from + 2, issue.number());
            } else {
                ps.setObject(from + 2, issue.date(), Types.DATE);
            }
            return from + 3;
        }
    }

    private static final String FOUND =
            "t.id, t.title, coalesce(t.title_key, ''), i.id, i.series, i.number, i.published";

    private static Found found(ResultSet rs, int from) throws SQLException {
        int number = rs.getInt(from + 5);
        Integer n = rs.wasNull() ? null : number;
        return new Found(
                rs.getLong(from),
                rs.getString(from + 1),
                rs.getString(from + 2),
                new IssueRef(
                        rs.getLong(from + 3),
                        rs.getString(from + 4),
                        n,
                        rs.getDate(from + 6).toLocalDate()));
    }

    /** Earlier topics sharing a link with any draft topic, earliest first: one query on the link_key index. */
    private static Map<String, List<Found>> sameLinks(Connection c, EarlierThan earlier, List<Keys> keys)
            throws SQLException {
        String[] links =
                keys.stream().map(Keys::link).filter(l -> l != null).distinct().toArray(String[]::new);
        Map<String, List<Found>> out = new LinkedHashMap<>();
        if (links.length == 0) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("select t.link_key, " + FOUND
                + " from topic t join issue i on i.id = t.issue_id where t.link_key = any(?) and" + earlier.sql()
                + " order by i.published, i.id, t.position")) {
            ps.setArray(1, c.createArrayOf("text", links));
            earlier.bind(ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(found(rs, 2));
                }
            }
        }
        return out;
    }

    /** For each draft topic (by position), the earlier titles most alike by trigrams: one query on the trigram index. */
    private static Map<Integer, List<Found>> trigramCandidates(
            Connection c, String schema, EarlierThan earlier, List<Keys> keys) throws SQLException {
        Map<Integer, List<Found>> out = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        String s = '"' + schema.replace("\"", "\"\"") + '"';
        try (Statement st = c.createStatement()) {
            st.execute("select set_config('pg_trgm.similarity_threshold', '" + TRIGRAM_THRESHOLD + "', true)");
        }
        try (PreparedStatement ps = c.prepareStatement("select d.n, x.id, x.title, coalesce(x.title_key, ''),"
                + " x.i_id, x.i_series, x.i_number, x.i_published from unnest(?::text[]) with ordinality as d(k, n)"
                + " cross join lateral (select t.id, t.title, t.title_key, i.id as i_id, i.series as i_series,"
                + " i.number as i_number, i.published as i_published"
                + " from topic t join issue i on i.id = t.issue_id"
                + " where d.k <> '' and t.title_key operator(" + s + ".%) d.k and" + earlier.sql()
                + " order by " + s + ".similarity(t.title_key, d.k) desc, t.id limit " + CANDIDATES + ") x")) {
            ps.setArray(
                    1, c.createArrayOf("text", keys.stream().map(Keys::title).toArray(String[]::new)));
            earlier.bind(ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getInt(1) - 1, k -> new ArrayList<>())
                            .add(found(rs, 2));
                }
            }
        }
        return out;
    }

    /** Without pg_trgm: every earlier title is a candidate of every draft topic (fine for a weekly's archive). */
    private static Map<Integer, List<Found>> allTitles(Connection c, EarlierThan earlier, int draftTopics)
            throws SQLException {
        List<Found> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select " + FOUND + " from topic t join issue i on i.id = t.issue_id where" + earlier.sql())) {
            earlier.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(found(rs, 1));
                }
            }
        }
        Map<Integer, List<Found>> out = new LinkedHashMap<>();
        for (int n = 0; n < draftTopics; n++) {
            out.put(n, all);
        }
        return out;
    }
}
