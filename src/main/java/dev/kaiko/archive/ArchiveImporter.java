package dev.kaiko.archive;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import dev.kaiko.archive.ImportReport.FileReport;
import dev.kaiko.archive.ImportReport.ImportError;
import dev.kaiko.model.ArchiveWrites;
import dev.kaiko.model.IndexFreshness;

/**
 * Imports archive files: each file (or zip member) is read by the reader for its format, then stored in a
 * transaction of its own — a file with an error stores nothing of itself, and the other files still import.
 * Knows storage, nothing about formats.
 */
@ApplicationScoped
public class ArchiveImporter {

    private static final Logger LOG = Logger.getLogger(ArchiveImporter.class);

    /** How long a file waits for other writes before it is reported as not stored ("busy"). */
    private static final Duration WRITE_WAIT = Duration.ofMinutes(10);

    @Inject
    IssueStore store;

    @Inject
    CitationResolver citations;

    @Inject
    ArchiveWrites writes;

    @Inject
    EntityManager em;

    @Inject
    IndexFreshness indexing;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    Event<ArchiveChanged> archiveChanged;

    private final ArchiveFormats formats = ArchiveFormats.standard();
    /** Uploads read ahead of the one being stored: bounds the memory a large multi-file import holds. */
    private static final int READ_AHEAD = 4;

    @Inject
    ManagedExecutor readers;

    /** An uploaded file as it came over the wire. */
    public record Upload(String name, byte[] content) {}

    /** Receives progress as files are done. */
    public interface Progress {
        /** A file or zip member was stored (or failed). */
        default void fileDone(FileReport report) {}

        /** An uploaded file, with all its members, is done. */
        default void uploadDone(Upload upload) {}

        Progress NONE = new Progress() {};
    }

    public ImportReport importFiles(List<Upload> uploads, String explicitFormat, Progress progress) {
        return importFiles(uploads, explicitFormat, null, progress, false);
    }

    /**
     * Imports files under the series the importer names ({@code ?series=}): every issue read goes to that series,
     * whatever the file says (a JSON item file names none of its own).
     */
    public ImportReport importFiles(List<Upload> uploads, String explicitFormat, String series, Progress progress) {
        return importFiles(uploads, explicitFormat, series, progress, false);
    }

    /** Imports the bundled demo archive, its issues marked as demo (see {@link Curation#deleteDemo()}). */
    ImportReport importDemo(List<Upload> uploads) {
        return importFiles(uploads, null, null, Progress.NONE, true);
    }

    private ImportReport importFiles(
            List<Upload> uploads, String explicitFormat, String series, Progress progress, boolean demo) {
        long start = System.nanoTime();
        java.time.Instant began = java.time.Instant.now();
        List<FileReport> reports = new ArrayList<>();
        Set<Long> stored = new LinkedHashSet<>();
        // Reading (the CPU-heavy part) runs ahead of storing, a few uploads at a time, so the two overlap; files
        // are still stored one after another in upload order.
        ArrayDeque<CompletableFuture<List<ArchiveFormats.ReadFile>>> ahead = new ArrayDeque<>();
        int next = 0;
        for (Upload upload : uploads) {
            while (next < uploads.size() && ahead.size() < READ_AHEAD) {
                Upload u = uploads.get(next++);
                ahead.add(CompletableFuture.supplyAsync(
                        () -> formats.read(u.name(), u.content(), explicitFormat, series), readers));
            }
            for (ArchiveFormats.ReadFile file : ahead.removeFirst().join()) {
                FileReport report = file.error() != null
                        ? FileReport.failed(file.name(), file.format(), ImportError.of(file.error()))
                        : storeFile(file, demo, stored);
                reports.add(report);
                count(report);
                progress.fileDone(report);
                LOG.infof(
                        "Imported %s (%s): %d issues, +%d ~%d =%d -%d topics%s",
                        report.file(),
                        report.format(),
                        report.issues(),
                        report.topicsAdded(),
                        report.topicsUpdated(),
                        report.topicsUnchanged(),
                        report.topicsRemoved(),
                        report.errors().isEmpty() ? "" : ", error: " + report.errors());
            }
            progress.uploadDone(upload);
        }
        long storedAt = System.nanoTime();
        // Stored is stored; when search is up, also wait (briefly) until it shows the import.
        boolean indexed = reports.stream().allMatch(r -> !r.errors().isEmpty())
                || indexing.awaitIndexed(java.time.Duration.ofSeconds(30));
        // "done" only when nothing of this import was parked as a dead letter on the way
        var failures = indexing.indexFailures(stored, began);
        ImportReport report =
                new ImportReport(reports, !failures.isEmpty() ? "failed" : indexed ? "done" : "pending", failures);
        if (report.anyStored()) {
            archiveChanged.fire(new ArchiveChanged(report));
        }
        LOG.infof(
                "Import of %d files: read and stored in %d ms, searchable %d ms later (%s)",
                reports.size(),
                (storedAt - start) / 1_000_000,
                (System.nanoTime() - storedAt) / 1_000_000,
                report.indexing());
        return report;
    }

