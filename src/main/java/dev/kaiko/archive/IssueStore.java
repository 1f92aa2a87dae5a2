package dev.kaiko.archive;

import dev.kaiko.model.TitleKey;
import dev.kaiko.model.LinkKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import dev.kaiko.model.TopicTag;
import dev.kaiko.model.IndexOutbox;
import dev.kaiko.tagging.TopicTagging;

/**
 * Stores parsed issues: an issue is found again by its key (series + number, or series + date), a topic by the
 * digest of its issue key and normalised title. Unchanged topics are not touched (no write, no reindex); edited
 * ones are updated in place keeping their id and manual tags; topics gone from the issue are removed.
 *
 * <p>Writes go through JDBC batches on the transaction's connection rather than entity by entity: an issue costs a
 * handful of round trips whatever its size, which is what lets an archive import at thousands of topics a second.
 * The {@code Topic} and {@code Issue} entities stay the read side (pages, indexing). Callers run it inside a
 * transaction, one per file, so a failing file leaves nothing behind.
 */
@ApplicationScoped
class IssueStore {

    @Inject
    EntityManager em;
    @Inject
    TopicTagging tagging;
    @Inject
    IndexOutbox indexOutbox;

    record Counts(int added, int updated, int unchanged, int removed) {
        Counts plus(Counts o) {
            return new Counts(added + o.added, updated + o.updated, unchanged + o.unchanged, removed + o.removed);
        }
    }

    /** What storing one issue did; the issue's id, for the work that follows it (citations). */
    record Stored(long issueId, Counts counts, boolean changed) {
    }

    /** A stored topic as far as storing needs it. */
    private static final class Row {
        long id;
        String key;
        int position;
        String contentHash;
        String sourceFile;
        boolean tagsEdited;
        boolean isNew;
        ParsedTopic parsed;
        /** The tags to write for this topic, or null when its tags stay as they are. */
        Set<TopicTag> tags;
    }

    Stored store(ParsedIssue parsed, String sourceFile, String format) {
        return store(parsed, sourceFile, format, null);
    }

    /**
     * @param manualTags for a Kaiko export, each topic's manual tags in topic order (an empty list: not edited);
     *                   null for other formats, which leave manual edits as they are
     */
    Stored store(ParsedIssue parsed, String sourceFile, String format, List<List<String>> manualTags) {
        return em.unwrap(Session.class).doReturningWork(c -> store(c, parsed, sourceFile, format, manualTags));
    }

