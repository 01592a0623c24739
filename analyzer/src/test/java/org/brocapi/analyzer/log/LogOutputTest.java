package org.brocapi.analyzer.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogOutputTest {
    record DnsLogEntry(@Column(type = ZeekType.TIME) double ts, String query) {}

    record ConnLogEntry(@Column(type = ZeekType.TIME) double ts, String uid,
            @Column(feature = "mac-logging") String origL2Addr) {}

    private static final Clock FIXED = Clock.fixed(Instant.ofEpochSecond(1787338630L), ZoneId.of("UTC"));

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void filesAppearOnlyWithTheirFirstRow(@TempDir Path dir) {
        LogOutput out = new LogOutput(dir, LogOptions.defaults());
        LogStream<DnsLogEntry> dns = out.stream("dns", DnsLogEntry.class);
        out.stream("weird", DnsLogEntry.class);
        assertThat(dir.resolve("dns.log")).doesNotExist();
        dns.write(new DnsLogEntry(1.0, "example.com"));
        assertThat(dir.resolve("dns.log")).exists();
        Map<String, Long> rows = out.close();
        assertThat(rows).containsExactly(Map.entry("dns", 1L));
        assertThat(dir.resolve("weird.log")).doesNotExist();
    }

    @Test
    void tsvFileHasHeaderRowsAndClose(@TempDir Path dir) throws IOException {
        LogOutput out = new LogOutput(dir, LogOptions.defaults().withClock(FIXED));
        LogStream<ConnLogEntry> conn = out.stream("conn", ConnLogEntry.class, Set.of("mac-logging"));
        conn.write(new ConnLogEntry(1300475167.096535, "CHhAvVGS1DHFjwGM9", "00:11:22:33:44:55"));
        conn.write(new ConnLogEntry(1300475168.5, "ClEkJM2Vm5giqnMf4h", null));
        out.close();
        assertThat(read(dir.resolve("conn.log"))).isEqualTo("""
                #separator \\x09
                #set_separator\t,
                #empty_field\t(empty)
                #unset_field\t-
                #path\tconn
                #open\t2026-08-21-18-57-10
                #fields\tts\tuid\torig_l2_addr
                #types\ttime\tstring\tstring
                1300475167.096535\tCHhAvVGS1DHFjwGM9\t00:11:22:33:44:55
                1300475168.500000\tClEkJM2Vm5giqnMf4h\t-
                #close\t2026-08-21-18-57-10
                """);
    }

    @Test
    void openAndCloseUseTheRealWallClockShape(@TempDir Path dir) throws IOException {
        LogOutput out = new LogOutput(dir, LogOptions.defaults());
        out.stream("dns", DnsLogEntry.class).write(new DnsLogEntry(0, "a"));
        out.close();
        List<String> lines = Files.readAllLines(dir.resolve("dns.log"));
        // what the conformance canonifier masks: ^#(open|close)<char>(19|20)yy-mm-dd-HH-MM-SS$
        assertThat(lines.get(5)).matches("#open\t20\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d");
        assertThat(lines.get(lines.size() - 1)).matches("#close\t20\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d");
    }

    @Test
    void jsonFileHasNoMetaLines(@TempDir Path dir) throws IOException {
        LogOutput out = new LogOutput(dir, LogOptions.defaults().withJson(true));
        out.stream("dns", DnsLogEntry.class).write(new DnsLogEntry(1.5, null));
        out.close();
        assertThat(read(dir.resolve("dns.log"))).isEqualTo("{\"ts\":1.5}\n");
    }

    @Test
    void manyStreamsInterleavedAndReportedInCreationOrder(@TempDir Path dir) throws IOException {
        LogOutput out = new LogOutput(dir, LogOptions.defaults().withClock(FIXED));
        int n = 40;
        @SuppressWarnings("unchecked")
        LogStream<DnsLogEntry>[] streams = new LogStream[n];
        for (int i = 0; i < n; i++) {
            streams[i] = out.stream("log" + i, DnsLogEntry.class);
        }
        // created in reverse order; 5000 rows each crosses the 64 KiB flush threshold
        for (int r = 0; r < 5000; r++) {
            for (int i = n - 1; i >= 0; i--) {
                streams[i].write(new DnsLogEntry(r, "q" + i + "-" + r));
            }
        }
        Map<String, Long> rows = out.close();
        assertThat(rows.keySet()).first().isEqualTo("log" + (n - 1));
        assertThat(rows.keySet()).last().isEqualTo("log0");
        assertThat(rows.values()).allMatch(v -> v == 5000L);
        List<String> lines = Files.readAllLines(dir.resolve("log7.log"));
        assertThat(lines).hasSize(8 + 5000 + 1);
        assertThat(lines.get(8 + 4999)).isEqualTo("4999.000000\tq7-4999");
        assertThat(out.close()).isSameAs(rows);
    }

    @Test
    void sameStreamTwiceIsTheSameAndConflictsAreErrors(@TempDir Path dir) {
        LogOutput out = new LogOutput(dir, LogOptions.defaults());
        assertThat(out.stream("conn", ConnLogEntry.class)).isSameAs(out.stream("conn", ConnLogEntry.class));
        assertThatThrownBy(() -> out.stream("conn", ConnLogEntry.class, Set.of("mac-logging")))
                .hasMessageContaining("already open");
        assertThatThrownBy(() -> out.stream("../x", DnsLogEntry.class)).hasMessageContaining("plain file stem");
        out.close();
        assertThatThrownBy(() -> out.stream("late", DnsLogEntry.class)).isInstanceOf(IllegalStateException.class);
    }

    record Addr(@Column(type = ZeekType.ADDR) byte[] a, String b) {}

    @Test
    void aBadRowIsRejectedWithoutDamagingTheFile(@TempDir Path dir) throws IOException {
        LogOutput out = new LogOutput(dir, LogOptions.defaults().withClock(FIXED));
        LogStream<Addr> s = out.stream("x", Addr.class);
        s.write(new Addr(new byte[] {1, 2, 3, 4}, "ok"));
        assertThatThrownBy(() -> s.write(new Addr(new byte[5], "bad"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log x").hasMessageContaining("4 or 16 bytes");
        s.write(new Addr(new byte[] {5, 6, 7, 8}, "ok2"));
        assertThat(out.close()).containsEntry("x", 2L);
        List<String> lines = Files.readAllLines(dir.resolve("x.log"));
        assertThat(lines.subList(8, 10)).containsExactly("1.2.3.4\tok", "5.6.7.8\tok2");
    }

    @Test
    void unwritableDirectoryIsAClearError(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("no/such/dir");
        LogOutput out = new LogOutput(missing, LogOptions.defaults());
        LogStream<DnsLogEntry> s = out.stream("dns", DnsLogEntry.class);
        assertThatThrownBy(() -> s.write(new DnsLogEntry(1, "a"))).hasMessageContaining("creating log");
    }
}
