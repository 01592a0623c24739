package org.brocapi.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.brocapi.service.ServiceMain;
import org.brocapi.service.config.IniFile;
import org.brocapi.service.config.ServiceConfig;
import org.brocapi.service.testing.Http;
import org.brocapi.service.testing.Multipart;
import org.brocapi.service.testing.PcapWriter;
import org.brocapi.service.testing.RsyslogReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4 through the job service: the real server on port 0 with a 1.0-style {@code [syslog]}
 * section, jobs analysed by the embedded analyzer, delivered by the {@link DeliveryStep} to a real
 * rsyslogd. Each test uses its own tag, so the receiver's messages are told apart by HOSTNAME.
 */
class JobDeliveryTest {
    /** As configured below: a log type and a file name (both forms match). */
    static final Set<String> BLACKLIST = Set.of("weird", "capture_loss");
    static final AtomicInteger TAGS = new AtomicInteger();

    @TempDir
    static Path tmp;
    static RsyslogReceiver rx;

    @BeforeAll
    static void startReceiver() throws Exception {
        rx = RsyslogReceiver.start(tmp.resolve("rsyslog"));
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        if (rx != null) {
            rx.close();
        }
    }

    static ServiceConfig config(Path jobs, String retryBudget) throws Exception {
        return ServiceConfig.from(IniFile.parse("""
                [main]
                listen = 127.0.0.1:0
                workers = 1
                [bro]
                processing_dir = %s
                log_blacklist = ["weird", "capture_loss.log"]
                [syslog]
                syslog_host = 127.0.0.1
                syslog_port = %d
                syslog_proto = tcp
                syslog_prefix = itest_%%s
                retry_initial = 100ms
                retry_max = 500ms
                retry_budget = %s
                """.formatted(jobs, rx.port(), retryBudget), "test"));
    }

    /** Started as {@code brocapi serve} starts it: with {@link ServiceMain#steps}. */
    static ServiceMain start(ServiceConfig config) throws Exception {
        return ServiceMain.start(config, true, true, ServiceMain.steps(config));
    }

    /** 40 UDP exchanges (conn.log) and an IPv4 header cut short (a weird.log line, blacklisted). */
    static byte[] pcap() {
        byte[] cut = new byte[14 + 10];
        cut[12] = 0x08; // ethertype IPv4, then 10 of the 20 header bytes
        cut[14] = 0x45;
        PcapWriter w = new PcapWriter().frame(cut);
        for (int i = 0; i < 40; i++) {
            w.udp(41000 + i, 9999, "payload " + i).udpBack(9999, 41000 + i, "answer " + i);
        }
        return w.pcap();
    }

    static String submit(Http http, String tag) throws Exception {
        HttpResponse<String> r = http.submit(new Multipart().file("file[]", "small.pcap", pcap()).field("tag", tag));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.parse(r.body()).get("job_id").asString();
    }

