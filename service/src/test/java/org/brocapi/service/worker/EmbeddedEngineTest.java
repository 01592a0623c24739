package org.brocapi.service.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.brocapi.service.ServiceMain;
import org.brocapi.service.config.ServiceConfig;
import org.brocapi.service.testing.Http;
import org.brocapi.service.testing.Multipart;
import org.brocapi.service.testing.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Jobs analysed by our own analyzer (the default engine), end to end through the real server. */
class EmbeddedEngineTest {
    @TempDir
    Path tmp;

    static List<String> data(String log) {
        return log.lines().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void analysesEachPcapAndMergesTheirConnLogs() throws Exception {
        ServiceConfig config = ServiceConfig.defaults(tmp.resolve("jobs")).withListen("127.0.0.1", 0);
        assertThat(config.engine()).isEqualTo("embedded");
        byte[] two = new PcapWriter().udp(1001, 53, "q1").udp(1002, 53, "q2").udpBack(53, 1001, "r1").pcap();
        byte[] three = new PcapWriter().udp(2001, 123, "a").udp(2002, 123, "b").udp(2003, 123, "c").pcapng();
        try (ServiceMain service = ServiceMain.start(config, true, true, List.of())) {
            Http http = new Http(service.port());
            String id = Http.parse(http.submit(new Multipart().file("file[]", "two.pcap", two)
                    .file("file[]", "three.pcapng.gz", PcapWriter.gzip(three))).body()).get("job_id").asString();
            JsonNode job = await(http, id);
            assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("done");
            assertThat(job.get("results").get(0).get("packets").asLong()).isEqualTo(3);
            assertThat(job.get("results").get(1).get("packets").asLong()).isEqualTo(3);
            assertThat(job.get("results").get(0).get("logs").get("conn.log").asLong()).isEqualTo(2);
            assertThat(job.get("results").get(1).get("logs").get("conn.log").asLong()).isEqualTo(3);

            String conn = http.get("/jobs/" + id + "/logs/conn.log").body();
            assertThat(conn.lines().filter(l -> l.startsWith("#fields"))).hasSize(1);
            assertThat(conn.lines().filter(l -> l.startsWith("#close"))).hasSize(1);
            List<String> rows = data(conn);
            assertThat(rows).hasSize(5);
            assertThat(rows).anyMatch(l -> l.contains("\t1001\t10.0.0.2\t53\tudp"));
            assertThat(rows).anyMatch(l -> l.contains("\t2003\t10.0.0.2\t123\tudp"));

            // uids come from the capture's content: the same pcap gives the same rows again
            String again = Http.parse(http.submit(new Multipart().file("file[]", "two-again.pcap", two)).body())
                    .get("job_id").asString();
            assertThat(await(http, again).get("state").asString()).isEqualTo("done");
            List<String> againRows = data(http.get("/jobs/" + again + "/logs/conn.log").body());
            assertThat(rows).containsAll(againRows);
        }
    }

    @Test
    void deadlineStopsTheAnalysis() throws Exception {
        PcapWriter w = new PcapWriter();
        for (int i = 0; i < 2000; i++) {
            w.udp(1000 + i, 53, "packet " + i);
        }
        Path pcap = Files.write(tmp.resolve("many.pcap"), w.pcap());
        Path out = Files.createDirectories(tmp.resolve("out"));
        try {
            new EmbeddedEngine().analyze(pcap, out, Instant.now().minusSeconds(1), n -> { });
            throw new AssertionError("not stopped");
        } catch (EngineException e) {
            assertThat(e.getMessage()).isEqualTo("job timeout reached");
        }
    }

    static JsonNode await(Http http, String id) {
        JsonNode[] last = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = http.json("/jobs/" + id);
            String s = last[0].get("state").asString();
            return s.equals("done") || s.equals("failed");
        });
        return last[0];
    }
}
