package dev.kaiko.jobs;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The one registry of background jobs (imports, re-tagging, reindexing): each runs in the background on the lane
 * of its kind, one at a time per lane (imports do not wait behind a reindex), with progress the API and pages can
 * show while it runs and a typed result once done. Jobs live in memory — what they change is committed as they go —
 * and the registry remembers the latest {@value #KEEP} finished ones.
 */
@ApplicationScoped
public class BackgroundJobs {

    private static final Logger LOG = Logger.getLogger(BackgroundJobs.class);
    static final int KEEP = 200;

    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private final Map<String, Job<?>> jobs = new ConcurrentHashMap<>();

    /** The work of a job; what it returns is the job's result. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Progress progress) throws Exception;
    }

    /** What a running job reports: how much of how much is done, and named counters of its own. */
    public static final class Progress {
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong total = new AtomicLong();
        private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

        public void total(long n) {
            total.set(n);
        }

        public void advance(long n) {
            done.addAndGet(n);
        }

        public void done(long n) {
            done.set(n);
        }

        /** A named counter shown with the job (e.g. "topics_done"). */
        public AtomicLong counter(String name) {
            return counters.computeIfAbsent(name, k -> new AtomicLong());
        }
    }

    /** A job as the API answers it: one JSON shape for every kind. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(
            String id,
            String kind,
            String state,
            long done,
            long total,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("finished_at") Instant finishedAt,
            String error,
            Object result,
            @JsonIgnore Map<String, Long> counters) {

        /** The job's own counters, next to the common fields. */
        @JsonAnyGetter
        public Map<String, Long> countersAsFields() {
            return counters;
        }

        public long counter(String name) {
            return counters.getOrDefault(name, 0L);
        }

        /** An import job's report under the name the import API has always used (also as {@code result}). */
        @JsonProperty("report")
        public Object report() {
            return "import".equals(kind) ? result : null;
        }

        public boolean finished() {
            return finishedAt != null;
        }
    }

    private static final class Job<R> {
        final String id = UUID.randomUUID().toString();
        final String kind;
        final Progress progress = new Progress();
        final Instant startedAt = Instant.now();
        volatile String state = "queued";
        volatile Instant finishedAt;
        volatile String error;
        volatile R result;

        Job(String kind) {
            this.kind = kind;
        }

        Status status() {
            Map<String, Long> counters = new LinkedHashMap<>();
            progress.counters.forEach((k, v) -> counters.put(k, v.get()));
            return new Status(
                    id,
                    kind,
                    state,
                    progress.done.get(),
                    progress.total.get(),
                    startedAt,
                    finishedAt,
                    error,
                    result,
                    counters);
        }
    }

    /** Queues {@code work} on the lane named {@code kind}; returns its first status. */
    public <R> Status submit(String kind, Work<R> work) {
        return submit(kind, work, p -> {});
    }

    /** As {@link #submit(String, Work)}, with the progress prepared (totals known up front) before it is shown. */
    public <R> Status submit(String kind, Work<R> work, java.util.function.Consumer<Progress> prepare) {
        Job<R> job = new Job<>(kind);
        prepare.accept(job.progress);
        forgetOldJobs();
        jobs.put(job.id, job);
        lane(kind).execute(() -> {
            job.state = "running";
            try {
                job.result = work.run(job.progress);
                job.state = "done";
            } catch (Exception e) {
                LOG.errorf(e, "%s job %s failed", kind, job.id);
                job.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                job.state = "failed";
            } finally {
                job.finishedAt = Instant.now();
                LOG.infof(
                        "%s job %s %s: %d/%d",
                        kind, job.id, job.state, job.progress.done.get(), job.progress.total.get());
            }
        });
        return job.status();
    }

    public Optional<Status> status(String id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::status);
    }

    /** Imports have a lane of their own; maintenance (re-tagging, reindexing) shares one, so they never overlap. */
    private ExecutorService lane(String kind) {
        return lanes.computeIfAbsent(
                "import".equals(kind) ? "import" : "maintenance",
                k -> Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "kaiko-job-" + k);
                    t.setDaemon(true);
                    return t;
                }));
    }

    private void forgetOldJobs() {
        while (jobs.size() >= KEEP) {
            Optional<Job<?>> oldest = jobs.values().stream()
                    .filter(j -> j.finishedAt != null)
                    .min(Comparator.comparing(j -> j.finishedAt));
            if (oldest.isEmpty()) {
                return; // all still running or queued: keep them
            }
            jobs.remove(oldest.get().id);
        }
    }

    @PreDestroy
    void stop() {
        lanes.values().forEach(ExecutorService::shutdownNow);
    }
}
