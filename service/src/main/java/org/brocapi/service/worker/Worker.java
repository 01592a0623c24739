package org.brocapi.service.worker;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one claimed job to its end: for each distinct pcap, the engine writes into
 * {@code .work/<attempt>/<n>/}, whose logs are then appended to {@code logs/bro/} by a
 * {@link LogMerger}; then the {@link JobStep}s run; then the job is finished in the queue.
 * An attempt whose job has no {@link JobDirectory#analysis()} record starts from scratch (earlier
 * {@code .work}, {@code logs/bro} and the delivery state derived from it are removed), which is what
 * makes re-running a job whose process died during analysis safe. Once the logs are complete the record
 * is written; a later attempt (process died during a step, or a re-delivery) reuses them and runs only
 * the steps, so delivery resumes from progress kept as byte offsets into those very files.
 *
 * <p>A worker that stalls (GC pause, SIGSTOP, a frozen VM) longer than the queue's claim timeout
 * loses its job to another worker. It learns so when the queue refuses its next progress report or
 * state change, and from then on leaves the job directory alone: it stops the engine, merges
 * nothing, runs no step and does not clean {@code .work} (the new holder's attempt lives there).
 * The queue is asked right before every merge, so only a stall in the few instructions between
 * that answer and the merge could still interleave.
 */
public final class Worker {
    static final System.Logger LOG = System.getLogger("org.brocapi.service.worker");
    private static final long PROGRESS_EVERY_MS = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<PcapResult>> RESULTS = new TypeReference<>() { };

    /** The queue gave the job to another worker while this one stalled. */
    private static final class JobLost extends RuntimeException {
        JobLost(String id) {
            super("job " + id + " is no longer ours", null, false, false);
        }
    }

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

    /** Processes {@code job}, already claimed; returns the state it ended in ({@code running} when the job was lost to another worker). */
    public JobState run(Job job) throws InterruptedException {
        JobDirectory dir = JobDirectory.of(config.processingDir(), job.id());
        List<PcapResult> results = new ArrayList<>();
        LOG.log(Level.INFO, "job {0}: attempt {1}, {2} pcap(s), engine {3}", job.id(), job.attempts(),
                job.pcaps().size(), engine.name());
        boolean lost = false;
        try {
            if (!reuseAnalysis(job, dir, results)) {
                analyse(job, dir, results);
            }
        } catch (JobLost e) {
            lost = true;
            return lost(job);
        } catch (EngineException e) {
            return end(job, JobState.FAILED, e.getMessage(), e.stderrTail(), results);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "job " + job.id() + " failed", e);
            return end(job, JobState.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), null, results);
        } finally {
            if (!lost) cleanWork(dir);
        }
        JobContext context = new JobContext(job, dir, config, results);
        for (JobStep step : steps) {
            if (step.activeState() != JobState.RUNNING && !queue.transition(job.id(), step.activeState())) {
                return lost(job);
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
        Files.deleteIfExists(dir.analysis());
        JobDirectory.deleteTree(dir.work());
        JobDirectory.deleteTree(dir.bro());
        JobDirectory.deleteTree(dir.syslog());
        Files.createDirectories(dir.bro());
        Files.createDirectories(dir.syslog());
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
                    stillOurs(job, base + Math.min(bytes, pcap.size()), results);
                }
            });
            stillOurs(job, base + pcap.size(), results);
            Map<String, Long> lines = merger.add(out);
            JobDirectory.deleteTree(out);
            results.add(new PcapResult(pcap.stored(), r.packets(), r.bytes(), lines));
            before += pcap.size();
            stillOurs(job, before, results);
        }
        merger.finish();
        recordAnalysis(dir, results);
    }

    /** Reports progress; throws {@link JobLost} when the queue says the job went to another worker. */
    private void stillOurs(Job job, long bytesDone, List<PcapResult> results) {
        if (!queue.progress(job.id(), bytesDone, results)) throw new JobLost(job.id());
    }

    private static JobState lost(Job job) {
        LOG.log(Level.WARNING, "job {0}: taken over by another worker while this one stalled; "
                + "leaving it alone", job.id());
        return JobState.RUNNING;
    }

    /** Reuses the logs of an earlier attempt when they are complete; false when there are none. */
    private boolean reuseAnalysis(Job job, JobDirectory dir, List<PcapResult> results) {
        if (!Files.isRegularFile(dir.analysis()) || !Files.isDirectory(dir.bro())) {
            return false;
        }
        try {
            results.addAll(JSON.readValue(dir.analysis().toFile(), RESULTS));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job {0}: unreadable {1}, analysing again ({2})", job.id(), dir.analysis(), e.getMessage());
            results.clear();
            return false;
        }
        stillOurs(job, job.bytesTotal(), results);
        LOG.log(Level.INFO, "job {0}: logs complete from an earlier attempt, analysis skipped", job.id());
        return true;
    }

    /** Makes the merged logs durable, then records them as complete (temp file + rename: all or nothing). */
    private static void recordAnalysis(JobDirectory dir, List<PcapResult> results) throws IOException {
        try (var logs = Files.list(dir.bro())) {
            for (Path p : logs.toList()) {
                force(p);
            }
        }
        force(dir.bro());
        Path tmp = dir.analysis().resolveSibling(dir.analysis().getFileName() + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(results));
        force(tmp);
        Files.move(tmp, dir.analysis(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        force(dir.root());
    }

    private static void force(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        }
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
