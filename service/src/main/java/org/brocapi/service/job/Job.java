package org.brocapi.service.job;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job as stored in the queue.
 *
 * @param attempts    how often a worker claimed it (more than 1 after a crash re-run)
 * @param bytesTotal  size of the distinct stored pcaps; {@code bytesDone} counts up to it while running
 * @param error       why it failed, one line; null otherwise
 * @param stderrTail  the end of the engine's stderr when it failed
 * @param results     one entry per distinct stored pcap, filled as they finish
 * @param worker      the worker process that ran (or runs) the latest attempt, as {@code host/pid-suffix};
 *                    null when never claimed or when the queue does not record it
 */
public record Job(String id, JobState state, String tag, List<UploadedPcap> pcaps,
                  Instant created, Instant started, Instant finished, int attempts,
                  long bytesTotal, long bytesDone, String error, String stderrTail, List<PcapResult> results,
                  String worker) {

    public Job {
        pcaps = List.copyOf(pcaps);
        results = List.copyOf(results);
    }

    /** Without a recorded worker. */
    public Job(String id, JobState state, String tag, List<UploadedPcap> pcaps,
               Instant created, Instant started, Instant finished, int attempts,
               long bytesTotal, long bytesDone, String error, String stderrTail, List<PcapResult> results) {
        this(id, state, tag, pcaps, created, started, finished, attempts, bytesTotal, bytesDone, error, stderrTail,
                results, null);
    }

    public static Job queued(String id, String tag, List<UploadedPcap> pcaps, Instant now) {
        long total = distinct(pcaps).stream().mapToLong(UploadedPcap::size).sum();
        return new Job(id, JobState.QUEUED, tag, pcaps, now, null, null, 0, total, 0, null, null, List.of());
    }

    /** The original names, in upload order, as 1.0's {@code files}. */
    public List<String> files() {
        return pcaps.stream().map(UploadedPcap::name).toList();
    }

    /** Each stored file once, in upload order: what the worker analyses. */
    public static List<UploadedPcap> distinct(List<UploadedPcap> pcaps) {
        Map<String, UploadedPcap> byStored = new LinkedHashMap<>();
        pcaps.forEach(p -> byStored.putIfAbsent(p.stored(), p));
        return List.copyOf(byStored.values());
    }

    /** Data lines per log over all pcaps. */
    public Map<String, Long> logLines() {
        Map<String, Long> sum = new LinkedHashMap<>();
        results.forEach(r -> r.logs().forEach((k, v) -> sum.merge(k, v, Long::sum)));
        return sum;
    }
}
