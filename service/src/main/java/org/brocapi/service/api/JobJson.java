package org.brocapi.service.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.brocapi.service.job.Job;
import org.brocapi.service.job.PcapResult;
import org.brocapi.service.job.UploadedPcap;

/** The JSON objects of the job routes, as ordered maps for {@link JsonText}. */
final class JobJson {
    private JobJson() { }

    /** 1.0's success body of {@code POST /submit/pcap}, key order included. */
    static Map<String, Object> queued(Job job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "job queued");
        m.put("files", job.files());
        m.put("tag", job.tag());
        m.put("job_id", job.id());
        m.put("success", true);
        return m;
    }

    static Map<String, Object> job(Job job) {
        return job(job, null);
    }

    /** @param delivery the job's {@code DeliveryState}, or null when it was never delivered (left out of lists) */
    static Map<String, Object> job(Job job, Map<String, Object> delivery) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", job.id());
        m.put("state", job.state().wireName());
        m.put("tag", job.tag());
        m.put("files", job.files());
        m.put("pcaps", job.pcaps().stream().map(JobJson::pcap).toList());
        m.put("created", time(job.created()));
        m.put("started", time(job.started()));
        m.put("finished", time(job.finished()));
        m.put("attempts", job.attempts());
        m.put("worker", job.worker());
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("bytes_done", job.bytesDone());
        progress.put("bytes_total", job.bytesTotal());
        m.put("progress", progress);
        m.put("results", job.results().stream().map(JobJson::result).toList());
        m.put("logs", job.logLines());
        if (delivery != null) {
            m.put("delivery", delivery);
        }
        m.put("error", job.error());
        m.put("stderr_tail", job.stderrTail());
        return m;
    }

    static Map<String, Object> page(List<Job> jobs, long total, int limit, int offset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobs", jobs.stream().map(JobJson::job).toList());
        m.put("total", total);
        m.put("limit", limit);
        m.put("offset", offset);
        return m;
    }

    private static Map<String, Object> pcap(UploadedPcap p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("stored", p.stored());
        m.put("sha256", p.sha256());
        m.put("size", p.size());
        m.put("format", p.format());
        return m;
    }

    private static Map<String, Object> result(PcapResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pcap", r.stored());
        m.put("packets", r.packets());
        m.put("bytes", r.bytes());
        m.put("logs", r.logs());
        return m;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
