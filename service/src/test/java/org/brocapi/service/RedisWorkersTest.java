package org.brocapi.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.brocapi.service.config.ServiceConfig;
import org.brocapi.service.testing.FakeZeek;
import org.brocapi.service.testing.Http;
import org.brocapi.service.testing.Multipart;
import org.brocapi.service.testing.PcapWriter;
import org.brocapi.service.testing.RedisServer;
import org.brocapi.service.testing.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code [queue] backend = redis} end to end: a real redis-server (AOF, fsync always), the API in this
 * JVM without workers, three worker processes ({@code ServiceMain --workers-only}, separate JVMs)
 * on one queue and one job directory. A worker killed with {@code kill -9} mid-job has the job taken
 * over and finished, every line once; Redis killed and restarted mid-run loses no accepted job; a
 * worker stopped with SIGTERM hands its job back at once.
 */
class RedisWorkersTest {
    static final int CLAIM_TIMEOUT_S = 3;

    @TempDir
    Path tmp;
    RedisServer redis;
    ServiceMain api;
    final List<ServiceProcess> workers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ServiceProcess w : workers) {
            w.close();
        }
        if (api != null) {
            api.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void workersInSeparateJvmsShareOneQueueThroughKillsAndARedisRestart() throws Exception {
        Http http = startCluster(3, "worker", "max_attempts = 3\n");
        assertThat(http.json("/health").get("queue").asString()).isEqualTo("redis");

        // several processes take from one queue
        Map<String, byte[]> spread = submitAll(http, "spread", 6, "SLEEP1");
        Set<String> ranBy = new HashSet<>();
        for (String id : awaitDone(http, spread, 60)) {
            ranBy.add(http.json("/jobs/" + id).get("worker").asString());
        }
        assertThat(ranBy).as("jobs spread over worker processes").hasSizeGreaterThanOrEqualTo(2);

        // kill -9 of the worker running a job: another takes it over after claim_timeout and finishes it
        byte[] k = new PcapWriter().udp(1, 2, "job k SLEEP3").pcap();
        String jk = id(http.submit(new Multipart().file("file[]", "k.pcap", k)).body());
        await().atMost(Duration.ofSeconds(30)).until(() -> http.json("/jobs/" + jk).get("state").asString().equals("running"));
        String holder = http.json("/jobs/" + jk).get("worker").asString();
        ServiceProcess victim = byWorkerId(holder);
        victim.kill();
        workers.remove(victim);
        await().atMost(Duration.ofSeconds(60)).until(() -> http.json("/jobs/" + jk).get("state").asString().equals("done"));
        JsonNode job = http.json("/jobs/" + jk);
        assertThat(job.get("attempts").asInt()).isEqualTo(2);
        assertThat(job.get("worker").asString()).isNotEqualTo(holder);
        assertLinesOnce(http, jk, k);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(workerIds(http)).hasSize(2).doesNotContain(holder));

        // Redis killed (-9) and restarted while jobs run: nothing accepted is lost
        Map<String, byte[]> during = submitAll(http, "redis", 6, "SLEEP1");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.json("/health").get("jobs").get("running").asInt() > 0);
        redis.kill();
        var refused = http.submit(new Multipart().file("file[]", "x.pcap", new PcapWriter().udp(1, 2, "refused").pcap()));
        assertThat(refused.statusCode()).isEqualTo(500);
        Thread.sleep(500);
        redis.start();
        for (String id : awaitDone(http, during, 90)) {
            assertLinesOnce(http, id, during.get(id));
        }
        assertThat(http.json("/jobs").get("total").asInt()).as("the refused upload left no job").isEqualTo(6 + 1 + 6);

        // SIGTERM: the job is handed back (not counted as an attempt) and finished by the other worker
        byte[] g = new PcapWriter().udp(1, 2, "graceful SLEEP4").pcap();
        String jg = id(http.submit(new Multipart().file("file[]", "g.pcap", g)).body());
        await().atMost(Duration.ofSeconds(30)).until(() -> http.json("/jobs/" + jg).get("state").asString().equals("running"));
        String gHolder = http.json("/jobs/" + jg).get("worker").asString();
        ServiceProcess stopping = byWorkerId(gHolder);
        long t0 = System.nanoTime();
        stopping.terminate();
        workers.remove(stopping);
        // back at once, not after claim_timeout (a takeover would also count a second attempt)
        await().atMost(Duration.ofSeconds(CLAIM_TIMEOUT_S)).until(() -> !http.json("/jobs/" + jg).get("worker").asString().equals(gHolder));
        System.err.println("SIGTERM to re-claim by another worker: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        await().atMost(Duration.ofSeconds(60)).until(() -> http.json("/jobs/" + jg).get("state").asString().equals("done"));
        JsonNode gj = http.json("/jobs/" + jg);
        assertThat(gj.get("attempts").asInt()).isEqualTo(1);
        assertThat(gj.get("worker").asString()).isNotEqualTo(gHolder);
        assertLinesOnce(http, jg, g);
    }

    @Test
    void aWorkerStalledPastTheClaimTimeoutLeavesTheJobToItsNewHolder() throws Exception {
        Http http = startCluster(2, "stall-worker", "");

        byte[] s = new PcapWriter().udp(1, 2, "stalled SLEEP2").pcap();
        String js = id(http.submit(new Multipart().file("file[]", "s.pcap", s)).body());
        await().atMost(Duration.ofSeconds(30)).until(() -> http.json("/jobs/" + js).get("state").asString().equals("running"));
        String holder = http.json("/jobs/" + js).get("worker").asString();
        ServiceProcess stalled = byWorkerId(holder);
        // frozen mid-analysis: its engine child runs (the path where the merge must not happen)
        await().atMost(Duration.ofSeconds(30)).until(() -> stalled.process.descendants().findAny().isPresent());
        stalled.signal("STOP");
        // its engine child goes on and finishes while the JVM is frozen; the other worker takes over
        await().atMost(Duration.ofSeconds(60)).until(() -> http.json("/jobs/" + js).get("state").asString().equals("done"));
        assertThat(http.json("/jobs/" + js).get("worker").asString()).isNotEqualTo(holder);
        String before = http.get("/jobs/" + js + "/logs/conn.log").body();

        stalled.signal("CONT");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(stalled.log).contains("taken over by another worker"));
        JsonNode job = http.json("/jobs/" + js);
        assertThat(job.get("state").asString()).isEqualTo("done");
        assertThat(job.get("attempts").asInt()).isEqualTo(2);
        assertThat(http.get("/jobs/" + js + "/logs/conn.log").body()).as("the stalled worker merged nothing").isEqualTo(before);
        assertLinesOnce(http, js, s);

        // the resumed worker goes on working normally
        Map<String, byte[]> after = submitAll(http, "after", 4, "SLEEP1");
        for (String id : awaitDone(http, after, 60)) {
            assertLinesOnce(http, id, after.get(id));
        }
    }

    /**
     * Redis, the API in this JVM and {@code workerCount} worker JVMs on one queue (the zeek engine
     * being {@link FakeZeek}); waits until every worker reports in. {@code queueExtra} holds more
     * {@code [queue]} lines.
     */
    Http startCluster(int workerCount, String logPrefix, String queueExtra) throws Exception {
        RedisServer.assumeInstalled();
        Path script = FakeZeek.write(Files.createDirectories(tmp.resolve("bin")));
        redis = RedisServer.startLocal(tmp.resolve("redis"));
        Path config = tmp.resolve("brocapi.conf");
        Files.writeString(config, """
                [main]
                listen = 127.0.0.1:0
                workers = 1
                [bro]
                engine = zeek
                bro_bin = %s
                processing_dir = %s
                [queue]
                backend = redis
                port = %d
                claim_timeout = %d
                """.formatted(script, tmp.resolve("jobs"), redis.port(), CLAIM_TIMEOUT_S) + queueExtra);
        api = ServiceMain.start(ServiceConfig.load(config, Map.of(), Map.of()), true, false, List.of());
        Http http = new Http(api.port());
        // worker logs outlive the test's temp dir, for a failure's post-mortem
        Path logs = Files.createDirectories(Path.of("target", "RedisWorkersTest"));
        for (int i = 0; i < workerCount; i++) {
            workers.add(ServiceProcess.start(List.of(), logs.resolve(logPrefix + i + ".log"),
                    "--config", config.toString(), "--workers-only"));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> http.json("/health").get("worker_processes").size() == workerCount);
        return http;
    }

    static Map<String, byte[]> submitAll(Http http, String name, int n, String marker) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byte[] pcap = new PcapWriter().udp(1, 2, name + " " + i + " " + marker).pcap();
            out.put(id(http.submit(new Multipart().file("file[]", name + i + ".pcap", pcap)).body()), pcap);
        }
        return out;
    }

    static Set<String> awaitDone(Http http, Map<String, byte[]> jobs, int seconds) {
        await().atMost(Duration.ofSeconds(seconds)).untilAsserted(() -> {
            List<String> states = new ArrayList<>();
            for (String id : jobs.keySet()) {
                JsonNode j = http.json("/jobs/" + id);
                states.add(j.get("state").asString() + " " + id + " " + j.get("worker").asString() + " " + j.get("attempts"));
            }
            assertThat(states).allMatch(st -> st.startsWith("done "));
        });
        return jobs.keySet();
    }

    /** Every conn.log line of the pcap is in the job's log exactly once, under one header. */
    static void assertLinesOnce(Http http, String id, byte[] pcap) throws Exception {
        int expected = FakeZeek.connLines(pcap.length);
        assertThat(http.json("/jobs/" + id).get("logs").get("conn.log").asLong()).isEqualTo(expected);
        List<String> conn = http.get("/jobs/" + id + "/logs/conn.log").body().lines().toList();
        assertThat(conn.stream().filter(l -> !l.startsWith("#"))).hasSize(expected).doesNotHaveDuplicates();
        assertThat(conn.stream().filter(l -> l.startsWith("#fields"))).hasSize(1);
    }

    static List<String> workerIds(Http http) throws Exception {
        List<String> ids = new ArrayList<>();
        http.json("/health").get("worker_processes").forEach(w -> ids.add(w.get("id").asString()));
        return ids;
    }

    ServiceProcess byWorkerId(String workerId) {
        // host/PID-suffix
        long pid = Long.parseLong(workerId.substring(workerId.indexOf('/') + 1, workerId.lastIndexOf('-')));
        return workers.stream().filter(w -> w.pid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("no worker process with pid " + pid + " (" + workerId + ")"));
    }

    static String id(String body) {
        return Http.parse(body).get("job_id").asString();
    }
}
