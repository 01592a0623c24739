package org.brocapi.service.worker;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.brocapi.service.job.Job;
import org.brocapi.service.queue.JobQueue;

/**
 * {@code workers} platform threads (analysis is CPU-bound; one pcap is analysed on one thread,
 * parallelism is across jobs), each looping claim → {@link Worker#run}. Idle workers wait for
 * {@link #wake} (a submit in this process) or poll every {@value #POLL_MS} ms (submits by other
 * processes). One thread also re-queues orphaned claims every {@value #RECOVER_MS} ms.
 */
public final class WorkerPool implements AutoCloseable {
    static final long POLL_MS = 500;
    static final long RECOVER_MS = 2000;

    private final JobQueue queue;
    private final Worker worker;
    private final List<Thread> threads = new ArrayList<>();
    private final Semaphore work = new Semaphore(0);
    private volatile boolean stopping;

    public WorkerPool(JobQueue queue, Worker worker, int size) {
        this.queue = queue;
        this.worker = worker;
        for (int i = 0; i < size; i++) {
            threads.add(Thread.ofPlatform().name("brocapi-worker-" + i).unstarted(this::loop));
        }
    }

    public WorkerPool start() {
        threads.forEach(Thread::start);
        return this;
    }

    public int size() {
        return threads.size();
    }

    /** A job was submitted: one idle worker looks now instead of at its next poll. */
    public void wake() {
        work.release();
    }

    private void loop() {
        boolean recoverer = Thread.currentThread() == threads.get(0);
        long nextRecover = 0;
        while (!stopping) {
            try {
                if (recoverer && System.currentTimeMillis() >= nextRecover) {
                    int n = queue.recover();
                    if (n > 0) {
                        Worker.LOG.log(Level.INFO, "re-queued {0} job(s) of processes that died", n);
                    }
                    nextRecover = System.currentTimeMillis() + RECOVER_MS;
                }
                Optional<Job> job = queue.claim();
                if (job.isPresent()) {
                    worker.run(job.get());
                } else {
                    work.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Worker.LOG.log(Level.ERROR, "worker loop", e);
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Stops the workers; jobs they were running stay claimed and are re-run after this process ends. */
    @Override
    public void close() {
        stopping = true;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
