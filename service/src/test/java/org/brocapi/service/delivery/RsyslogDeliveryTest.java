package org.brocapi.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.brocapi.service.syslog.SyslogSettings;
import org.brocapi.service.testing.RsyslogReceiver;
import org.brocapi.service.testing.ZeekLogFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every frame × transport against a real rsyslogd: what it parsed is what we meant to send. */
class RsyslogDeliveryTest {
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

    static Map<String, String> config(String destinations) {
        Map<String, String> m = new HashMap<>();
        m.put("destinations", destinations);
        m.put("syslog_prefix", "bro25_%s");
        m.put("tls_ca_file", rx.file("tls/ca.pem").toString());
        m.put("retry_budget", "5s");
        m.put("batch_lines", "16");
        return m;
    }

    static String url(String proto) {
        return proto + "://" + (proto.equals("tls") ? "localhost:" + rx.tlsPort() : "127.0.0.1:" + rx.port());
    }

    static ZeekLogFixture job(Path dir) throws IOException {
        return new ZeekLogFixture(dir.resolve("logs/bro"))
                .log("conn", 40).log("dns", 25).emptyLog("weird")
                .raw("stats.log", "#fields\tts\tmem\n1.0\tblacklisted-line\n")
                .raw("loaded_scripts.log", "#fields\tname\nblacklisted-line\n");
    }

    static DeliveryJob deliveryJob(Path dir, String tag) {
        return new DeliveryJob("0b5f3f4e-6a4c-4bd7-9a51-1f0f0e0c1a2b", tag, dir.resolve("logs/bro"),
                List.of("a.pcap", "b \"x\"].pcap"), dir.resolve("logs/syslog"));
    }

