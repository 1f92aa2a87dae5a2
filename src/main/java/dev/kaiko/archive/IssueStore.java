package dev.kaiko.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.kaiko.model.Issue;
import dev.kaiko.model.Topic;
import dev.kaiko.model.TopicTag;
import dev.kaiko.search.IndexOutbox;
import dev.kaiko.tagging.TopicTagging;

/**
 * Stores parsed issues: an issue is found again by its key (series + number, or series + date), a topic by the
 * digest of its issue key and normalised title. Unchanged topics are not touched (no write, no reindex); edited
 * ones are updated in place keeping their id and manual tags; topics gone from the issue are removed.
 * Callers run it inside a transaction, one per file, so a failing file leaves nothing behind.
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

    Stored store(ParsedIssue parsed, String sourceFile, String format) {
        return store(parsed, sourceFile, format, null);
    }

    /**
     * @param manualTags for a Kaiko export, each topic's manual tags in topic order (an empty list: not edited);
     *                   null for other formats, which leave manual edits as they are
     */
    Stored store(ParsedIssue parsed, String sourceFile, String format, List<List<String>> manualTags) {
        String issueKey = issueKey(parsed);
        Issue issue = em.createQuery("from Issue i left join fetch i.topics where i.key = :k", Issue.class)
                .setParameter("k", issueKey).getResultStream().findFirst().orElse(null);
        if (issue == null) {
            issue = new Issue();
            issue.key = issueKey;
        }
        boolean issueChanged = issue.id != null && !(java.util.Objects.equals(issue.series, parsed.series())
                && java.util.Objects.equals(issue.number, parsed.number())
                && java.util.Objects.equals(issue.title, parsed.title())
                && java.util.Objects.equals(issue.published, parsed.date()));
        issue.series = parsed.series();
        issue.number = parsed.number();
        issue.title = parsed.title();
        issue.published = parsed.date();
        issue.url = parsed.url();
        if (issue.sourceFile == null) {
            issue.sourceFile = sourceFile; // the first file; a week of a link feed may span several
            issue.sourceFormat = format;
        }
        if (issue.id == null) {
            em.persist(issue);
        }

        Map<String, Topic> existing = new HashMap<>();
        issue.topics.forEach(t -> existing.put(t.key, t));
        // Topics another file contributed to this issue (a week of a link feed split over monthly files) stay.
        List<Topic> othersTopics = issue.topics.stream()
                .filter(t -> t.sourceFile != null && !t.sourceFile.equals(sourceFile)).toList();
        // Keys taken by this file's earlier topics or by other files' topics in the same issue: a repeated title
        // gets an ordinal, so each copy keeps an identity of its own whatever order the files come in.
        Set<String> takenKeys = new java.util.HashSet<>();
        othersTopics.forEach(t -> takenKeys.add(t.key));
        List<Topic> ordered = new ArrayList<>();
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        // Files contribute in name order (2023-01.json before 2023-02.json), whatever order they are imported in.
        int position = (int) othersTopics.stream().filter(t -> t.sourceFile.compareTo(sourceFile) < 0).count();
        for (ParsedTopic p : parsed.topics()) {
            String keySource = issueKey + "\n" + normalize(p.title());
            String key = digest(keySource);
            for (int dup = 2; !takenKeys.add(key); dup++) {
                key = digest(keySource + "#" + dup);
            }
            String hash = contentHash(p);
            Topic topic = existing.remove(key);
            if (topic != null) {
                topic.sourceFile = sourceFile;
            }
            if (topic == null) {
                topic = new Topic();
                topic.key = key;
                topic.issue = issue;
                topic.sourceFile = sourceFile;
                apply(topic, p, position, hash);
                em.persist(topic);
                added++;
            } else if (hash.equals(topic.contentHash)) {
                topic.position = position; // a no-op for Hibernate unless the order changed
                unchanged++;
            } else {
                apply(topic, p, position, hash);
                updated++;
            }
            if (manualTags != null) {
                restoreManualTags(topic, manualTags.get(ordered.size()));
            }
            ordered.add(topic);
            position++;
        }
        othersTopics.forEach(t -> existing.remove(t.key));
        int removed = existing.size();
        if (added + updated + removed > 0 || issueChanged) {
            // the index holds issue fields on every topic, so an issue change reindexes all of its topics
            List<Long> changed = new ArrayList<>();
            othersTopics.forEach(t -> changed.add(t.id));
            ordered.forEach(t -> changed.add(t.id));
            existing.values().forEach(t -> changed.add(t.id));
            indexOutbox.topicsChanged(changed);
        }
        existing.values().forEach(em::remove);
        // Files contribute in name order whatever order they are imported in: a stable sort by file keeps each
        // file's own order (Hibernate writes a position only where it changed).
        List<Topic> all = new ArrayList<>(othersTopics);
        all.addAll(ordered);
        all.sort(java.util.Comparator.comparing((Topic t) -> t.sourceFile == null ? "" : t.sourceFile));
        for (int i = 0; i < all.size(); i++) {
            all.get(i).position = i;
        }
        issue.topics.clear();
        issue.topics.addAll(all);
        Counts counts = new Counts(added, updated, unchanged, removed);
        return new Stored(issue.id, counts, issueChanged || added + updated + removed > 0);
    }

    private void apply(Topic topic, ParsedTopic p, int position, String hash) {
        topic.position = position;
        topic.title = p.title();
        topic.body = p.body();
        topic.bodyHtml = p.bodyHtml();
        topic.section = p.section();
        topic.url = p.url();
        topic.links = p.links().toArray(String[]::new);
        topic.attributes = p.attributes().toArray(String[]::new);
        topic.presenter = p.presenter();
        topic.contentHash = hash;
        topic.updatedAt = Instant.now();
        Set<TopicTag> tags = new LinkedHashSet<>();
        topic.tags.stream().filter(t -> TopicTag.MANUAL.equals(t.provenance)).forEach(tags::add);
        tagging.archiveTags(p.archiveTags()).forEach(n -> tags.add(new TopicTag(n, TopicTag.ARCHIVE)));
        tagging.autoTags(p.title(), p.body()).forEach(n -> tags.add(new TopicTag(n, TopicTag.AUTO)));
        topic.tags.clear();
        topic.tags.addAll(tags);
    }

    private static void restoreManualTags(Topic topic, List<String> manual) {
        topic.tags.removeIf(t -> TopicTag.MANUAL.equals(t.provenance));
        manual.forEach(n -> topic.tags.add(new TopicTag(n, TopicTag.MANUAL)));
        topic.tagsEdited = !manual.isEmpty();
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