    static JsonNode awaitState(Http http, String id, String... states) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = http.json("/jobs/" + id);
            return List.of(states).contains(last[0].get("state").asString());
        });
        return last[0];
    }

    static HttpResponse<String> deliver(Http http, String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(http.base + "/jobs/" + id + "/deliver"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** {@code programname TAB line} for each data line of the job's non-blacklisted logs. */
    static List<String> expectedLines(Http http, String id) throws Exception {
        List<String> out = new ArrayList<>();
        int blacklisted = 0;
        for (JsonNode log : http.json("/jobs/" + id + "/logs").get("logs")) {
            String name = log.get("name").asString();
            String type = name.substring(0, name.indexOf('.'));
            if (BLACKLIST.contains(type)) {
                blacklisted++;
                continue;
            }
            http.get("/jobs/" + id + "/logs/" + name).body().lines().filter(l -> !l.startsWith("#"))
                    .forEach(l -> out.add("itest_" + type + "\t" + l));
        }
        assertThat(blacklisted).as("the pcap must produce a blacklisted log for this test to mean anything").isPositive();
        assertThat(out).as("lines to deliver").hasSizeGreaterThan(1);
        return out;
    }

    /** {@code programname TAB msg} of every message received from HOSTNAME {@code tag}. */
    static List<String> received(String tag, int expected) throws Exception {
        return rx.awaitFrom(tag, expected, Duration.ofSeconds(20)).stream()
                // legacy frame "TAG: line": rsyslog keeps the space after the colon in msg
                .map(m -> m.get("programname").asString() + "\t" + m.get("msg").asString().substring(1))
                .toList();
    }

    static JsonNode destination(JsonNode job) {
        return job.get("delivery").get("destinations").get(0);
    }

    @Test
    void everyLineArrivesOnceWithTheTagAsHostnameAndPrefixTypeAsProgram() throws Exception {
        String tag = "case42-" + TAGS.incrementAndGet();
        try (ServiceMain service = start(config(tmp.resolve("jobs1"), "10s"))) {
            Http http = new Http(service.port());
            String id = submit(http, tag);
            JsonNode job = awaitState(http, id, "done", "failed", "delivery_failed");
            assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("done");

            List<String> expected = expectedLines(http, id);
            assertThat(received(tag, expected.size())).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(expected).anyMatch(l -> l.contains("\t") && l.split("\t").length > 5); // TSV tabs survived

            JsonNode d = destination(job);
            assertThat(d.get("name").asString()).isEqualTo("tcp-127.0.0.1-" + rx.port());
            assertThat(d.get("state").asString()).isEqualTo("delivered");
            assertThat(d.get("delivered").asLong()).isEqualTo(expected.size());
            assertThat(d.get("total").asLong()).isEqualTo(expected.size());
            assertThat(job.get("error").isNull()).isTrue();
        }
    }

    @Test
    void receiverDownEndsInDeliveryFailedThenDeliverSendsEveryLineOnce() throws Exception {
        String tag = "outage-" + TAGS.incrementAndGet();
        rx.stop();
        try (ServiceMain service = start(config(tmp.resolve("jobs2"), "2s"))) {
            Http http = new Http(service.port());
            String id = submit(http, tag);

            JsonNode delivering = awaitState(http, id, "delivering", "done", "failed", "delivery_failed");
            assertThat(delivering.get("state").asString()).as(delivering.toString()).isEqualTo("delivering");
            HttpResponse<String> busy = deliver(http, id);
            assertThat(busy.statusCode()).isEqualTo(409);
            assertThat(Http.parse(busy.body()).get("error").asString()).isEqualTo("job_active");

            JsonNode failed = awaitState(http, id, "done", "failed", "delivery_failed");
            assertThat(failed.get("state").asString()).as(failed.toString()).isEqualTo("delivery_failed");
            assertThat(failed.get("error").asString()).startsWith("delivery: tcp-127.0.0.1-" + rx.port() + ": gave up after")
                    .contains("Connection refused");
            JsonNode d = destination(failed);
            assertThat(d.get("state").asString()).isEqualTo("delivery_failed");
            assertThat(d.get("delivered").asLong()).isZero();
            assertThat(d.get("total").asLong()).isPositive();
            assertThat(d.get("reason").asString()).contains("Connection refused");

            rx.restart();
            HttpResponse<String> again = deliver(http, id);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
            assertThat(again.body()).isEqualTo("{\"status\": \"delivery queued\", \"job_id\": \"" + id + "\", \"success\": true}");
            JsonNode done = awaitState(http, id, "done", "failed", "delivery_failed");
            assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("done");
            assertThat(done.get("attempts").asInt()).isEqualTo(2);
            List<String> expected = expectedLines(http, id);
            assertThat(received(tag, expected.size())).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(destination(done).get("delivered").asLong()).isEqualTo(expected.size());

            // delivering a complete job again resumes at its end: nothing is sent twice
            assertThat(deliver(http, id).statusCode()).isEqualTo(202);
            assertThat(awaitState(http, id, "done", "failed", "delivery_failed").get("state").asString()).isEqualTo("done");
            assertThat(received(tag, expected.size())).containsExactlyInAnyOrderElementsOf(expected);

            // ?from=start forgets the progress: every line once more
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(http.base + "/jobs/" + id + "/deliver?from=middle"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(http.base + "/jobs/" + id + "/deliver?from=start"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(202);
            assertThat(awaitState(http, id, "done", "failed", "delivery_failed").get("state").asString()).isEqualTo("done");
            List<String> twice = new ArrayList<>(expected);
            twice.addAll(expected);
            assertThat(received(tag, twice.size())).containsExactlyInAnyOrderElementsOf(twice);
        } finally {
            if (!rx.running()) {
                rx.restart();
            }
        }
    }

    @Test
    void aJobStoppedWhileDeliveringResumesAfterARestartWithoutBeingAnalysedAgain() throws Exception {
        String tag = "restart-" + TAGS.incrementAndGet();
        Path jobs = tmp.resolve("jobs3");
        rx.stop();
        String id;
        Map<String, FileTime> logTimes = new HashMap<>();
        try {
            try (ServiceMain first = start(config(jobs, "60s"))) {
                Http http = new Http(first.port());
                id = submit(http, tag);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    JsonNode job = http.json("/jobs/" + id);
                    return job.has("delivery") && destination(job).get("state").asString().equals("retrying");
                });
                try (var s = Files.list(jobs.resolve(id).resolve("logs/bro"))) {
                    for (Path p : s.toList()) {
                        logTimes.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
                    }
                }
            } // stops the worker mid-retry: the job stays claimed, as if the process had died
            rx.restart();
            try (ServiceMain second = start(config(jobs, "60s"))) {
                Http http = new Http(second.port());
                JsonNode done = awaitState(http, id, "done", "failed", "delivery_failed");
                assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("done");
                assertThat(done.get("attempts").asInt()).isEqualTo(2);
                assertThat(done.get("results").get(0).get("packets").asLong()).as("results kept from the first attempt")
                        .isEqualTo(81);
                Map<String, FileTime> after = new HashMap<>();
                try (var s = Files.list(jobs.resolve(id).resolve("logs/bro"))) {
                    for (Path p : s.toList()) {
                        after.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
                    }
                }
                assertThat(after).as("logs not analysed again").isEqualTo(logTimes);
                List<String> expected = expectedLines(http, id);
                assertThat(received(tag, expected.size())).containsExactlyInAnyOrderElementsOf(expected);
            }
        } finally {
            if (!rx.running()) {
                rx.restart();
            }
        }
    }
}
