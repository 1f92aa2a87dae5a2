package dev.kaiko.model;

import java.time.Duration;

/**
 * What writers ask of the search index: to wait until their committed change can be found. The model declares it
 * and the index implements it, so writers (imports, tag edits) need not know the index (it sits below them in the
 * data flow, the writers above). Changes reach the index through the {@link IndexOutbox} either way.
 */
public interface IndexFreshness {

    /**
     * Waits until what was committed before this call is searchable.
     * @return false when that did not happen within the timeout (the engine is down or slow); the change is stored
     *         and will be indexed when the engine takes it
     */
    boolean awaitIndexed(Duration timeout);

    /**
     * Topics of these issues whose index change was parked as a dead letter at or after {@code since}: stored, but
     * not searchable until an admin retries them (GET/POST /api/admin/dead-letters).
     */
    java.util.List<IndexFailure> indexFailures(java.util.Collection<Long> issueIds, java.time.Instant since);

    /** A topic the index refused, and the engine's (or the document builder's) last word on it. */
    record IndexFailure(
            @com.fasterxml.jackson.annotation.JsonProperty("topic_id")
            long topicId,

            String error) {}
}
