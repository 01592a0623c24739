package org.brocapi.service.queue;

import java.time.Instant;
import java.util.List;

/**
 * A worker process as the shared queue last heard of it.
 *
 * @param id    the name jobs record in {@code worker}: {@code host/pid-suffix}
 * @param jobs  the jobs it holds now
 */
public record WorkerStatus(String id, String host, long pid, Instant started, Instant lastSeen, List<String> jobs) {
    public WorkerStatus {
        jobs = List.copyOf(jobs);
    }
}
