package org.brocapi.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.brocapi.service.syslog.SyslogSettings;
import org.brocapi.service.testing.ZeekLogFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogExporterTest {

    @Test
    void logsAppearUnderExportDirWithoutBlacklistedOnesAndNoTempLeftOver(@TempDir Path dir) throws Exception {
        new ZeekLogFixture(dir.resolve("job/logs/bro")).log("conn", 5).log("dns", 3).raw("stats.log", "#x\n1\n");
        Path export = dir.resolve("export");
        // export only: no syslog destination configured
        SyslogSettings settings = SyslogSettings.fromConfig(Map.of("export_dir", export.toString()), Map.of());
        DeliveryJob job = new DeliveryJob("job-7", null, dir.resolve("job/logs/bro"), List.of(), dir.resolve("job/logs/syslog"));
        DeliveryReport r = new LogDelivery(settings).deliver(job, DeliveryListener.NONE);

        assertThat(r.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(r.exportedTo()).isEqualTo(export.resolve("job-7"));
        try (Stream<Path> s = Files.list(export)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("job-7");
        }
        try (Stream<Path> s = Files.list(export.resolve("job-7"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("conn.log", "dns.log");
        }
        assertThat(Files.mismatch(export.resolve("job-7/conn.log"), dir.resolve("job/logs/bro/conn.log"))).isEqualTo(-1);

        // a second export of the same job keeps the first and does not fail
        assertThat(new LogDelivery(settings).deliver(job, DeliveryListener.NONE).exportedTo()).isEqualTo(export.resolve("job-7"));
    }

    @Test
    void exportFailureIsReportedNotThrown(@TempDir Path dir) throws Exception {
        new ZeekLogFixture(dir.resolve("logs")).log("conn", 1);
        Files.writeString(dir.resolve("not-a-dir"), "x");
        SyslogSettings settings = SyslogSettings.fromConfig(Map.of("export_dir", dir.resolve("not-a-dir").toString()), Map.of());
        DeliveryReport r = new LogDelivery(settings).deliver(
                new DeliveryJob("j", null, dir.resolve("logs"), List.of(), dir.resolve("state")), DeliveryListener.NONE);
        assertThat(r.status()).isEqualTo(DeliveryStatus.DELIVERY_FAILED);
        assertThat(r.exportError()).contains("not-a-dir");
        assertThat(r.reason()).startsWith("export: ");
    }

    @Test
    void damagedProgressEntryRestartsThatFileOnly(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("d.progress"), "# header\nconn.log\t100\t5\ndns.log\tx\t1\nbroken line\n");
        DeliveryProgress p = DeliveryProgress.load(dir, "d");
        assertThat(p.get("conn.log")).isEqualTo(new DeliveryProgress.Position(100, 5));
        assertThat(p.get("dns.log")).isEqualTo(DeliveryProgress.Position.START);
        p.set("dns.log", 7, 1);
        p.save();
        assertThat(DeliveryProgress.load(dir, "d").deliveredLines()).isEqualTo(6);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(x -> x.getFileName().toString())).containsExactly("d.progress");
        }
    }
}
