import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.brocapi.service.job.Job;
import org.brocapi.service.job.JobState;
import org.brocapi.service.job.PcapResult;
import org.brocapi.service.job.UploadedPcap;
import org.brocapi.service.queue.JobQueue;
import org.brocapi.service.queue.RedisJobQueue;
import org.brocapi.service.queue.RedisSettings;
import org.brocapi.service.queue.SqliteJobQueue;

/**
 * The job queue's own cost per job, no analysis: submit, then claim + 2 progress reports + finish,
 * one thread, as a worker calls them. Run with the shaded jar on the class path (single-file source):
 *   java --enable-native-access=ALL-UNNAMED -cp cli/target/brocapi.jar bench/QueueBench.java redis PORT [JOBS]
 *   java --enable-native-access=ALL-UNNAMED -cp cli/target/brocapi.jar bench/QueueBench.java sqlite DIR [JOBS]
 */
public class QueueBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        JobQueue q = args[0].equals("redis")
                ? RedisJobQueue.open(RedisSettings.local(Integer.parseInt(args[1]), Duration.ofMinutes(5), 3,
                        "qbench:" + System.nanoTime() + ":"))
                : SqliteJobQueue.open(Files.createDirectories(Path.of(args[1])));
        try (q) {
            round(q, "warm-up", 500);
            round(q, args[0], n);
        }
    }

    static void round(JobQueue q, String label, int n) {
        List<UploadedPcap> pcaps = List.of(new UploadedPcap("a.pcap", "0123456789abcdef.pcap", "0123456789abcdef", 4096, "pcap"));
        PcapResult result = new PcapResult("0123456789abcdef.pcap", 12L, 4096, java.util.Map.of("conn.log", 3L, "dns.log", 2L));
        String run = Long.toHexString(System.nanoTime());
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            q.submit(Job.queued(run + "-" + i, i % 2 == 0 ? "bench" : null, pcaps, Instant.now()));
        }
        long t1 = System.nanoTime();
        int done = 0;
        for (Optional<Job> j = q.claim(); j.isPresent(); j = q.claim()) {
            String id = j.get().id();
            q.progress(id, 1024, List.of());
            q.progress(id, 4096, List.of(result));
            q.finish(id, JobState.DONE, null, null, List.of(result));
            done++;
        }
        long t2 = System.nanoTime();
        if (label.equals("warm-up")) {
            return;
        }
        System.out.printf("%-7s %d jobs: submit %.0f µs/job, claim+2×progress+finish %.0f µs/job, total %.0f µs/job (%.0f jobs/s, queue alone, 1 thread)%n",
                label, done, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / done, (t2 - t0) / 1e3 / done, done / ((t2 - t0) / 1e9));
    }
}
