package org.brocapi.service.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.brocapi.service.job.Job;
import org.brocapi.service.job.JobState;
import org.brocapi.service.job.PcapResult;
import org.brocapi.service.job.UploadedPcap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobQueueTest {
    @TempDir
    Path tmp;

    static Job job(String tag) {
        return Job.queued(UUID.randomUUID().toString(), tag,
                List.of(new UploadedPcap("a.pcap", "ab.pcap", "ab", 100, "pcap"), new UploadedPcap("b.pcap", "ab.pcap", "ab", 100, "pcap")),
                Instant.now());
    }

    @Test
    void submitClaimFinishRoundTrip() {
        try (SqliteJobQueue q = SqliteJobQueue.open(tmp)) {
            Job j = job("t");
            q.submit(j);
            assertThat(j.bytesTotal()).isEqualTo(100); // the same stored file counts once
            Job claimed = q.claim().orElseThrow();
            assertThat(claimed.id()).isEqualTo(j.id());
            assertThat(claimed.state()).isEqualTo(JobState.RUNNING);
            assertThat(claimed.attempts()).isEqualTo(1);
            assertThat(q.claim()).isEmpty();
            List<PcapResult> results = List.of(new PcapResult("ab.pcap", 3L, 100, java.util.Map.of("conn.log", 4L)));
            assertThat(q.progress(j.id(), 50, results)).isTrue();
            assertThat(q.find(j.id()).orElseThrow().bytesDone()).isEqualTo(50);
            assertThat(q.transition(j.id(), JobState.DELIVERING)).isTrue();
            assertThat(q.delete(j.id())).isEqualTo(JobQueue.DeleteOutcome.ACTIVE);
            assertThat(q.finish(j.id(), JobState.DONE, null, null, results)).isTrue();
            assertThat(q.finish(j.id(), JobState.FAILED, "again", null, results)).isFalse();
            Job done = q.find(j.id()).orElseThrow();
            assertThat(done.state()).isEqualTo(JobState.DONE);
            assertThat(done.bytesDone()).isEqualTo(100);
            assertThat(done.results()).isEqualTo(results);
            assertThat(done.files()).containsExactly("a.pcap", "b.pcap");
            assertThat(q.delete(j.id())).isEqualTo(JobQueue.DeleteOutcome.DELETED);
            assertThat(q.delete(j.id())).isEqualTo(JobQueue.DeleteOutcome.NOT_FOUND);
        }
    }

    @Test
    void concurrentClaimsFromTwoProcessesNeverShareAJob() throws Exception {
        try (SqliteJobQueue a = SqliteJobQueue.open(tmp); SqliteJobQueue b = SqliteJobQueue.open(tmp)) {
            for (int i = 0; i < 60; i++) {
                a.submit(job("c"));
            }
            Set<String> seen = ConcurrentHashMap.newKeySet();
            List<String> dupes = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (SqliteJobQueue q : List.of(a, b, a, b)) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (Optional<Job> j; (j = q.claim()).isPresent(); ) {
                        if (!seen.add(j.get().id())) {
                            synchronized (dupes) {
                                dupes.add(j.get().id());
                            }
                        }
                    }
                }));
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(dupes).isEmpty();
            assertThat(seen).hasSize(60);
        }
    }

    @Test
    void claimsOfAClosedQueueAreRecoveredAndRerun() {
        Job j = job(null);
        try (SqliteJobQueue dead = SqliteJobQueue.open(tmp); SqliteJobQueue live = SqliteJobQueue.open(tmp)) {
            dead.submit(j);
            assertThat(dead.claim()).isPresent();
            assertThat(live.recover()).isZero(); // its owner is alive
            dead.close();
            assertThat(live.recover()).isEqualTo(1);
            assertThat(dead.ownerId()).isNotEqualTo(live.ownerId());
            Job again = live.claim().orElseThrow();
            assertThat(again.attempts()).isEqualTo(2);
            assertThat(again.bytesDone()).isZero();
        }
    }

    @Test
    void listFiltersAndCounts() {
        try (SqliteJobQueue q = SqliteJobQueue.open(tmp)) {
            Job x = job("x");
            Job y = job("y");
            q.submit(x);
            q.submit(y);
            assertThat(q.list("x", null, 10, 0).jobs()).extracting(Job::id).containsExactly(x.id());
            assertThat(q.list(null, JobState.QUEUED, 10, 0).total()).isEqualTo(2);
            assertThat(q.list(null, null, 1, 0).jobs()).extracting(Job::id).containsExactly(y.id());
            assertThat(q.counts().get(JobState.QUEUED)).isEqualTo(2);
        }
    }
}
