package org.brocapi.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.brocapi.service.testing.FakeZeek;
import org.brocapi.service.testing.Http;
import org.brocapi.service.testing.Multipart;
import org.brocapi.service.testing.PcapWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code kill -9} of the server while a job runs: after a restart every accepted job completes,
 * none is analysed twice except the interrupted one (re-run from scratch), no pcap is lost.
 * The server is a separate JVM started from the test class path.
 */
class CrashRecoveryTest {
    @TempDir
    Path tmp;
    Process server;

    @AfterEach
    void kill() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    Http start(Path config, String name) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        server = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), ServiceMain.class.getName(), "--config", config.toString())
                .redirectError(tmp.resolve(name + ".stderr").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("server output; stderr in " + name + ".stderr").isNotNull().startsWith("listening on http://");
        return new Http(Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)));
    }

    static String id(String body) {
        return Http.parse(body).get("job_id").asString();
    }

    static String hash16(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void killedMidJobEveryAcceptedJobCompletesOnce() throws Exception {
        Path script = FakeZeek.write(Files.createDirectories(tmp.resolve("bin")));
        Path jobs = tmp.resolve("jobs");
        Path config = tmp.resolve("brocapi.conf");
        Files.writeString(config, """
                [main]
                listen = 127.0.0.1:0
                workers = 1
                api_log = %3$s/log/api.log
                worker_log = %3$s/log/worker.log
                [bro]
                engine = zeek
                bro_bin = %1$s
                processing_dir = %2$s
                """.formatted(script, jobs, tmp));

        Http http = start(config, "first");
        byte[] a = new PcapWriter().udp(1, 2, "job a").pcap();
        byte[] b1 = new PcapWriter().udp(1, 2, "job b, first, SLEEP3").pcap();
        byte[] b2 = new PcapWriter().udp(1, 2, "job b, second pcap").pcap();
        byte[] c = new PcapWriter().udp(1, 2, "job c, queued at the kill").pcap();
        String ja = id(http.submit(new Multipart().file("file[]", "a.pcap", a)).body());
        await().atMost(Duration.ofSeconds(20)).until(() -> http.json("/jobs/" + ja).get("state").asString().equals("done"));
        String jb = id(http.submit(new Multipart().file("file[]", "b1.pcap", b1).file("file[]", "b2.pcap", b2)).body());
        String jc = id(http.submit(new Multipart().file("file[]", "c.pcap", c)).body());
        await().atMost(Duration.ofSeconds(20)).until(() -> FakeZeek.journal(script).stream().anyMatch(l -> l.startsWith(hash16(b1))));
        assertThat(http.json("/jobs/" + jb).get("state").asString()).isEqualTo("running");

        server.destroyForcibly(); // SIGKILL
        server.waitFor(10, TimeUnit.SECONDS);
        // the engine child outlives a SIGKILLed JVM, as it would in production; stop it here
        for (String l : FakeZeek.journal(script)) {
            ProcessHandle.of(Long.parseLong(l.split(" ")[1])).ifPresent(ProcessHandle::destroyForcibly);
        }
        // an upload cut off by the crash: staged under the dead process's id
        Path halfUpload = Files.createDirectories(jobs.resolve(".incoming").resolve("4242-dead.0000/pcaps"));
        Files.writeString(halfUpload.resolve(".part-1"), "partial");

        Http again = start(config, "second");
        for (String id : List.of(ja, jb, jc)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> again.json("/jobs/" + id).get("state").asString().equals("done"));
        }
        JsonNode jobA = again.json("/jobs/" + ja);
        JsonNode jobB = again.json("/jobs/" + jb);
        JsonNode jobC = again.json("/jobs/" + jc);
        assertThat(jobA.get("attempts").asInt()).isEqualTo(1);
        assertThat(jobB.get("attempts").asInt()).isEqualTo(2);
        assertThat(jobC.get("attempts").asInt()).isEqualTo(1);

        List<String> journal = FakeZeek.journal(script);
        assertThat(journal.stream().filter(l -> l.startsWith(hashOf(a)))).hasSize(1);
        assertThat(journal.stream().filter(l -> l.startsWith(hashOf(b1)))).hasSize(2);
        assertThat(journal.stream().filter(l -> l.startsWith(hashOf(b2)))).hasSize(1);
        assertThat(journal.stream().filter(l -> l.startsWith(hashOf(c)))).hasSize(1);

        // re-run from scratch: exactly one pcap's worth of lines each, no leftovers of the first attempt
        long expected = FakeZeek.connLines(b1.length) + FakeZeek.connLines(b2.length);
        assertThat(jobB.get("logs").get("conn.log").asLong()).isEqualTo(expected);
        List<String> conn = again.get("/jobs/" + jb + "/logs/conn.log").body().lines().toList();
        assertThat(conn.stream().filter(l -> !l.startsWith("#"))).hasSize((int) expected);
        assertThat(conn.stream().filter(l -> l.startsWith("#fields"))).hasSize(1);
        assertThat(Files.exists(jobs.resolve(jb).resolve(".work"))).isFalse();
        for (String id : List.of(ja, jb, jc)) {
            for (JsonNode p : again.json("/jobs/" + id).get("pcaps")) {
                assertThat(jobs.resolve(id).resolve("pcaps").resolve(p.get("stored").asString())).exists();
            }
        }
        assertThat(jobs.resolve(".incoming").resolve("4242-dead.0000")).doesNotExist();
        assertThat(Files.readString(tmp.resolve("log/api.log"))).contains("job " + jb + " queued: 2 file(s)");
        assertThat(Files.readString(tmp.resolve("log/worker.log")))
                .contains("job " + jb + ": attempt 1").contains("job " + jb + ": attempt 2").contains("job " + jb + ": done");
    }

    static String hashOf(byte[] b) {
        return hash16(b);
    }
}