    private Stored store(Connection c, ParsedIssue parsed, String sourceFile, String format,
            List<List<String>> manualTags) throws SQLException {
        String issueKey = issueKey(parsed);
        Long issueId = null;
        boolean issueChanged = false;
        try (PreparedStatement s = c.prepareStatement(
                "select id, series, number, title, published, url from issue where issue_key = ?")) {
            s.setString(1, issueKey);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    issueId = r.getLong(1);
                    issueChanged = !(Objects.equals(r.getString(2), parsed.series())
                            && Objects.equals((Integer) r.getObject(3), parsed.number())
                            && Objects.equals(r.getString(4), parsed.title())
                            && Objects.equals(r.getObject(5, LocalDate.class), parsed.date())
                            && Objects.equals(r.getString(6), parsed.url()));
                }
            }
        }
        if (issueId == null) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into issue (issue_key, series, number, title, published, url, source_file, source_format)
                    values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")) {
                s.setString(1, issueKey);
                setIssueFields(s, 2, parsed);
                s.setString(7, sourceFile);
                s.setString(8, format);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    issueId = r.getLong(1);
                }
            }
        } else if (issueChanged) {
            try (PreparedStatement s = c.prepareStatement("""
                    update issue set series = ?, number = ?, title = ?, published = ?, url = ?,
                    source_file = coalesce(source_file, ?), source_format = coalesce(source_format, ?)
                    where id = ?""")) {
                setIssueFields(s, 1, parsed);
                s.setString(6, sourceFile);
                s.setString(7, format);
                s.setLong(8, issueId);
                s.executeUpdate();
            }
        }

        List<Row> stored = loadTopics(c, issueId);
        Map<String, Row> existing = new HashMap<>();
        stored.forEach(t -> existing.put(t.key, t));
        // Topics another file contributed to this issue (a week of a link feed split over monthly files) stay.
        List<Row> othersTopics = stored.stream()
                .filter(t -> t.sourceFile != null && !t.sourceFile.equals(sourceFile)).toList();
        // Keys taken by this file's earlier topics or by other files' topics in the same issue: a repeated title
        // gets an ordinal, so each copy keeps an identity of its own whatever order the files come in.
        Set<String> takenKeys = new HashSet<>();
        othersTopics.forEach(t -> takenKeys.add(t.key));
        othersTopics.forEach(t -> existing.remove(t.key));
        List<Row> ordered = new ArrayList<>();
        List<Row> written = new ArrayList<>();
        List<Row> moved = new ArrayList<>();
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (ParsedTopic p : parsed.topics()) {
            String keySource = issueKey + "\n" + normalize(p.title());
            String key = digest(keySource);
            for (int dup = 2; !takenKeys.add(key); dup++) {
                key = digest(keySource + "#" + dup);
            }
            String hash = contentHash(p);
            Row topic = existing.remove(key);
            if (topic == null) {
                topic = new Row();
                topic.key = key;
                topic.isNew = true;
                topic.position = -1;
                added++;
            } else if (hash.equals(topic.contentHash)) {
                unchanged++;
                if (!sourceFile.equals(topic.sourceFile)) {
                    moved.add(topic);
                }
            } else {
                updated++;
            }
            if (topic.isNew || !hash.equals(topic.contentHash)) {
                topic.parsed = p;
                topic.contentHash = hash;
                written.add(topic);
            }
            topic.sourceFile = sourceFile;
            ordered.add(topic);
        }
        Collection<Row> removed = existing.values();

        loadManualTags(c, written);
        for (Row t : written) {
            Set<TopicTag> tags = new LinkedHashSet<>(t.tags == null ? Set.of() : t.tags);
            tagging.archiveTags(t.parsed.archiveTags()).forEach(n -> tags.add(new TopicTag(n, TopicTag.ARCHIVE)));
            tagging.autoTags(t.parsed.title(), t.parsed.body()).forEach(n -> tags.add(new TopicTag(n, TopicTag.AUTO)));
            t.tags = tags;
        }
        if (manualTags != null) {
            loadTagsOf(c, ordered.stream().filter(t -> t.tags == null).toList());
            for (int i = 0; i < ordered.size(); i++) {
                Row t = ordered.get(i);
                t.tags.removeIf(tag -> TopicTag.MANUAL.equals(tag.provenance));
                manualTags.get(i).forEach(n -> t.tags.add(new TopicTag(n, TopicTag.MANUAL)));
                t.tagsEdited = !manualTags.get(i).isEmpty();
            }
        }

        // Files contribute in name order whatever order they are imported in: a stable sort by file keeps each
        // file's own order.
        List<Row> all = new ArrayList<>(othersTopics);
        all.addAll(ordered);
        all.sort(Comparator.comparing((Row t) -> t.sourceFile == null ? "" : t.sourceFile));
        List<Row> repositioned = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Row t = all.get(i);
            if (t.position != i && !t.isNew) {
                repositioned.add(t);
            }
            t.position = i;
        }

        deleteTopics(c, removed);
        insertTopics(c, issueId, ordered.stream().filter(t -> t.isNew).toList());
        updateTopics(c, written.stream().filter(t -> !t.isNew).toList());
        updateSourceAndPosition(c, repositioned, moved);
        writeTags(c, manualTags != null ? ordered : written, manualTags != null);

        if (added + updated + removed.size() > 0 || issueChanged) {
            // the index holds issue fields on every topic, so an issue change reindexes all of its topics
            List<Long> changed = new ArrayList<>();
            (issueChanged ? all : written).forEach(t -> changed.add(t.id));
            removed.forEach(t -> changed.add(t.id));
            indexOutbox.topicsChanged(changed);
        } else if (manualTags != null) {
            indexOutbox.topicsChanged(ordered.stream().map(t -> t.id).toList());
        }
        return new Stored(issueId, new Counts(added, updated, unchanged, removed.size()),
                issueChanged || added + updated + removed.size() > 0);
    }

    private static void setIssueFields(PreparedStatement s, int from, ParsedIssue p) throws SQLException {
        s.setString(from, p.series());
        s.setObject(from + 1, p.number(), Types.INTEGER);
        s.setString(from + 2, p.title());
        s.setObject(from + 3, p.date());
        s.setString(from + 4, p.url());
    }

    private static List<Row> loadTopics(Connection c, long issueId) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select id, topic_key, position, content_hash, source_file, tags_edited from topic
                where issue_id = ? order by position, id""")) {
            s.setLong(1, issueId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Row t = new Row();
                    t.id = r.getLong(1);
                    t.key = r.getString(2);
                    t.position = r.getInt(3);
                    t.contentHash = r.getString(4);
                    t.sourceFile = r.getString(5);
                    t.tagsEdited = r.getBoolean(6);
                    rows.add(t);
                }
            }
        }
        return rows;
    }

    /** Manual tags survive re-imports: the rewritten topics' tag sets start from them (new topics: empty). */
    private static void loadManualTags(Connection c, List<Row> written) throws SQLException {
        written.stream().filter(t -> t.isNew).forEach(t -> t.tags = new LinkedHashSet<>());
        loadTags(c, written.stream().filter(t -> !t.isNew).toList(), true);
    }

    /** For exports: the current tags of topics whose content did not change, so their manual tags can be set. */
    private static void loadTagsOf(Connection c, List<Row> rows) throws SQLException {
        loadTags(c, rows, false);
    }

    private static void loadTags(Connection c, List<Row> rows, boolean manualOnly) throws SQLException {
        Map<Long, Row> byId = new LinkedHashMap<>();
        rows.forEach(t -> {
            t.tags = new LinkedHashSet<>();
            byId.put(t.id, t);
        });
        if (byId.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("select topic_id, name, provenance from topic_tag"
                + " where topic_id = any(?)" + (manualOnly ? " and provenance = 'manual'" : ""))) {
            s.setArray(1, c.createArrayOf("bigint", byId.keySet().toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byId.get(r.getLong(1)).tags.add(new TopicTag(r.getString(2), r.getString(3)));
                }
            }
        }
    }

    private static void deleteTopics(Connection c, Collection<Row> removed) throws SQLException {
        if (removed.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("delete from topic where id = any(?)")) {
            s.setArray(1, c.createArrayOf("bigint", removed.stream().map(t -> t.id).toArray()));
            s.executeUpdate();
        }
    }

    private static void insertTopics(Connection c, long issueId, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        // ids first, in one round trip, so tags and the outbox can name the new topics
        try (PreparedStatement s = c.prepareStatement(
                "select nextval(pg_get_serial_sequence('topic', 'id')) from generate_series(1, ?)")) {
            s.setInt(1, rows.size());
            try (ResultSet r = s.executeQuery()) {
                for (Row t : rows) {
                    r.next();
                    t.id = r.getLong(1);
                }
            }
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement s = c.prepareStatement("""
                insert into topic (id, issue_id, topic_key, position, title, body, body_html, section, url, links,
                    attributes, presenter, link_key, title_key, source_file, content_hash, tags_edited, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Row t : rows) {
                s.setLong(1, t.id);
                s.setLong(2, issueId);
                s.setString(3, t.key);
                s.setInt(4, t.position);
                setContent(c, s, 5, t);
                s.setString(15, t.sourceFile);
                s.setString(16, t.contentHash);
                s.setBoolean(17, t.tagsEdited);
                s.setTimestamp(18, now);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void updateTopics(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement s = c.prepareStatement("""
                update topic set title = ?, body = ?, body_html = ?, section = ?, url = ?, links = ?, attributes = ?,
                    presenter = ?, link_key = ?, title_key = ?, position = ?, source_file = ?, content_hash = ?,
                    tags_edited = ?, updated_at = ?
                where id = ?""")) {
            for (Row t : rows) {
                setContent(c, s, 1, t);
                s.setInt(11, t.position);
                s.setString(12, t.sourceFile);
                s.setString(13, t.contentHash);
                s.setBoolean(14, t.tagsEdited);
                s.setTimestamp(15, now);
                s.setLong(16, t.id);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Unchanged topics whose place in the issue or owning file changed. */
    private static void updateSourceAndPosition(Connection c, List<Row> repositioned, List<Row> moved)
            throws SQLException {
        Set<Row> rows = new LinkedHashSet<>(repositioned);
        rows.addAll(moved);
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("update topic set position = ?, source_file = ? where id = ?")) {
            for (Row t : rows) {
                s.setInt(1, t.position);
                s.setString(2, t.sourceFile);
                s.setLong(3, t.id);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** title, body, body_html, section, url, links, attributes, presenter, link_key, title_key from {@code from} on. */
    private static void setContent(Connection c, PreparedStatement s, int from, Row t) throws SQLException {
        ParsedTopic p = t.parsed;
        s.setString(from, p.title());
        s.setString(from + 1, p.body());
        s.setString(from + 2, p.bodyHtml());
        s.setString(from + 3, p.section());
        s.setString(from + 4, p.url());
        s.setArray(from + 5, textArray(c, p.links()));
        s.setArray(from + 6, textArray(c, p.attributes()));
        s.setString(from + 7, p.presenter());
        s.setString(from + 8, LinkKey.ofTopic(p.url(), p.links()));
        s.setString(from + 9, TitleKey.normalise(p.title()));
    }

    private static Array textArray(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    /** Replaces the tags of the given topics (all provenances when {@code withManual}, else auto and archive). */
    private static void writeTags(Connection c, List<Row> rows, boolean withManual) throws SQLException {
        List<Row> old = rows.stream().filter(t -> !t.isNew).toList();
        if (!old.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("delete from topic_tag where topic_id = any(?)"
                    + (withManual ? "" : " and provenance <> 'manual'"))) {
                s.setArray(1, c.createArrayOf("bigint", old.stream().map(t -> t.id).toArray()));
                s.executeUpdate();
            }
            if (withManual) {
                try (PreparedStatement s = c.prepareStatement("update topic set tags_edited = ? where id = ?")) {
                    for (Row t : old) {
                        s.setBoolean(1, t.tagsEdited);
                        s.setLong(2, t.id);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
        }
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> provenances = new ArrayList<>();
        for (Row t : rows) {
            for (TopicTag tag : t.tags) {
                if (withManual || !TopicTag.MANUAL.equals(tag.provenance) || t.isNew) {
                    ids.add(t.id);
                    names.add(tag.name);
                    provenances.add(tag.provenance);
                }
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into topic_tag (topic_id, name, provenance)
                select * from unnest(?::bigint[], ?::text[], ?::text[]) on conflict do nothing""")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            s.setArray(2, c.createArrayOf("text", names.toArray()));
            s.setArray(3, c.createArrayOf("text", provenances.toArray()));
            s.executeUpdate();
        }
    }

    static String issueKey(ParsedIssue p) {
        return normalize(p.series()) + "|" + (p.number() != null ? "#" + p.number() : p.date().toString());
    }

    static String normalize(String s) {
        return Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ").strip();
    }

    private static String contentHash(ParsedTopic p) {
        return digest(String.join("\u0000", p.title(), p.body(),
                String.valueOf(p.bodyHtml()), String.valueOf(p.section()), String.valueOf(p.url()),
                String.join("\u0001", p.links()), String.valueOf(p.presenter()),
                String.join("\u0001", p.archiveTags()), String.join("\u0001", p.attributes())));
    }

    static String digest(String s) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
