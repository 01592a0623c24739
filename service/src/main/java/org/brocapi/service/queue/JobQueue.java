package org.brocapi.service.queue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.brocapi.service.job.Job;
import org.brocapi.service.job.JobState;
import org.brocapi.service.job.PcapResult;

/**
 * The durable job queue and job store, shared by the API (submit, read, delete) and the workers
 * (claim, report, finish). Implementations: {@link SqliteJobQueue} (embedded, one host) and
 * {@link RedisJobQueue} (API servers and workers on many hosts).
 *
 * <p>Lifecycle of one job, in order: {@link #submit} once (durable when it returns); {@link #claim}
 * by exactly one worker; {@link #progress} and {@link #transition} any number of times; {@link
 * #finish} once. Every worker call names the job and is ignored (returns false) unless the job is
 * still claimed by this queue's process, so a worker that lost its claim cannot overwrite a re-run.
 * A claim held by a process that died goes back to {@code queued} through {@link #recover}, and the
 * next claim starts it from scratch ({@code attempts} counts the claims).
 */
public interface JobQueue extends AutoCloseable {

    /** Stores a new {@code queued} job; on return it survives {@code kill -9} and power loss. */
    void submit(Job job);

    /** Atomically takes the oldest queued job, marking it {@code running}; empty when none is queued. */
    Optional<Job> claim();

    /** Reports progress of a claimed job: bytes of pcap processed and the pcaps finished so far. */
    boolean progress(String id, long bytesDone, List<PcapResult> results);

    /** Moves a claimed job to another active state (e.g. {@code delivering}). */
    boolean transition(String id, JobState state);

    /**
     * Puts a job whose logs are complete ({@code done} or {@code delivery_failed}) back to {@code queued},
     * so that a worker runs its steps again (re-delivery); false when the job is in another state.
     */
    boolean requeue(String id);

    /** Ends a claimed job in a terminal state. */
    boolean finish(String id, JobState state, String error, String stderrTail, List<PcapResult> results);

    Optional<Job> find(String id);

    /** Newest first; {@code tag} and {@code state} filter when not null. */
    Page list(String tag, JobState state, int limit, int offset);

    /** Removes a job that no worker holds. */
    DeleteOutcome delete(String id);

    Map<JobState, Long> counts();

    /** Re-queues jobs claimed by processes that are gone; returns how many. */
    int recover();

    /** Worker processes known to be alive, for {@code GET /health}; empty when the queue does not track them. */
    default List<WorkerStatus> workers() {
        return List.of();
    }

    @Override
    void close();

    record Page(List<Job> jobs, long total, int limit, int offset) { }

    enum DeleteOutcome { DELETED, NOT_FOUND, ACTIVE }
}
