package dev.kaiko.archive;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.kaiko.archive.ImportReport.FileReport;
import dev.kaiko.archive.ImportReport.ImportError;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Imports archive files: each file (or zip member) is read by the reader for its format, then stored in a
 * transaction of its own — a file with an error stores nothing of itself, and the other files still import.
 * Knows storage, nothing about formats.
 */
@ApplicationScoped
public class ArchiveImporter {

    private static final Logger LOG = Logger.getLogger(ArchiveImporter.class);

    /** Serialises imports across instances sharing a database: concurrent imports of one issue would race. */
    private static final long IMPORT_LOCK = 0x4b41494b4fL;

    @Inject
    IssueStore store;
    @Inject
    EntityManager em;
    @Inject
    Event<ArchiveChanged> archiveChanged;

    private final ArchiveFormats formats = ArchiveFormats.standard();

    /** An uploaded file as it came over the wire. */
    public record Upload(String name, byte[] content) {
    }

    /** Receives progress as files are done. */
    public interface Progress {
        void fileDone(FileReport report);

        Progress NONE = r -> {
        };
    }

    public ImportReport importFiles(List<Upload> uploads, String explicitFormat, Progress progress) {
        List<FileReport> reports = new ArrayList<>();
        for (Upload upload : uploads) {
            for (ArchiveFormats.ReadFile file : formats.read(upload.name(), upload.content(), explicitFormat)) {
                FileReport report = file.error() != null
                        ? FileReport.failed(file.name(), file.format(), ImportError.of(file.error()))
                        : storeFile(file);
                reports.add(report);
                progress.fileDone(report);
                LOG.infof("Imported %s (%s): %d issues, +%d ~%d =%d -%d topics%s", report.file(), report.format(),
                        report.issues(), report.topicsAdded(), report.topicsUpdated(), report.topicsUnchanged(),
                        report.topicsRemoved(), report.errors().isEmpty() ? "" : ", error: " + report.errors());
            }
        }
        ImportReport report = new ImportReport(reports);
        if (report.anyStored()) {
            archiveChanged.fire(new ArchiveChanged(report));
        }
        return report;
    }

    private FileReport storeFile(ArchiveFormats.ReadFile file) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                em.createNativeQuery("select pg_advisory_xact_lock(" + IMPORT_LOCK + ")").getSingleResult();
                IssueStore.Counts total = new IssueStore.Counts(0, 0, 0, 0);
                for (ParsedIssue issue : file.issues()) {
                    total = total.plus(store.store(issue, file.name(), file.format()));
                }
                return new FileReport(file.name(), file.format(), file.issues().size(), total.added(),
                        total.updated(), total.unchanged(), total.removed(), List.of());
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "Storing %s failed; nothing of it was kept", file.name());
            return FileReport.failed(file.name(), file.format(),
                    new ImportError(file.name(), null, null, "could not be stored: " + rootMessage(e)));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