    /** Counters kaiko_import_files_total{outcome} and kaiko_import_topics_total{result}. */
    private void count(FileReport report) {
        registry.counter("kaiko.import.files", "outcome", report.errors().isEmpty() ? "stored" : "failed")
                .increment();
        registry.counter("kaiko.import.topics", "result", "added").increment(report.topicsAdded());
        registry.counter("kaiko.import.topics", "result", "updated").increment(report.topicsUpdated());
        registry.counter("kaiko.import.topics", "result", "unchanged").increment(report.topicsUnchanged());
        registry.counter("kaiko.import.topics", "result", "removed").increment(report.topicsRemoved());
    }

    /**
     * Stores one file in a transaction of its own, serialised with every other write (see {@link ArchiveWrites}),
     * together with the citations it makes and receives: either all of it is stored or nothing.
     */
    private FileReport storeFile(ArchiveFormats.ReadFile file, boolean demo, Set<Long> storedIssues) {
        Set<Long> all = new LinkedHashSet<>();
        try {
            FileReport done = writes.write(WRITE_WAIT, () -> {
                IssueStore.Counts total = new IssueStore.Counts(0, 0, 0, 0);
                Set<Long> issueIds = new LinkedHashSet<>();
                all.clear(); // a retried transaction starts again
                if (file.export() != null) {
                    for (KaikoExport.Issue issue : file.export().issues()) {
                        IssueStore.Stored stored = store.store(
                                exportedIssue(issue),
                                file.name(),
                                file.format(),
                                issue.topics().stream()
                                        .map(t -> tagsOf(t, KaikoExport.Tag.MANUAL))
                                        .toList(),
                                issue.topics().stream()
                                        .map(KaikoExport.Topic::manualPresenter)
                                        .toList(),
                                demo);
                        total = total.plus(stored.counts());
                        issueIds.add(stored.issueId());
                        all.add(stored.issueId());
                        restorePicks(stored.issueId(), issue);
                    }
                } else {
                    for (ParsedIssue issue : file.issues()) {
                        IssueStore.Stored stored = store.store(issue, file.name(), file.format(), null, null, demo);
                        total = total.plus(stored.counts());
                        if (stored.changed()) {
                            issueIds.add(stored.issueId());
                        }
                        all.add(stored.issueId());
                    }
                }
                boolean mayCite = file.export() != null
                        || file.issues().stream()
                                .anyMatch(i -> i.topics().stream()
                                        .anyMatch(t -> t.body().indexOf('号') >= 0));
                citations.issuesChanged(issueIds, mayCite);
                return new FileReport(
                        file.name(),
                        file.format(),
                        file.issues().size(),
                        total.added(),
                        total.updated(),
                        total.unchanged(),
                        total.removed(),
                        List.of());
            });
            storedIssues.addAll(all);
            return done;
        } catch (ArchiveWrites.BusyException e) {
            return FileReport.failed(
                    file.name(),
                    file.format(),
                    new ImportError(file.name(), null, null, "not stored: " + e.getMessage()));
        } catch (RuntimeException e) {
            // the database's or a library's words stay in the log, under an id the answer gives
            String errorId = java.util.UUID.randomUUID().toString().substring(0, 8);
            LOG.warnf(e, "Storing %s failed (error id %s); nothing of it was kept", file.name(), errorId);
            return FileReport.failed(
                    file.name(),
                    file.format(),
                    new ImportError(
                            file.name(),
                            null,
                            null,
                            "could not be stored because of an internal error (error id " + errorId
                                    + " in the service's log); nothing of it was kept"));
        }
    }

    /** An exported issue with archive tags as archive tags; manual ones are restored as manual by the store. */
    private static ParsedIssue exportedIssue(KaikoExport.Issue issue) {
        return new ParsedIssue(
                issue.series(),
                issue.number(),
                issue.title(),
                issue.date(),
                issue.url(),
                issue.topics().stream()
                        .map(t -> new ParsedTopic(
                                t.title(),
                                t.body(),
                                t.bodyHtml(),
                                t.section(),
                                t.url(),
                                t.links(),
                                t.presenterFromArchive(),
                                tagsOf(t, KaikoExport.Tag.ARCHIVE),
                                t.attributes()))
                        .toList());
    }

    /**
     * An export's review picks (see {@link KaikoExport.Pick}) for the topics of one stored issue, found by topic key
     * (else by title); other picks of the year are left as they are.
     */
    private void restorePicks(long issueId, KaikoExport.Issue issue) {
        for (KaikoExport.Topic t : issue.topics()) {
            if (t.pick() == null) {
                continue;
            }
            em.createNativeQuery("""
                            insert into review_pick (topic_id, position, note)
                            select id, ?1, cast(?2 as text) from topic
                            where issue_id = ?3 and (topic_key = ?4 or (?4 = '' and title = ?5))
                            order by position limit 1
                            on conflict (topic_id) do update set position = excluded.position, note = excluded.note""")
                    .setParameter(1, t.pick().position())
                    .setParameter(2, t.pick().note())
                    .setParameter(3, issueId)
                    .setParameter(4, t.key() == null ? "" : t.key())
                    .setParameter(5, t.title())
                    .executeUpdate();
        }
    }

    private static List<String> tagsOf(KaikoExport.Topic topic, String provenance) {
        return topic.tags().stream()
                .filter(t -> provenance.equals(t.provenance()))
                .map(KaikoExport.Tag::name)
                .distinct()
                .toList();
    }
}
