package org.brocapi.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.brocapi.service.config.IniFile;
import org.brocapi.service.config.ServiceConfig;
import org.brocapi.service.testing.FakeZeek;
import org.brocapi.service.testing.Http;
import org.brocapi.service.testing.Multipart;
import org.brocapi.service.testing.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code serve --no-workers} and {@code worker} on one data directory: the API queues, the worker runs. */
class SplitProcessesTest {
    @TempDir
    Path tmp;

    @Test
    void apiWithoutWorkersQueuesAndAWorkerServiceRunsTheJobs() throws Exception {
        Path script = FakeZeek.write(Files.createDirectories(tmp.resolve("bin")));
        ServiceConfig config = ServiceConfig.from(IniFile.parse("""
                [main]
                listen = 127.0.0.1:0
                [bro]
                engine = zeek
                zeek_bin = %s
                processing_dir = %s
                """.formatted(script, tmp.resolve("jobs")), "test"));
        try (ServiceMain api = ServiceMain.start(config, true, false, List.of())) {
            Http http = new Http(api.port());
            assertThat(http.json("/health").get("workers").asInt()).isZero();
            String id = Http.parse(http.submit(new Multipart().file("file[]", "a.pcap", new PcapWriter().udp(1, 2, "split").pcap()))
                    .body()).get("job_id").asString();
            Thread.sleep(700);
            assertThat(http.json("/jobs/" + id).get("state").asString()).isEqualTo("queued");
            try (ServiceMain worker = ServiceMain.start(config, false, true, List.of())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> http.json("/jobs/" + id).get("state").asString().equals("done"));
            }
            JsonNode job = http.json("/jobs/" + id);
            assertThat(job.get("attempts").asInt()).isEqualTo(1);
            assertThat(job.get("logs").get("conn.log").asLong()).isPositive();
        }
    }
}
