package dev.kaiko.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Long-running maintenance work (re-tagging, reindexing) as jobs run one at a time in the background, with a
 * progress counter the API can show. Jobs are kept in memory: what they change is committed as they go.
 */
@ApplicationScoped
public class BackgroundJobs {

    private static final Logger LOG = Logger.getLogger(BackgroundJobs.class);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kaiko-maintenance-job");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** What a running job reports: how much of how much is done. */
    public static final class Progress {
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong total = new AtomicLong();

        public void total(long n) {
            total.set(n);
        }

        public void advance(long n) {
            done.addAndGet(n);
        }

        public void done(long n) {
            done.set(n);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String id, String kind, String state, long done, long total, Instant startedAt,
            Instant finishedAt, String error) {
    }

    private static final class Job {
        final String id = UUID.randomUUID().toString();
        final String kind;
        final Progress progress = new Progress();
        final Instant startedAt = Instant.now();
        volatile String state = "queued";
        volatile Instant finishedAt;
        volatile String error;

        Job(String kind) {
            this.kind = kind;
        }

        Status status() {
            return new Status(id, kind, state, progress.done.get(), progress.total.get(), startedAt, finishedAt, error);
        }
    }

    public Status submit(String kind, Consumer<Progress> work) {
        Job job = new Job(kind);
        jobs.put(job.id, job);
        worker.execute(() -> {
            job.state = "running";
            try {
                work.accept(job.progress);
                job.state = "done";
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s job %s failed", kind, job.id);
                job.error = e.getMessage();
                job.state = "failed";
            } finally {
                job.finishedAt = Instant.now();
                LOG.infof("%s job %s %s: %d/%d", kind, job.id, job.state, job.progress.done.get(),
                        job.progress.total.get());
            }
        });
        return job.status();
    }

    public Optional<Status> status(String id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::status);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
