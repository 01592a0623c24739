package org.brocapi.service.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.brocapi.service.config.ConfigException;
import org.brocapi.service.config.IniFile;
import org.brocapi.service.job.Job;
import org.brocapi.service.job.JobState;
import org.brocapi.service.job.PcapResult;
import org.brocapi.service.job.UploadedPcap;
import org.brocapi.service.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RedisJobQueue} against a real redis-server (AOF, fsync always) started per test. */
class RedisJobQueueTest {
    @TempDir
    Path tmp;
    RedisServer server;
    final List<RedisJobQueue> open = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        server = RedisServer.startLocal(tmp.resolve("redis"));
    }

    @AfterEach
    void stop() throws Exception {
        open.forEach(q -> {
            try {
                q.close();
            } catch (RuntimeException ignored) {
                // already abandoned
            }
        });
        server.close();
    }

    RedisJobQueue queue(Duration claimTimeout, int maxAttempts) {
        RedisJobQueue q = RedisJobQueue.open(RedisSettings.local(server.port(), claimTimeout, maxAttempts, "t:"));
        open.add(q);
        return q;
    }

    static Job job(String id, String tag) {
        return Job.queued(id, tag, List.of(new UploadedPcap(id + ".pcap", id + "00.pcap", "00", 100, "pcap")), Instant.now());
    }

    @Test
    void lifecycleListsFiltersCountsAndDeletes() {
        RedisJobQueue q = queue(Duration.ofSeconds(30), 3);
        q.submit(job("a", "s1"));
        q.submit(job("b", null));
        q.submit(job("c", "s1"));
        assertThatThrownBy(() -> q.submit(job("a", null))).isInstanceOf(QueueException.class).hasMessageContaining("exists");

        Job a = q.claim().orElseThrow();
        assertThat(a.id()).isEqualTo("a");
        assertThat(a.state()).isEqualTo(JobState.RUNNING);
        assertThat(a.attempts()).isEqualTo(1);
        assertThat(a.worker()).isEqualTo(q.workerId()).startsWith(RedisJobQueue.hostName() + "/" + ProcessHandle.current().pid() + "-");
        PcapResult r = new PcapResult("a00.pcap", 3L, 100, Map.of("conn.log", 2L));
        assertThat(q.progress("a", 50, List.of(r))).isTrue();
        assertThat(q.find("a").orElseThrow().bytesDone()).isEqualTo(50);
        assertThat(q.transition("a", JobState.DELIVERING)).isTrue();
        assertThat(q.counts()).containsEntry(JobState.DELIVERING, 1L).containsEntry(JobState.QUEUED, 2L);
        assertThat(q.delete("a")).isEqualTo(JobQueue.DeleteOutcome.ACTIVE);
        assertThat(q.finish("a", JobState.DONE, null, null, List.of(r))).isTrue();
        assertThat(q.finish("a", JobState.FAILED, "again", null, List.of())).as("finished once").isFalse();

        Job done = q.find("a").orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.bytesDone()).isEqualTo(100);
        assertThat(done.results()).containsExactly(r);
        assertThat(done.worker()).isEqualTo(q.workerId());
        assertThat(done.finished()).isNotNull();
        assertThat(done.error()).isNull();

        assertThat(q.list(null, null, 10, 0).jobs()).extracting(Job::id).containsExactly("c", "b", "a");
        assertThat(q.list(null, null, 1, 1).jobs()).extracting(Job::id).containsExactly("b");
        assertThat(q.list(null, null, 1, 1).total()).isEqualTo(3);
        assertThat(q.list("s1", null, 10, 0).jobs()).extracting(Job::id).containsExactly("c", "a");
        assertThat(q.list(null, JobState.QUEUED, 10, 0).jobs()).extracting(Job::id).containsExactly("c", "b");
        JobQueue.Page both = q.list("s1", JobState.QUEUED, 10, 0);
        assertThat(both.jobs()).extracting(Job::id).containsExactly("c");
        assertThat(both.total()).isEqualTo(1);

        assertThat(q.delete("b")).isEqualTo(JobQueue.DeleteOutcome.DELETED);
        assertThat(q.delete("b")).isEqualTo(JobQueue.DeleteOutcome.NOT_FOUND);
        assertThat(q.claim().orElseThrow().id()).as("deleted b is never claimed").isEqualTo("c");
        assertThat(q.claim()).isEmpty();
        assertThat(q.counts()).containsEntry(JobState.QUEUED, 0L).containsEntry(JobState.RUNNING, 1L)
                .containsEntry(JobState.DONE, 1L);
    }

    @Test
    void finishedJobIsRequeuedForRedeliveryAndClaimedAgain() {
        RedisJobQueue q = queue(Duration.ofSeconds(30), 3);
        q.submit(job("r", null));
        assertThat(q.requeue("r")).as("a queued job is not re-queued").isFalse();
        q.claim().orElseThrow();
        assertThat(q.requeue("r")).as("nor a running one").isFalse();
        assertThat(q.finish("r", JobState.DELIVERY_FAILED, "receiver down", null, List.of())).isTrue();
        assertThat(q.requeue("r")).isTrue();
        Job queued = q.find("r").orElseThrow();
        assertThat(queued.state()).isEqualTo(JobState.QUEUED);
        assertThat(queued.error()).isNull();
        assertThat(q.counts()).containsEntry(JobState.QUEUED, 1L).containsEntry(JobState.DELIVERY_FAILED, 0L);
        Job again = q.claim().orElseThrow();
        assertThat(again.id()).isEqualTo("r");
        assertThat(q.finish("r", JobState.DONE, null, null, List.of())).isTrue();
        assertThat(q.claim()).isEmpty();
    }

    @Test
    void jobOfASilentWorkerIsTakenOverAfterTheClaimTimeoutOnly() {
        RedisJobQueue dead = queue(Duration.ofSeconds(2), 3);
        RedisJobQueue live = queue(Duration.ofSeconds(2), 3);
        dead.submit(job("j", null));
        assertThat(dead.claim()).isPresent();
        live.submit(job("k", null));
        Job k = live.claim().orElseThrow();
        assertThat(k.id()).isEqualTo("k");
        dead.abandon();

        long t0 = System.nanoTime();
        RedisJobQueue other = queue(Duration.ofSeconds(2), 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> other.recover() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(1000));
        assertThat(other.find("j").orElseThrow().state()).as("shown queued once its worker is silent").isEqualTo(JobState.QUEUED);
        Job j = other.claim().orElseThrow();
        assertThat(j.id()).isEqualTo("j");
        assertThat(j.attempts()).isEqualTo(2);
        assertThat(j.worker()).isEqualTo(other.workerId());
        assertThat(other.finish("j", JobState.DONE, null, null, List.of())).isTrue();

        // the living worker's job, older than the timeout, was kept by its heartbeat
        assertThat(other.claim()).isEmpty();
        assertThat(live.finish("k", JobState.DONE, null, null, List.of())).isTrue();
        // a worker silent for claim_timeout is no longer listed
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(live.workers())
                .extracting(WorkerStatus::id).containsExactlyInAnyOrder(live.workerId(), other.workerId()));
    }

    @Test
    void aJobThatKeepsKillingWorkersEndsFailedAfterMaxAttempts() {
        queue(Duration.ofSeconds(1), 2).submit(job("bad", null));
        for (int attempt = 1; attempt <= 2; attempt++) {
            RedisJobQueue w = queue(Duration.ofSeconds(1), 2);
            Optional<Job> j = Optional.empty();
            long until = System.currentTimeMillis() + 5000;
            while (j.isEmpty() && System.currentTimeMillis() < until) {
                j = w.claim();
            }
            assertThat(j).get().extracting(Job::attempts).isEqualTo(attempt);
            w.abandon();
        }
        RedisJobQueue last = queue(Duration.ofSeconds(1), 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> last.claim().isEmpty()
                && last.find("bad").orElseThrow().state() == JobState.FAILED);
        Job bad = last.find("bad").orElseThrow();
        assertThat(bad.error()).startsWith("gave up after 2 attempt(s)");
        assertThat(bad.attempts()).isEqualTo(2);
        assertThat(last.counts()).containsEntry(JobState.FAILED, 1L).containsEntry(JobState.RUNNING, 0L)
                .containsEntry(JobState.QUEUED, 0L);
    }

    @Test
    void closeHandsHeldJobsBackAtOnceWithoutCountingTheAttempt() {
        RedisJobQueue first = queue(Duration.ofSeconds(60), 3);
        first.submit(job("x", null));
        first.submit(job("y", null));
        assertThat(first.claim().orElseThrow().id()).isEqualTo("x");
        first.close();
        RedisJobQueue second = queue(Duration.ofSeconds(60), 3);
        assertThat(second.find("x").orElseThrow().state()).isEqualTo(JobState.QUEUED);
        List<String> order = new ArrayList<>();
        second.claim().ifPresent(j -> order.add(j.id() + ":" + j.attempts()));
        second.claim().ifPresent(j -> order.add(j.id() + ":" + j.attempts()));
        assertThat(order).containsExactly("y:1", "x:1");
        assertThat(queue(Duration.ofSeconds(60), 3).finish("x", JobState.DONE, null, null, List.of()))
                .as("only the holder finishes").isFalse();
        assertThat(second.finish("x", JobState.DONE, null, null, List.of())).isTrue();
    }

    @Test
    void redisKilledAndRestartedLosesNoAcceptedJobAndKeepsClaims() throws Exception {
        RedisJobQueue q = queue(Duration.ofSeconds(30), 3);
        for (int i = 0; i < 50; i++) {
            q.submit(job("r" + i, i % 2 == 0 ? "even" : null));
        }
        assertThat(q.claim().orElseThrow().id()).isEqualTo("r0");
        server.kill();
        assertThatThrownBy(() -> q.submit(job("during", null))).isInstanceOf(QueueException.class);
        server.start();

        assertThat(q.counts()).containsEntry(JobState.QUEUED, 49L).containsEntry(JobState.RUNNING, 1L);
        assertThat(q.find("during")).isEmpty();
        assertThat(q.list("even", null, 100, 0).total()).isEqualTo(25);
        assertThat(q.finish("r0", JobState.DONE, null, null, List.of())).isTrue();
        List<String> claimed = new ArrayList<>();
        for (Optional<Job> j = q.claim(); j.isPresent(); j = q.claim()) {
            claimed.add(j.get().id());
            assertThat(q.finish(j.get().id(), JobState.DONE, null, null, List.of())).isTrue();
        }
        assertThat(claimed).hasSize(49).doesNotHaveDuplicates().doesNotContain("r0");
        assertThat(q.counts()).containsEntry(JobState.DONE, 50L);
    }

    @Test
    void queueSectionIsValidatedWithOneLinePerProblem() throws Exception {
        IniFile ini = IniFile.parse("""
                [queue]
                backend = redis
                port = 0
                claim_timeout = soon
                tls = maybe
                colour = blue
                """, "test");
        assertThatThrownBy(() -> RedisSettings.from(ini)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "[queue] has an unknown key 'colour' (known: backend, claim_timeout, database, host, key_prefix, "
                                + "max_attempts, password, port, tls, tls_ca_file, tls_verify_hostname, username)",
                        "[queue] port = 0: must be between 1 and 65535",
                        "[queue] claim_timeout = soon: not a whole number",
                        "[queue] tls = maybe: not a boolean (1/yes/true/on or 0/no/false/off)"));
        RedisSettings s = RedisSettings.from(IniFile.parse("""
                [queue]
                host = redis.example
                password = secret
                database = 2
                tls = on
                max_attempts = 5
                """, "test"));
        assertThat(s.address()).isEqualTo("rediss://redis.example:6379/2");
        assertThat(s.maxAttempts()).isEqualTo(5);
        assertThat(s.claimTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.password()).isEqualTo("secret");
    }

    @Test
    void tlsWithPasswordAndOwnCaWorksAndAnUntrustedServerIsRefused() throws Exception {
        Path certs = Files.createDirectories(tmp.resolve("certs"));
        // a CA and a server certificate for 127.0.0.1, made by openssl as an operator would
        Assumptions.assumeTrue(sh(certs, "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 1 -subj /CN=test-ca"
                + " && openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr -subj /CN=redis"
                + " && printf 'subjectAltName=IP:127.0.0.1' > ext"
                + " && openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem -days 1 -extfile ext"),
                "openssl is needed to make test certificates");
        try (RedisServer tls = RedisServer.startTls(tmp.resolve("redis-tls"), certs, "s3cret")) {
            RedisSettings ok = new RedisSettings("127.0.0.1", tls.port(), null, "s3cret", 1, true, certs.resolve("ca.pem"), true,
                    Duration.ofSeconds(30), 3, "tls:");
            try (RedisJobQueue q = RedisJobQueue.open(ok)) {
                q.submit(job("t", "secure"));
                assertThat(q.claim().orElseThrow().id()).isEqualTo("t");
                assertThat(q.finish("t", JobState.DONE, null, null, List.of())).isTrue();
                assertThat(q.find("t").orElseThrow().state()).isEqualTo(JobState.DONE);
            }
            RedisSettings jdkTrust = new RedisSettings("127.0.0.1", tls.port(), null, "s3cret", 1, true, null, true,
                    Duration.ofSeconds(30), 3, "tls:");
            assertThatThrownBy(() -> RedisJobQueue.open(jdkTrust)).isInstanceOf(QueueException.class)
                    .hasMessageStartingWith("cannot use Redis at rediss://127.0.0.1:" + tls.port() + "/1: ");
            RedisSettings wrongPassword = new RedisSettings("127.0.0.1", tls.port(), null, "nope", 1, true,
                    certs.resolve("ca.pem"), true, Duration.ofSeconds(30), 3, "tls:");
            assertThatThrownBy(() -> RedisJobQueue.open(wrongPassword)).isInstanceOf(QueueException.class)
                    .hasMessageContaining("WRONGPASS");
        }
    }

    static boolean sh(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        return p.waitFor() == 0;
    }

    @Test
    void unreachableRedisIsOneClearError() throws Exception {
        int port = RedisServer.freePort();
        assertThatThrownBy(() -> RedisJobQueue.open(RedisSettings.local(port, Duration.ofSeconds(5), 3, "t:")))
                .isInstanceOf(QueueException.class)
                .hasMessageStartingWith("cannot use Redis at redis://127.0.0.1:" + port + "/0: ");
    }
}
