package org.brocapi.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.brocapi.service.testing.FakeZeek;
import org.brocapi.service.testing.Http;
import org.brocapi.service.testing.RedisServer;
import org.brocapi.service.testing.ServiceProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * API, Redis and two workers as four hosts: each in a network namespace made here, joined by veth
 * pairs to a bridge in a fifth ("switch") namespace, addressed in 198.18.77.0/24 (RFC 2544's
 * benchmarking range) on those veths only. The test JVM is the client, on one more veth into the
 * switch. The hosts share the job directory through the file system, as a shared mount would in
 * production. Needs root and {@code ip netns}; skipped, with the reason, otherwise.
 */
class RedisNetnsTest {
    static final String NET = "198.18.77.";

    @TempDir
    Path tmp;

    @Test
    void apiRedisAndTwoWorkersOnSeparateHostsRunJobsOverTheirOwnAddresses() throws Exception {
        RedisServer.assumeInstalled();
        Assumptions.assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"),
                "needs root to create network namespaces (ip netns add)");
        String id = UUID.randomUUID().toString().substring(0, 4);
        String sw = "bq" + id + "sw";
        Map<String, Integer> hosts = Map.of("redis", 1, "api", 2, "w1", 3, "w2", 4);
        List<String> made = new ArrayList<>();
        List<ServiceProcess> processes = new ArrayList<>();
        RedisServer redis = null;
        String clientVeth = "bq" + id + "c0";
        try {
            Assumptions.assumeTrue(run("ip", "netns", "add", sw) == 0, "ip netns add failed (no permission or no iproute2)");
            made.add(sw);
            must("ip", "-n", sw, "link", "add", "br0", "type", "bridge");
            must("ip", "-n", sw, "link", "set", "br0", "up");
            for (var h : hosts.entrySet()) {
                String ns = ns(id, h.getKey());
                must("ip", "netns", "add", ns);
                made.add(ns);
                String a = "bq" + id + h.getValue() + "a";
                String b = "bq" + id + h.getValue() + "b";
                must("ip", "link", "add", a, "type", "veth", "peer", "name", b);
                must("ip", "link", "set", a, "netns", ns);
                must("ip", "link", "set", b, "netns", sw);
                must("ip", "-n", sw, "link", "set", b, "master", "br0", "up");
                must("ip", "-n", ns, "addr", "add", NET + h.getValue() + "/24", "dev", a);
                must("ip", "-n", ns, "link", "set", a, "up");
                must("ip", "-n", ns, "link", "set", "lo", "up");
            }
            must("ip", "link", "add", clientVeth, "type", "veth", "peer", "name", "bq" + id + "c1");
            must("ip", "link", "set", "bq" + id + "c1", "netns", sw);
            must("ip", "-n", sw, "link", "set", "bq" + id + "c1", "master", "br0", "up");
            must("ip", "addr", "add", NET + "10/24", "dev", clientVeth);
            must("ip", "link", "set", clientVeth, "up");

            redis = RedisServer.start(tmp.resolve("redis"), NET + "1", 6379, exec(id, "redis"));
            Path script = FakeZeek.write(Files.createDirectories(tmp.resolve("bin")));
            Path config = tmp.resolve("brocapi.conf");
            Files.writeString(config, """
                    [main]
                    listen = %s2:8080
                    workers = 1
                    [bro]
                    engine = zeek
                    bro_bin = %s
                    processing_dir = %s
                    [queue]
                    backend = redis
                    host = %s1
                    claim_timeout = 5
                    """.formatted(NET, script, tmp.resolve("jobs"), NET));
            Path logs = Files.createDirectories(Path.of("target", "RedisNetnsTest"));
            ServiceProcess api = ServiceProcess.start(exec(id, "api"), logs.resolve("api.log"),
                    "--config", config.toString(), "--no-workers");
            processes.add(api);
            Set<Long> workerPids = new HashSet<>();
            for (String w : List.of("w1", "w2")) {
                ServiceProcess p = ServiceProcess.start(exec(id, w), logs.resolve(w + ".log"),
                        "--config", config.toString(), "--workers-only");
                processes.add(p);
                workerPids.add(p.pid());
            }
            Http http = new Http(NET + "2", 8080);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> http.json("/health").get("worker_processes").size() == 2);

            Map<String, byte[]> jobs = RedisWorkersTest.submitAll(http, "netns", 4, "SLEEP1");
            Set<Long> ranBy = new HashSet<>();
            for (String job : RedisWorkersTest.awaitDone(http, jobs, 60)) {
                RedisWorkersTest.assertLinesOnce(http, job, jobs.get(job));
                String worker = http.json("/jobs/" + job).get("worker").asString();
                ranBy.add(Long.parseLong(worker.substring(worker.indexOf('/') + 1, worker.lastIndexOf('-'))));
            }
            assertThat(ranBy).as("both worker hosts ran jobs, the API host none").isEqualTo(workerPids);

            // each host reached Redis from its own address
            try (Jedis c = new Jedis(NET + "1", 6379)) {
                String clients = c.clientList();
                for (int host : List.of(2, 3, 4)) {
                    assertThat(clients).contains("addr=" + NET + host + ":");
                }
            }
        } finally {
            for (ServiceProcess p : processes) {
                p.close();
            }
            if (redis != null) {
                redis.close();
            }
            run("ip", "link", "del", clientVeth);
            for (String ns : made) {
                run("ip", "netns", "del", ns);
            }
        }
    }

    static String ns(String id, String host) {
        return "bq" + id + host;
    }

    static List<String> exec(String id, String host) {
        return List.of("ip", "netns", "exec", ns(id, host));
    }

    static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.err.println(String.join(" ", cmd) + ": " + out.strip());
        }
        return p.exitValue();
    }

    static void must(String... cmd) throws IOException, InterruptedException {
        if (run(cmd) != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", cmd));
        }
    }
}
