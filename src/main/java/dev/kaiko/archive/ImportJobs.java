package dev.kaiko.archive;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.kaiko.archive.ArchiveImporter.Upload;
import dev.kaiko.jobs.BackgroundJobs;

/**
 * Large imports as background jobs of the one job registry: progress counted in files ({@code done}/{@code total},
 * also as {@code files_done}/{@code files_total}) and topics ({@code topics_done}), the import report as result.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    public static final String KIND = "import";

    @Inject
    ArchiveImporter importer;

    @Inject
    BackgroundJobs jobs;

    public BackgroundJobs.Status submit(List<Upload> uploads, String format) {
        return submit(uploads, format, null);
    }

    /** An import job whose issues go to the series it names (see {@link ArchiveImporter#importFiles}). */
    public BackgroundJobs.Status submit(List<Upload> uploads, String format, String series) {
        return jobs.submit(
                KIND,
                progress -> importer.importFiles(uploads, format, series, new ArchiveImporter.Progress() {
                    @Override
                    public void fileDone(ImportReport.FileReport report) {
                        progress.counter("topics_done")
                                .addAndGet(report.topicsAdded() + report.topicsUpdated() + report.topicsUnchanged());
                    }

                    @Override
                    public void uploadDone(Upload upload) {
                        progress.advance(1);
                        progress.counter("files_done").incrementAndGet();
                        LOG.infof(
                                "Import job: %d/%d files, %d topics",
                                progress.counter("files_done").get(),
                                uploads.size(),
                                progress.counter("topics_done").get());
                    }
                }),
                progress -> {
                    progress.total(uploads.size());
                    progress.counter("files_total").set(uploads.size());
                    progress.counter("files_done");
                    progress.counter("topics_done");
                });
    }

    /** An import job's status (empty for an unknown id or a job of another kind). */
    public java.util.Optional<BackgroundJobs.Status> status(String id) {
        return jobs.status(id).filter(s -> KIND.equals(s.kind()));
    }
}
