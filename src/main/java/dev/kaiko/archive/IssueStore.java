package dev.kaiko.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
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

import dev.kaiko.model.IndexOutbox;
import dev.kaiko.model.TopicTag;
import dev.kaiko.tagging.TopicTagging;

/**
 * Stores parsed issues: an issue is found again by its key (series + number, or series + date), a topic by the
 * digest of its issue key and normalised title. Unchanged topics are not touched (no write, no reindex); edited
 * ones are updated in place keeping their id, manual tags and hand-set presenter; topics gone from the issue are
 * removed.
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
    record Stored(long issueId, Counts counts, boolean changed) {}

    Stored store(ParsedIssue parsed, String sourceFile, String format) {
        return store(parsed, sourceFile, format, null);
    }

    /**
     * @param manualTags for a Kaiko export, each topic's manual tags in topic order (an empty list: not edited);
     *                   null for other formats, which leave manual edits as they are
     */
    Stored store(ParsedIssue parsed, String sourceFile, String format, List<List<String>> manualTags) {
        return store(parsed, sourceFile, format, manualTags, null, false);
    }

    /**
     * @param manualPresenters for a Kaiko export, each topic's presenter set by hand in topic order (null: not
     *                         edited); null for other formats, which leave presenter edits as they are
     * @param demo             the issue comes from the bundled demo archive (any other import makes it real)
     */
    Stored store(
            ParsedIssue parsed,
            String sourceFile,
            String format,
            List<List<String>> manualTags,
            List<String> manualPresenters,
            boolean demo) {
        return em.unwrap(Session.class)
                .doReturningWork(c -> store(c, parsed, sourceFile, format, manualTags, manualPresenters, demo));
    }

    private Stored store(
            Connection c,
            ParsedIssue parsed,
            String sourceFile,
            String format,
            List<List<String>> manualTags,
            List<String> manualPresenters,
            boolean demo)
            throws SQLException {
        String issueKey = issueKey(parsed);
        Long issueId = null;
        boolean issueChanged = false;
        try (PreparedStatement s = c.prepareStatement(
                "select id, series, number, title, published, url, demo from issue where issue_key = ?")) {
            s.setString(1, issueKey);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    issueId = r.getLong(1);
                    issueChanged = !(Objects.equals(r.getString(2), parsed.series())
                            && Objects.equals((Integer) r.getObject(3), parsed.number())
                            && Objects.equals(r.getString(4), parsed.title())
                            && Objects.equals(r.getObject(5, LocalDate.class), parsed.date())
                            && Objects.equals(r.getString(6), parsed.url())
                            // a real import makes a demo issue real; a demo import never makes a real one demo
                            && (demo || !r.getBoolean(7)));
                }
            }
        }
        if (issueId == null) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into issue (issue_key, series, number, title, published, url, source_file, source_format,
                        demo)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")) {
                s.setString(1, issueKey);
                setIssueFields(s, 2, parsed);
                s.setString(7, sourceFile);
                s.setString(8, format);
                s.setBoolean(9, demo);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    issueId = r.getLong(1);
                }
            }
        } else if (issueChanged) {
            try (PreparedStatement s = c.prepareStatement("""
                    update issue set series = ?, number = ?, title = ?, published = ?, url = ?,
                    source_file = coalesce(source_file, ?), source_format = coalesce(source_format, ?), demo = demo and ?
                    where id = ?""")) {
                setIssueFields(s, 1, parsed);
                s.setString(6, sourceFile);
                s.setString(7, format);
                s.setBoolean(8, demo);
                s.setLong(9, issueId);
                s.executeUpdate();
            }
        }

        List<TopicRows.Row> stored = TopicRows.loadTopics(c, issueId);
        Map<String, TopicRows.Row> existing = new HashMap<>();
        stored.forEach(t -> existing.put(t.key, t));
        // Topics another file contributed to this issue (a week of a link feed split over monthly files) stay; see
        // otherParts for what counts as another file (not the file name alone).
        List<TopicRows.Row> othersTopics = otherParts(issueKey, parsed, sourceFile, format, stored);
        // Keys taken by this file's earlier topics or by other files' topics in the same issue: a repeated title
        // gets an ordinal, so each copy keeps an identity of its own whatever order the files come in.
        Set<String> takenKeys = new HashSet<>();
        othersTopics.forEach(t -> takenKeys.add(t.key));
        othersTopics.forEach(t -> existing.remove(t.key));
        List<TopicRows.Row> ordered = new ArrayList<>();
        List<TopicRows.Row> written = new ArrayList<>();
        List<TopicRows.Row> moved = new ArrayList<>();
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
            TopicRows.Row topic = existing.remove(key);
            if (topic == null) {
                topic = new TopicRows.Row();
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
        Collection<TopicRows.Row> removed = existing.values();

        TopicRows.loadManualTags(c, written);
        for (TopicRows.Row t : written) {
            Set<TopicTag> tags = new LinkedHashSet<>(t.tags == null ? Set.of() : t.tags);
            tagging.archiveTags(t.parsed.archiveTags()).forEach(n -> tags.add(new TopicTag(n, TopicTag.ARCHIVE)));
            tagging.autoTags(t.parsed.title(), t.parsed.body()).forEach(n -> tags.add(new TopicTag(n, TopicTag.AUTO)));
            t.tags = tags;
        }
        if (manualTags != null) {
            TopicRows.loadTagsOf(c, ordered.stream().filter(t -> t.tags == null).toList());
            for (int i = 0; i < ordered.size(); i++) {
                TopicRows.Row t = ordered.get(i);
                t.tags.removeIf(tag -> TopicTag.MANUAL.equals(tag.provenance));
                manualTags.get(i).forEach(n -> t.tags.add(new TopicTag(n, TopicTag.MANUAL)));
                t.tagsEdited = !manualTags.get(i).isEmpty();
            }
        }

        // Files contribute in name order whatever order they are imported in: a stable sort by file keeps each
        // file's own order.
        List<TopicRows.Row> all = new ArrayList<>(othersTopics);
        all.addAll(ordered);
        all.sort(Comparator.comparing((TopicRows.Row t) -> t.sourceFile == null ? "" : t.sourceFile));
        List<TopicRows.Row> repositioned = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            TopicRows.Row t = all.get(i);
            if (t.position != i && !t.isNew) {
                repositioned.add(t);
            }
            t.position = i;
        }

        TopicRows.deleteTopics(c, removed);
        TopicRows.insertTopics(c, issueId, ordered.stream().filter(t -> t.isNew).toList());
        TopicRows.updateTopics(c, written.stream().filter(t -> !t.isNew).toList());
        TopicRows.updateSourceAndPosition(c, repositioned, moved);
        TopicRows.writeTags(c, manualTags != null ? ordered : written, manualTags != null);
        boolean presentersChanged =
                manualPresenters != null && TopicRows.writePresenterEdits(c, ordered, manualPresenters);

        if (added + updated + removed.size() > 0 || issueChanged) {
            // the index holds issue fields on every topic, so an issue change reindexes all of its topics
            List<Long> changed = new ArrayList<>();
            (issueChanged ? all : written).forEach(t -> changed.add(t.id));
            removed.forEach(t -> changed.add(t.id));
            indexOutbox.topicsChanged(changed);
        } else if (manualTags != null || presentersChanged) {
            indexOutbox.topicsChanged(ordered.stream().map(t -> t.id).toList());
        }
        return new Stored(
                issueId,
                new Counts(added, updated, unchanged, removed.size()),
                issueChanged || presentersChanged || added + updated + removed.size() > 0);
    }

    /**
     * Formats whose files may each hold only part of an issue: a JSON item feed is cut into monthly files, so an
     * ISO week spanning two months gets topics from two files. Any other file holds its issues whole.
     */
    static boolean holdsPartialIssues(String format) {
        return JsonItemFeedReader.FORMAT.equals(format);
    }

    /**
     * The stored topics of an issue that another file contributed and that this file must leave alone. An issue is
     * found by its key whatever the file is called, and so are its topics (issue key + title), so:
     * <ul>
     * <li>a file of a format holding whole issues (everything but {@link JsonItemFeedReader}) is the whole issue:
     * no topic belongs to another part, the stored topics are matched by title, those it no longer has removed,
     * whatever file name brought them — the same issue under another name (or in another format) updates it;</li>
     * <li>a file holding part of an issue (a monthly JSON file's share of a week) leaves the other parts alone, but
     * another file name is not enough to make a topic another part's: a stored topic with the title and exactly the
     * content of one of this file's is that topic (the file renamed, or the item now in another file), taken over,
     * not duplicated. Same title with other content stays another part's topic (two items of one week that happen
     * to share a title, one in each monthly file). A renamed file whose items were also edited keeps the old
     * versions of the edited items under the old name: nothing tells them from another month's.</li>
     * </ul>
     */
    private static List<TopicRows.Row> otherParts(
            String issueKey, ParsedIssue parsed, String sourceFile, String format, List<TopicRows.Row> stored) {
        List<TopicRows.Row> others = stored.stream()
                .filter(t -> t.sourceFile != null && !t.sourceFile.equals(sourceFile))
                .toList();
        if (others.isEmpty() || !holdsPartialIssues(format)) {
            return List.of();
        }
        // every key a title of this file can have (its ordinals included), to the title's content hashes
        Map<String, Set<String>> hashesByKey = new HashMap<>();
        int ordinals = stored.size() + parsed.topics().size();
        for (ParsedTopic p : parsed.topics()) {
            String keySource = issueKey + "\n" + normalize(p.title());
            String hash = contentHash(p);
            for (int dup = 1; dup <= ordinals; dup++) {
                hashesByKey
                        .computeIfAbsent(digest(dup == 1 ? keySource : keySource + "#" + dup), k -> new HashSet<>())
                        .add(hash);
            }
        }
        return others.stream()
                .filter(t -> !hashesByKey.getOrDefault(t.key, Set.of()).contains(t.contentHash))
                .toList();
    }

    private static void setIssueFields(PreparedStatement s, int from, ParsedIssue p) throws SQLException {
        s.setString(from, p.series());
        s.setObject(from + 1, p.number(), Types.INTEGER);
        s.setString(from + 2, p.title());
        s.setObject(from + 3, p.date());
        s.setString(from + 4, p.url());
    }

    static String issueKey(ParsedIssue p) {
        return normalize(p.series()) + "|"
                + (p.number() != null ? "#" + p.number() : p.date().toString());
    }

    static String normalize(String s) {
        return Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ")
                .strip();
    }

    private static String contentHash(ParsedTopic p) {
        return digest(String.join(
                "\u0000",
                p.title(),
                p.body(),
                String.valueOf(p.bodyHtml()),
                String.valueOf(p.section()),
                String.valueOf(p.url()),
                String.join("\u0001", p.links()),
                String.valueOf(p.presenter()),
                String.join("\u0001", p.archiveTags()),
                String.join("\u0001", p.attributes())));
    }

    static String digest(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
