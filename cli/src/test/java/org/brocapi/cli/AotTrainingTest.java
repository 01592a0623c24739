package org.brocapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT training capture (cli/aot) must keep exercising what a real analysis runs, or the
 * cache trained on it stops helping: it analyses cleanly and reaches every main protocol.
 */
class AotTrainingTest {
    private static final Path CAPTURE = Path.of("aot", "training.pcap");

    @TempDir
    Path dir;

    @Test
    void theTrainingCaptureReachesTheMainProtocolsAndLogs() throws IOException {
        var err = new ByteArrayOutputStream();
        int rc = ZeekCommand.run(List.of("-C", "-r", CAPTURE.toAbsolutePath().toString()), dir,
                new PrintStream(java.io.OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(dir.resolve("conn.log")).exists();
        Map<String, Long> services = Files.readAllLines(dir.resolve("conn.log")).stream()
                .filter(l -> !l.startsWith("#")).map(l -> l.split("\t")[7])
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(services).containsKeys("dns", "http", "ssl", "ssh", "smtp", "ftp", "ftp-data", "ntp");
        for (String log : List.of("dns", "http", "files", "ssl", "x509", "ssh", "smtp", "ftp")) {
            assertThat(dir.resolve(log + ".log")).as(log + ".log").exists();
        }
    }

    @Test
    void aTrainingRoundLeavesNoFilesBehind() throws IOException {
        long before = countTrainingDirs();
        AotTraining.main(new String[] {"2", CAPTURE.toAbsolutePath().toString()});
        assertThat(countTrainingDirs()).isEqualTo(before);
    }

    @Test
    void theDamagedCopiesDropDuplicateAndSwapPackets() throws IOException {
        List<String> copies = AotTraining.damagedCopies(CAPTURE, dir);
        assertThat(copies).hasSize(3);
        long original = packets(CAPTURE);
        assertThat(original).isEqualTo(1217);
        assertThat(packets(Path.of(copies.get(0)))).isEqualTo(original - original / 37);
        assertThat(packets(Path.of(copies.get(1)))).isEqualTo(original + original / 23);
        assertThat(packets(Path.of(copies.get(2)))).isEqualTo(original);
        assertThat(Files.readAllBytes(Path.of(copies.get(2)))).isNotEqualTo(Files.readAllBytes(CAPTURE));
        // each still analyses cleanly
        for (String c : copies) {
            Path logs = Files.createDirectories(dir.resolve("logs-" + Path.of(c).getFileName()));
            assertThat(ZeekCommand.run(List.of("-C", "-r", c), logs, new PrintStream(java.io.OutputStream.nullOutputStream()),
                    new PrintStream(java.io.OutputStream.nullOutputStream()))).isZero();
            assertThat(logs.resolve("conn.log")).exists();
        }
    }

    /** Records in a classic little-endian pcap. */
    private static long packets(Path pcap) throws IOException {
        var b = java.nio.ByteBuffer.wrap(Files.readAllBytes(pcap)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long n = 0;
        for (int at = 24; at + 16 <= b.limit(); at += 16 + b.getInt(at + 8)) n++;
        return n;
    }

    private static long countTrainingDirs() throws IOException {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("brocapi-aot-training")).count();
        }
    }
}
