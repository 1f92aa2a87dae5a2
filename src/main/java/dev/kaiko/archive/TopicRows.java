package dev.kaiko.archive;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kaiko.model.LinkKey;
import dev.kaiko.model.TitleKey;
import dev.kaiko.model.TopicTag;

/**
 * The JDBC side of {@link IssueStore}: topic rows and their tags read and written in batches on the transaction's
 * connection, a handful of round trips per issue whatever its size.
 */
final class TopicRows {

    private TopicRows() {}

    /** A stored topic as far as storing needs it. */
    static final class Row {
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

    static List<Row> loadTopics(Connection c, long issueId) throws SQLException {
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
    static void loadManualTags(Connection c, List<Row> written) throws SQLException {
        written.stream().filter(t -> t.isNew).forEach(t -> t.tags = new LinkedHashSet<>());
        loadTags(c, written.stream().filter(t -> !t.isNew).toList(), true);
    }

    /** For exports: the current tags of topics whose content did not change, so their manual tags can be set. */
    static void loadTagsOf(Connection c, List<Row> rows) throws SQLException {
        loadTags(c, rows, false);
    }

    static void loadTags(Connection c, List<Row> rows, boolean manualOnly) throws SQLException {
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

    static void deleteTopics(Connection c, Collection<Row> removed) throws SQLException {
        if (removed.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("delete from topic where id = any(?)")) {
            s.setArray(
                    1, c.createArrayOf("bigint", removed.stream().map(t -> t.id).toArray()));
            s.executeUpdate();
        }
    }

    static void insertTopics(Connection c, long issueId, List<Row> rows) throws SQLException {
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
                    attributes, presenter, link_key, title_key, source_file, content_hash, tags_edited, updated_at,
                    archive_presenter)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
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
                s.setString(19, t.parsed.presenter());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    static void updateTopics(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement s = c.prepareStatement("""
                update topic set title = ?, body = ?, body_html = ?, section = ?, url = ?, links = ?, attributes = ?,
                    presenter = case when presenter_edited then presenter else ? end, link_key = ?, title_key = ?,
                    position = ?, source_file = ?, content_hash = ?, tags_edited = ?, updated_at = ?,
                    archive_presenter = ?
                where id = ?""")) {
            for (Row t : rows) {
                setContent(c, s, 1, t);
                s.setInt(11, t.position);
                s.setString(12, t.sourceFile);
                s.setString(13, t.contentHash);
                s.setBoolean(14, t.tagsEdited);
                s.setTimestamp(15, now);
                s.setString(16, t.parsed.presenter());
                s.setLong(17, t.id);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Unchanged topics whose place in the issue or owning file changed. */
    static void updateSourceAndPosition(Connection c, List<Row> repositioned, List<Row> moved) throws SQLException {
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
    static void setContent(Connection c, PreparedStatement s, int from, Row t) throws SQLException {
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

    static Array textArray(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    /**
     * For exports: sets each topic's presenter edit as exported, {@code presenters} in topic order (null: not edited,
     * the topic shows the archive's presenter). Returns whether any row changed.
     */
    static boolean writePresenterEdits(Connection c, List<Row> rows, List<String> presenters) throws SQLException {
        if (rows.isEmpty()) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("""
                update topic set presenter_edited = ?, presenter = coalesce(?, archive_presenter)
                where id = ? and (presenter_edited <> ? or presenter is distinct from coalesce(?, archive_presenter))""")) {
            for (int i = 0; i < rows.size(); i++) {
                String p = presenters.get(i);
                s.setBoolean(1, p != null);
                s.setString(2, p);
                s.setLong(3, rows.get(i).id);
                s.setBoolean(4, p != null);
                s.setString(5, p);
                s.addBatch();
            }
            for (int n : s.executeBatch()) {
                if (n != 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Replaces the tags of the given topics (all provenances when {@code withManual}, else auto and archive). */
    static void writeTags(Connection c, List<Row> rows, boolean withManual) throws SQLException {
        List<Row> old = rows.stream().filter(t -> !t.isNew).toList();
        if (!old.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("delete from topic_tag where topic_id = any(?)"
                    + (withManual ? "" : " and provenance <> 'manual'"))) {
                s.setArray(
                        1, c.createArrayOf("bigint", old.stream().map(t -> t.id).toArray()));
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
}
