package dev.kaiko.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.kaiko.model.Issue;
import dev.kaiko.model.Topic;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes the whole archive as a {@link KaikoExport} document, streaming issue by issue in batches so a large
 * archive is never held in memory. Importing the result into an empty instance reproduces it (the backup story).
 */
@ApplicationScoped
public class ArchiveExporter {

    private static final int BATCH = 200;

    @Inject
    EntityManager em;

    public void export(OutputStream out) throws IOException {
        ObjectMapper mapper = KaikoExport.mapper().copy().disable(SerializationFeature.CLOSE_CLOSEABLE);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("kaiko_export", KaikoExport.VERSION);
            json.writeStringField("exported_at", Instant.now().toString());
            json.writeArrayFieldStart("issues");
            long after = 0;
            while (true) {
                long from = after;
                Batch batch = QuarkusTransaction.requiringNew().call(() -> loadBatch(from));
                if (batch.issues().isEmpty()) {
                    break;
                }
                for (KaikoExport.Issue issue : batch.issues()) {
                    mapper.writeValue(json, issue);
                }
                json.flush();
                after = batch.lastId();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private record Batch(List<KaikoExport.Issue> issues, long lastId) {}

    private Batch loadBatch(long afterId) {
        List<Issue> issues = em.createQuery("from Issue i where i.id > :after order by i.id", Issue.class)
                .setParameter("after", afterId)
                .setMaxResults(BATCH)
                .getResultList();
        if (issues.isEmpty()) {
            return new Batch(List.of(), afterId);
        }
        // fetch topics and their tags in two queries for the whole batch rather than one per issue
        List<Topic> topics = em.createQuery(
                        "select distinct t from Topic t left join fetch t.tags "
                                + "where t.issue in :issues order by t.issue.id, t.position",
                        Topic.class)
                .setParameter("issues", issues)
                .getResultList();
        Map<Long, KaikoExport.Pick> picks = picks(topics);
        return new Batch(
                issues.stream()
                        .map(i -> new KaikoExport.Issue(
                                i.series,
                                i.number,
                                i.title,
                                i.published,
                                i.url,
                                i.sourceFile,
                                topics.stream()
                                        .filter(t -> t.issue.id.equals(i.id))
                                        .map(t -> topic(t, picks.get(t.id)))
                                        .toList()))
                        .toList(),
                issues.get(issues.size() - 1).id);
    }

    /** The review picks among these topics (the review_pick rows, see review.YearPicks). */
    private Map<Long, KaikoExport.Pick> picks(List<Topic> topics) {
        Map<Long, KaikoExport.Pick> out = new HashMap<>();
        if (topics.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select topic_id, position, note from review_pick where topic_id in (?1)")
                .setParameter(1, topics.stream().map(t -> t.id).toList())
                .getResultList();
        rows.forEach(r ->
                out.put(((Number) r[0]).longValue(), new KaikoExport.Pick(((Number) r[1]).intValue(), (String) r[2])));
        return out;
    }

    private static KaikoExport.Topic topic(Topic t, KaikoExport.Pick pick) {
        return new KaikoExport.Topic(
                t.key,
                t.title,
                t.body,
                t.bodyHtml,
                t.section,
                t.url,
                t.linkList(),
                t.presenter,
                List.of(t.attributes),
                t.tags.stream()
                        .map(tag -> new KaikoExport.Tag(tag.name, tag.provenance))
                        .sorted(java.util.Comparator.comparing(KaikoExport.Tag::provenance)
                                .thenComparing(KaikoExport.Tag::name))
                        .toList(),
                pick,
                t.presenterEdited ? Boolean.TRUE : null,
                t.presenterEdited ? t.archivePresenter : null);
    }
}
