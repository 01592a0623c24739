package org.brocapi.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.brocapi.service.syslog.SyslogSettings;
import org.brocapi.service.testing.RsyslogReceiver;
import org.brocapi.service.testing.ZeekLogFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Receiver outages, restarts of Brocapi and trust failures, against a real rsyslogd. */
class DeliveryFaultTest {

    static Map<String, String> config(RsyslogReceiver rx, String destination) {
        Map<String, String> m = new HashMap<>();
        m.put("destinations", destination);
        m.put("tls_ca_file", rx.file("tls/ca.pem").toString());
        m.put("retry_initial", "200ms");
        m.put("retry_max", "2s");
        m.put("retry_budget", "60s");
        return m;
    }

    static DeliveryJob job(Path dir, String tag) {
        return new DeliveryJob("job-1", tag, dir.resolve("logs/bro"), List.of("x.pcap"), dir.resolve("logs/syslog"));
    }

    /** Retry events seen by the listener. */
    static class Recorder implements DeliveryListener {
        final List<String> retries = new CopyOnWriteArrayList<>();
        final List<Long> progress = new CopyOnWriteArrayList<>();

        @Override
        public void onRetry(String destination, int attempt, Duration delay, String reason) {
            retries.add(reason);
        }

        @Override
        public void onProgress(String destination, long delivered, long total) {
            progress.add(delivered);
        }
    }

