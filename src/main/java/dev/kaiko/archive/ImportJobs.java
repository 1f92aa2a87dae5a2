package dev.kaiko.archive;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.kaiko.archive.ArchiveImporter.Upload;

/**
 * Large imports as background jobs: one at a time (imports serialise on a database lock anyway), with progress
 * readable while they run. Jobs live in memory; the data they import is in the database as each file commits.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    private static final int KEEP = 100;

    @Inject
    ArchiveImporter importer;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kaiko-import-job");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** A job's state as the API shows it. */
    public record Status(String id, String state, @JsonProperty("files_total") int filesTotal,
            @JsonProperty("files_done") int filesDone, @JsonProperty("topics_done") int topicsDone,
            @JsonProperty("started_at") Instant startedAt, @JsonProperty("finished_at") Instant finishedAt,
            ImportReport report, String error) {
    }

    private static final class Job {
        final String id = UUID.randomUUID().toString();
        final Instant startedAt = Instant.now();
        final int filesTotal;
        final AtomicInteger filesDone = new AtomicInteger();
        final AtomicInteger topicsDone = new AtomicInteger();
        volatile String state = "queued";
        volatile Instant finishedAt;
        volatile ImportReport report;
        volatile String error;

        Job(int filesTotal) {
            this.filesTotal = filesTotal;
        }

        Status status() {
            return new Status(id, state, filesTotal, filesDone.get(), topicsDone.get(), startedAt, finishedAt, report,
                    error);
        }
    }

    public Status submit(List<Upload> uploads, String format) {
        Job job = new Job(uploads.size());
        forgetOldJobs();
        jobs.put(job.id, job);
        worker.execute(() -> run(job, uploads, format));
        return job.status();
    }

    public Optional<Status> status(String id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::status);
    }

    private void run(Job job, List<Upload> uploads, String format) {
        job.state = "running";
        try {
            job.report = importer.importFiles(uploads, format, new ArchiveImporter.Progress() {
                @Override
                public void fileDone(ImportReport.FileReport report) {
                    job.topicsDone.addAndGet(report.topicsAdded() + report.topicsUpdated() + report.topicsUnchanged());
                }

                @Override
                public void uploadDone(Upload upload) {
                    LOG.infof("Import job %s: %d/%d files, %d topics", job.id, job.filesDone.incrementAndGet(),
                            job.filesTotal, job.topicsDone.get());
                }
            });
            job.state = "done";
        } catch (RuntimeException e) {
            LOG.error("Import job " + job.id + " failed", e);
            job.error = e.getMessage();
            job.state = "failed";
        } finally {
            job.finishedAt = Instant.now();
        }
    }

    private void forgetOldJobs() {
        if (jobs.size() >= KEEP) {
            jobs.values().stream().filter(j -> j.finishedAt != null)
                    .min(java.util.Comparator.comparing(j -> j.finishedAt)).ifPresent(j -> jobs.remove(j.id));
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