    @ParameterizedTest(name = "{0} over {1} ({2})")
    @CsvSource({
        "legacy,  udp, lf,             ,        ",
        "legacy,  tcp, lf,             ,        ",
        "legacy,  tcp, octet-counting, ,        ",
        "legacy,  tls, lf,             ,        ",
        "rfc3164, udp, lf,             local3,  info",
        "rfc3164, tcp, lf,             local3,  info",
        "rfc3164, tcp, octet-counting, local3,  info",
        "rfc3164, tls, octet-counting, local3,  info",
        "rfc5424, udp, lf,             local7,  warning",
        "rfc5424, tcp, lf,             local7,  warning",
        "rfc5424, tcp, octet-counting, local7,  warning",
        "rfc5424, tls, octet-counting, local7,  warning",
    })
    void everyLineArrivesOnceAsConfigured(String frame, String proto, String framing, String facility, String severity,
            @TempDir Path dir) throws Exception {
        String tag = "t-" + frame + "-" + proto + "-" + framing;
        Map<String, String> cfg = config(url(proto));
        cfg.put("frame", frame);
        cfg.put("framing", framing);
        if (facility != null) {
            cfg.put("facility", facility);
            cfg.put("severity", severity);
        }
        ZeekLogFixture logs = job(dir);
        Instant before = Instant.now();
        DeliveryReport report = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                .deliver(deliveryJob(dir, tag), DeliveryListener.NONE);
        Instant after = Instant.now();

        assertThat(report.status()).as(report.toString()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(report.destinations().getFirst().delivered()).isEqualTo(65);
        assertThat(report.destinations().getFirst().total()).isEqualTo(65);
        assertThat(report.destinations().getFirst().attempts()).as("no retry: the end-of-stream handshake worked").isEqualTo(1);
        List<JsonNode> got = rx.awaitFrom(tag, logs.total(), Duration.ofSeconds(10));
        assertThat(got).hasSize(logs.total());

        Map<Integer, String> typeById = new HashMap<>();
        Map<Integer, String> lineById = new HashMap<>();
        logs.linesByType().forEach((type, lines) -> lines.forEach(l -> {
            typeById.put(ZeekLogFixture.idOf(l), type);
            lineById.put(ZeekLogFixture.idOf(l), l);
        }));
        Map<Integer, Integer> seen = new HashMap<>();
        boolean rfc5424 = frame.equals("rfc5424");
        for (JsonNode m : got) {
            String msg = m.get("msg").asString();
            // RFC 3164: rsyslog keeps the space after "TAG:" in msg
            String body = rfc5424 ? msg : msg.substring(1);
            int id = ZeekLogFixture.idOf(body);
            seen.merge(id, 1, Integer::sum);
            assertThat(body).as("tabs and bytes intact").isEqualTo(lineById.get(id));
            assertThat(m.get("programname").asString()).isEqualTo("bro25_" + typeById.get(id));
            assertThat(m.get("facility").asInt()).isEqualTo(facility == null ? 3 : facility.equals("local3") ? 19 : 23);
            assertThat(m.get("severity").asInt()).isEqualTo(severity == null ? 5 : severity.equals("info") ? 6 : 4);
            assertThat(m.get("inputname").asString()).isEqualTo(proto);
            if (rfc5424) {
                assertThat(m.get("protocol-version").asString()).isEqualTo("1");
                assertThat(m.get("msgid").asString()).isEqualTo(typeById.get(id));
                assertThat(m.get("structured-data").asString()).isEqualTo("[brocapi@32473 job=\"0b5f3f4e-6a4c-4bd7-9a51-"
                        + "1f0f0e0c1a2b\" pcap=\"a.pcap\" pcap=\"b \\\"x\\\"\\].pcap\" tag=\"" + tag + "\"]");
                Instant t = OffsetDateTime.parse(m.get("timereported").asString()).toInstant();
                assertThat(t).isBetween(before.minusSeconds(1), after.plusSeconds(1));
            } else {
                assertThat(m.get("protocol-version").asString()).isEqualTo("0");
            }
        }
        assertThat(seen).hasSize(logs.total()).allSatisfy((id, n) -> assertThat(n).as("id-" + id).isEqualTo(1));
        assertThat(rx.messages()).noneMatch(m -> m.get("msg").asString().contains("blacklisted"));
        assertThat(Files.readString(dir.resolve("logs/syslog/" + report.destinations().getFirst().destination()
                + ".progress"))).contains("conn.log\t").contains("dns.log\t").doesNotContain("stats.log");
    }

    @Test
    void eventTimeAndJsonLinesFromTsv(@TempDir Path dir) throws Exception {
        Map<String, String> cfg = config(url("tcp") + "?frame=rfc5424&framing=octet-counting");
        cfg.put("timestamp", "event");
        cfg.put("json", "on");
        ZeekLogFixture logs = new ZeekLogFixture(dir.resolve("logs/bro")).log("conn", 10);
        DeliveryReport report = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                .deliver(deliveryJob(dir, "t-event-json"), DeliveryListener.NONE);
        assertThat(report.status()).isEqualTo(DeliveryStatus.DELIVERED);
        List<JsonNode> got = rx.awaitFrom("t-event-json", 10, Duration.ofSeconds(10));
        assertThat(got).hasSize(10);
        for (JsonNode m : got) {
            JsonNode line = JsonMapper.builder().build().readTree(m.get("msg").asString());
            int id = ZeekLogFixture.idOf(line.get("uid").asString());
            long ts = ZeekLogFixture.FIRST_TS_MICROS + id * 1_500_000L;
            Instant reported = OffsetDateTime.parse(m.get("timereported").asString()).toInstant();
            assertThat(reported).isEqualTo(Instant.ofEpochSecond(ts / 1_000_000, ts % 1_000_000 * 1000));
            assertThat(line.get("ts").isNumber()).isTrue();
            assertThat(line.get("id.orig_p").isNumber()).isTrue();
            assertThat(line.get("local_orig").isBoolean()).isTrue();
            assertThat(line.get("tunnel_parents").isArray()).isTrue();
            assertThat(line.has("note")).isEqualTo(id % 5 == 0); // unset fields are left out
            if (id % 5 == 0) {
                assertThat(line.get("note").asString()).isEqualTo("caf\u00e9 \"q\" \\x41 [ok]");
            }
        }
        assertThat(logs.total()).isEqualTo(10);
    }

    @Test
    void severalDestinationsAtOnce(@TempDir Path dir) throws Exception {
        Map<String, String> cfg = config(url("tcp") + "?name=siem, " + url("udp") + "?name=archive&frame=rfc5424, "
                + url("tls") + "?name=secure&framing=octet-counting");
        ZeekLogFixture logs = job(dir);
        DeliveryReport report = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                .deliver(deliveryJob(dir, "t-multi"), DeliveryListener.NONE);
        assertThat(report.destinations()).extracting(DestinationReport::destination).containsExactly("siem", "archive", "secure");
        assertThat(report.destinations()).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.delivered()).isEqualTo(logs.total());
        });
        List<JsonNode> got = rx.awaitFrom("t-multi", 3L * logs.total(), Duration.ofSeconds(10));
        assertThat(got).hasSize(3 * logs.total());
        for (String input : List.of("tcp", "udp", "tls")) {
            assertThat(got.stream().filter(m -> m.get("inputname").asString().equals(input))
                    .map(m -> ZeekLogFixture.idOf(m.get("msg").asString())).distinct().count())
                    .as(input).isEqualTo(logs.total());
        }
        assertThat(dir.resolve("logs/syslog/siem.progress")).exists();
        assertThat(dir.resolve("logs/syslog/archive.progress")).exists();
    }

    @Test
    void udpLineTooLongForADatagramIsTruncatedWithACountedMarker(@TempDir Path dir) throws Exception {
        Map<String, String> cfg = config(url("udp"));
        cfg.put("udp_max_message", "2k");
        String big = "1.0\tid-7\t" + "\u00e9".repeat(3000); // 6000 bytes of 2-byte characters
        new ZeekLogFixture(dir.resolve("logs/bro")).raw("big.log", "#fields\tts\tuid\tdata\n" + big + "\n1.0\tid-8\tsmall\n");
        DeliveryReport report = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                .deliver(deliveryJob(dir, "t-udp-big"), DeliveryListener.NONE);
        assertThat(report.destinations().getFirst().truncated()).isEqualTo(1);
        assertThat(report.destinations().getFirst().delivered()).isEqualTo(2);
        List<JsonNode> got = rx.awaitFrom("t-udp-big", 2, Duration.ofSeconds(10));
        assertThat(got).hasSize(2);
        String cut = got.stream().map(m -> m.get("msg").asString()).filter(s -> s.contains("id-7")).findFirst().orElseThrow();
        assertThat(cut).matches("(?s) 1\\.0\tid-7\t\u00e9+ \\[brocapi: truncated \\d+ bytes]");
        int kept = cut.substring(cut.indexOf("id-7\t") + 5, cut.indexOf(" [brocapi")).length() * 2;
        int dropped = Integer.parseInt(cut.replaceAll("(?s).*truncated (\\d+) bytes]", "$1"));
        assertThat(kept + dropped).isEqualTo(6000);
    }

    @Test
    void tlsWithClientCertificate(@TempDir Path dir) throws Exception {
        Map<String, String> cfg = config("tls://localhost:" + rx.tlsAuthPort());
        cfg.put("tls_keystore", rx.file("tls/client.p12").toString());
        cfg.put("tls_keystore_password", "changeit");
        ZeekLogFixture logs = job(dir);
        DeliveryReport report = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                .deliver(deliveryJob(dir, "t-client-cert"), DeliveryListener.NONE);
        assertThat(report.status()).isEqualTo(DeliveryStatus.DELIVERED);
        List<JsonNode> got = rx.awaitFrom("t-client-cert", logs.total(), Duration.ofSeconds(10));
        assertThat(got).hasSize(logs.total()).allSatisfy(m -> assertThat(m.get("inputname").asString()).isEqualTo("tls-auth"));
    }
}