    @Test
    void receiverStoppedForTenSecondsMidDeliveryThenRestartedGetsEveryLine(@TempDir Path dir) throws Exception {
        try (RsyslogReceiver rx = RsyslogReceiver.start(dir.resolve("rsyslog"))) {
            ZeekLogFixture logs = new ZeekLogFixture(dir.resolve("logs/bro")).log("conn", 100_000).log("dns", 100_000);
            Path received = rx.file("messages.jsonl");
            AtomicBoolean stopped = new AtomicBoolean();
            Thread outage = Thread.ofPlatform().start(() -> {
                try {
                    while (!Files.exists(received) || Files.size(received) < 10_000_000) { // ~16k messages in
                        Thread.sleep(5);
                    }
                    rx.stop();
                    stopped.set(true);
                    Thread.sleep(10_000);
                    rx.restart();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Recorder rec = new Recorder();
            DeliveryReport report = new LogDelivery(SyslogSettings.fromConfig(
                    config(rx, "tcp://127.0.0.1:" + rx.port()), Map.of())).deliver(job(dir, "outage"), rec);
            outage.join();

            assertThat(stopped).isTrue();
            assertThat(rec.retries).as("the outage was noticed").isNotEmpty();
            assertThat(report.status()).as(report.toString()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(report.destinations().getFirst().delivered()).isEqualTo(200_000);
            // rsyslog may still be writing out its queue: wait for the last unique line
            Map<Integer, Integer> ids = rx.idCounts();
            for (long end = System.nanoTime() + Duration.ofSeconds(60).toNanos(); ids.size() < 200_000 && System.nanoTime() < end; ) {
                Thread.sleep(1000);
                ids = rx.idCounts();
            }
            long duplicates = ids.values().stream().mapToLong(n -> n - 1).sum();
            System.out.printf("outage: %d retries (%s), %d of %d lines received, %d duplicates%n",
                    rec.retries.size(), rec.retries.getFirst(), ids.size(), logs.total(), duplicates);
            assertThat(ids).hasSize(200_000);
            assertThat(ids.keySet()).allMatch(id -> id >= 0 && id < 200_000);
        }
    }

    @ParameterizedTest(name = "{0} lines")
    @CsvSource({
        // fits in socket buffers: only the receiver's missing close tells that nothing was read
        "1000,   did not close the connection",
        // does not fit: the write blocks until the watchdog closes the socket
        "40000,  write blocked for longer than the write timeout",
    })
    void frozenReceiverIsNotTakenForDeliveredThenCatchesUp(int lines, String why, @TempDir Path dir) throws Exception {
        try (RsyslogReceiver rx = RsyslogReceiver.start(dir.resolve("rsyslog"))) {
            new ZeekLogFixture(dir.resolve("logs/bro")).log("conn", lines);
            Map<String, String> cfg = config(rx, "tcp://127.0.0.1:" + rx.port());
            cfg.put("drain_timeout", "1s");
            cfg.put("write_timeout", "1s");
            rx.pause();
            Thread thaw = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(3000);
                    rx.resume();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Recorder rec = new Recorder();
            DeliveryReport report = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of())).deliver(job(dir, "frozen"), rec);
            thaw.join();
            assertThat(rec.retries).isNotEmpty();
            assertThat(rec.retries.getFirst()).contains(why);
            assertThat(report.status()).isEqualTo(DeliveryStatus.DELIVERED);
            rx.awaitFrom("frozen", lines, Duration.ofSeconds(10));
            assertThat(rx.idCounts()).hasSize(lines).allSatisfy((id, n) -> assertThat(n).isPositive());
        }
    }

    @Test
    void tlsServerSignedByAnotherCaFailsWithTheReason(@TempDir Path dir) throws Exception {
        try (RsyslogReceiver rx = RsyslogReceiver.start(dir.resolve("rsyslog"))) {
            new ZeekLogFixture(dir.resolve("logs/bro")).log("conn", 10);
            Map<String, String> cfg = config(rx, "tls://localhost:" + rx.tlsPort());
            cfg.put("tls_ca_file", rx.file("tls/other-ca.pem").toString());
            long t0 = System.nanoTime();
            DeliveryReport report = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                    .deliver(job(dir, "wrong-ca"), DeliveryListener.NONE);
            DestinationReport d = report.destinations().getFirst();
            assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERY_FAILED);
            assertThat(DeliveryStatus.DELIVERY_FAILED.wireName()).isEqualTo("delivery_failed");
            assertThat(d.reason()).contains("TLS to localhost:" + rx.tlsPort()).contains("server certificate rejected")
                    .contains("PKIX");
            assertThat(report.reason()).contains(d.reason());
            assertThat(d.attempts()).as("a trust failure is not retried").isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            rx.settle(Duration.ofMillis(300));
            assertThat(rx.messages()).isEmpty();
        }
    }

    @Test
    void tlsHostNameIsVerified(@TempDir Path dir) throws Exception {
        try (RsyslogReceiver rx = RsyslogReceiver.start(dir.resolve("rsyslog"))) {
            new ZeekLogFixture(dir.resolve("logs/bro")).log("conn", 10);
            // the server certificate names localhost only, not 127.0.0.1
            Map<String, String> cfg = config(rx, "tls://127.0.0.1:" + rx.tlsPort());
            DeliveryReport failed = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                    .deliver(job(dir, "wrong-name"), DeliveryListener.NONE);
            assertThat(failed.destinations().getFirst().reason()).contains("server certificate rejected")
                    .contains("127.0.0.1");
            assertThat(failed.destinations().getFirst().attempts()).isEqualTo(1);

            cfg.put("tls_verify_hostname", "off");
            DeliveryReport ok = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                    .deliver(job(dir, "wrong-name"), DeliveryListener.NONE);
            assertThat(ok.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(rx.awaitFrom("wrong-name", 10, Duration.ofSeconds(10))).hasSize(10);
        }
    }

    @Test
    void receiverDownUntilTheBudgetIsSpentThenALaterCallResumes(@TempDir Path dir) throws Exception {
        try (RsyslogReceiver rx = RsyslogReceiver.start(dir.resolve("rsyslog"))) {
            ZeekLogFixture logs = new ZeekLogFixture(dir.resolve("logs/bro")).log("conn", 500).log("http", 300);
            rx.stop();
            Map<String, String> cfg = config(rx, "tcp://127.0.0.1:" + rx.port());
            cfg.put("retry_budget", "1500ms");
            DeliveryReport failed = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                    .deliver(job(dir, "down"), DeliveryListener.NONE);
            DestinationReport d = failed.destinations().getFirst();
            assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERY_FAILED);
            assertThat(d.reason()).contains("gave up after").contains("tcp://127.0.0.1:" + rx.port())
                    .containsIgnoringCase("connection refused");
            assertThat(d.attempts()).isGreaterThan(1);
            assertThat(d.delivered()).isZero();
            assertThat(d.total()).isEqualTo(800);

            rx.restart();
            // a new instance, as after a Brocapi restart: only the progress file carries state
            DeliveryReport ok = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                    .deliver(job(dir, "down"), DeliveryListener.NONE);
            assertThat(ok.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(rx.awaitFrom("down", logs.total(), Duration.ofSeconds(10))).hasSize(logs.total());
            assertThat(rx.idCounts()).hasSize(800).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));

            // once complete, delivering again contacts nobody and sends nothing
            rx.stop();
            DeliveryReport again = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                    .deliver(job(dir, "down"), DeliveryListener.NONE);
            assertThat(again.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(again.destinations().getFirst().attempts()).isZero();
        }
    }

    @Test
    void interruptedDeliveryResumesFromItsCheckpoint(@TempDir Path dir) throws Exception {
        try (RsyslogReceiver rx = RsyslogReceiver.start(dir.resolve("rsyslog"))) {
            new ZeekLogFixture(dir.resolve("logs/bro")).log("conn", 20_000).log("dns", 10_000);
            Map<String, String> cfg = config(rx, "tcp://127.0.0.1:" + rx.port());
            cfg.put("batch_lines", "100");
            cfg.put("resend_window", "0"); // commit every batch (the send buffer still counts)
            Recorder stopAfterFirst = new Recorder() {
                @Override
                public void onProgress(String destination, long delivered, long total) {
                    super.onProgress(destination, delivered, total);
                    Thread.currentThread().interrupt(); // as a shutdown would
                }
            };
            DeliveryReport first = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                    .deliver(job(dir, "resume"), stopAfterFirst);
            assertThat(Thread.interrupted()).isTrue();
            DestinationReport d = first.destinations().getFirst();
            assertThat(d.status()).isEqualTo(DeliveryStatus.INTERRUPTED);
            assertThat(d.delivered()).isPositive().isLessThan(30_000);
            String progress = Files.readString(dir.resolve("logs/syslog/tcp-127.0.0.1-" + rx.port() + ".progress"));
            assertThat(progress).contains("conn.log\t");

            DeliveryReport second = new LogDelivery(SyslogSettings.fromConfig(cfg, Map.of()))
                    .deliver(job(dir, "resume"), DeliveryListener.NONE);
            assertThat(second.status()).isEqualTo(DeliveryStatus.DELIVERED);
            rx.awaitFrom("resume", 30_000, Duration.ofSeconds(10));
            Map<Integer, Integer> ids = rx.idCounts();
            assertThat(ids).hasSize(30_000);
            long duplicates = ids.values().stream().mapToLong(n -> n - 1).sum();
            // re-sent: only what was written after the committed checkpoint
            assertThat(duplicates).isLessThan(30_000 - d.delivered());
        }
    }
}
