package org.brocapi.service.worker;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.brocapi.service.config.ServiceConfig;
import org.brocapi.service.job.Job;
import org.brocapi.service.job.JobDirectory;
import org.brocapi.service.job.JobState;
import org.brocapi.service.job.PcapResult;
import org.brocapi.service.job.UploadedPcap;
import org.brocapi.service.queue.JobQueue;

/**
 * Runs one claimed job to its end: for each distinct pcap, the engine writes into
 * {@code .work/<attempt>/<n>/}, whose logs are then appended to {@code logs/bro/} by a
 * {@link LogMerger}; then the {@link JobStep}s run; then the job is finished in the queue.
 * Every attempt starts from scratch (earlier {@code .work} and {@code logs/bro} contents are removed),
 * which is what makes re-running a job whose process died safe.
 */
public final class Worker {
    static final System.Logger LOG = System.getLogger("org.brocapi.service.worker");
    private static final long PROGRESS_EVERY_MS = 500;

    private final JobQueue queue;
    private final Engine engine;
    private final ServiceConfig config;
    private final List<JobStep> steps;

    public Worker(JobQueue queue, Engine engine, ServiceConfig config, List<JobStep> steps) {
        this.queue = queue;
        this.engine = engine;
        this.config = config;
        this.steps = List.copyOf(steps);
    }

    /** Processes {@code job}, already claimed; returns the state it ended in. */
    public JobState run(Job job) throws InterruptedException {
        JobDirectory dir = JobDirectory.of(config.processingDir(), job.id());
        List<PcapResult> results = new ArrayList<>();
        LOG.log(Level.INFO, "job {0}: attempt {1}, {2} pcap(s), engine {3}", job.id(), job.attempts(),
                job.pcaps().size(), engine.name());
        try {
            analyse(job, dir, results);
        } catch (EngineException e) {
            return end(job, JobState.FAILED, e.getMessage(), e.stderrTail(), results);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "job " + job.id() + " failed", e);
            return end(job, JobState.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), null, results);
        } finally {
            cleanWork(dir);
        }
        JobContext context = new JobContext(job, dir, config, results);
        for (JobStep step : steps) {
            if (step.activeState() != JobState.RUNNING) {
                queue.transition(job.id(), step.activeState());
            }
            try {
                step.run(context);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "job " + job.id() + ": step " + step.name() + " failed", e);
                return end(job, step.failedState(), step.name() + ": " + e.getMessage(), null, results);
            }
        }
        return end(job, JobState.DONE, null, null, results);
    }

    private void analyse(Job job, JobDirectory dir, List<PcapResult> results)
            throws IOException, EngineException, InterruptedException {
        if (!Files.isDirectory(dir.pcaps())) {
            throw new EngineException("job directory " + dir.root() + " is gone", null);
        }
        // from scratch: a previous attempt of this job may have died half-way
        JobDirectory.deleteTree(dir.work());
        JobDirectory.deleteTree(dir.bro());
        Files.createDirectories(dir.bro());
        Path attempt = dir.work().resolve(Integer.toString(job.attempts()));
        Duration timeout = config.jobTimeout();
        Instant deadline = timeout.isZero() ? Instant.MAX : Instant.now().plus(timeout);
        LogMerger merger = new LogMerger(dir.bro());
        long before = 0;
        long[] lastReport = {0};
        List<UploadedPcap> pcaps = Job.distinct(job.pcaps());
        for (int i = 0; i < pcaps.size(); i++) {
            UploadedPcap pcap = pcaps.get(i);
            Path out = Files.createDirectories(attempt.resolve(Integer.toString(i)));
            long base = before;
            Engine.Result r = engine.analyze(dir.pcaps().resolve(pcap.stored()), out, deadline, bytes -> {
                long now = System.currentTimeMillis();
                if (now - lastReport[0] >= PROGRESS_EVERY_MS) {
                    lastReport[0] = now;
                    queue.progress(job.id(), base + Math.min(bytes, pcap.size()), results);
                }
            });
            Map<String, Long> lines = merger.add(out);
            JobDirectory.deleteTree(out);
            results.add(new PcapResult(pcap.stored(), r.packets(), r.bytes(), lines));
            before += pcap.size();
            queue.progress(job.id(), before, results);
        }
        merger.finish();
    }

    private JobState end(Job job, JobState state, String error, String stderrTail, List<PcapResult> results) {
        if (!queue.finish(job.id(), state, error, stderrTail, results)) {
            LOG.log(Level.WARNING, "job {0}: no longer ours (deleted or re-queued), result dropped", job.id());
        }
        LOG.log(state == JobState.DONE ? Level.INFO : Level.WARNING, "job {0}: {1}{2}", job.id(), state.wireName(),
                error == null ? "" : " (" + error + ")");
        return state;
    }

    private static void cleanWork(JobDirectory dir) {
        try {
            JobDirectory.deleteTree(dir.work());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot remove " + dir.work(), e);
        }
    }
}
