package org.brocapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code brocapi zeek}: zeek's command line, its errors, and the logs it writes. */
class ZeekCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private int zeek(String... args) {
        return ZeekCommand.run(List.of(args), dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionNamesTheZeekReleaseWhoseLogsWeWrite() {
        assertThat(zeek("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("zeek version 8.0.10");
    }

    @Test
    void handshakeGivesOneConnLogRowInBareModeWithConnLoaded() throws IOException {
        Path pcap = handshakePcap();
        assertThat(zeek("-b", "-C", "-r", pcap.toString(), "base/protocols/conn")).isZero();
        List<String> rows = Files.readAllLines(dir.resolve("conn.log")).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).split("\t")).containsSequence("10.0.0.1", "40000", "10.0.0.2", "8080", "tcp");
        assertThat(rows.get(0)).contains("\tShA\t");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
                .containsExactlyInAnyOrder("conn.log", "trace.pcap");
    }

    @Test
    void bareModeWithoutTheConnScriptWritesNoConnLog() throws IOException {
        Path pcap = handshakePcap();
        assertThat(zeek("-b", "-C", "-r", pcap.toString())).isZero();
        assertThat(dir.resolve("conn.log")).doesNotExist();
    }

    @Test
    void scriptFileWithLoadsAndRedefsIsHonoured() throws IOException {
        Path pcap = handshakePcap();
        Path script = Files.writeString(dir.resolve("input.zeek"),
                "# a test script\n@load base/protocols/conn\nredef Log::default_scope_sep = \"_\";\n");
        assertThat(zeek("-b", "-C", "-r", pcap.toString(), script.toString())).isZero();
        assertThat(Files.readString(dir.resolve("conn.log"))).contains("\tid_orig_h\t");
    }

    @Test
    void aFileThatIsNotACaptureIsAOneLineError() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a pcap\n");
        assertThat(zeek("-r", text.toString())).isEqualTo(1);
        assertThat(err().lines()).hasSize(1).first().asString().contains("not a pcap");
    }

    @Test
    void unknownScriptOptionAndStatementAreErrorsNamingThem() throws IOException {
        Path pcap = handshakePcap();
        assertThat(zeek("-r", pcap.toString(), "base/protocols/nonexistent")).isEqualTo(1);
        assertThat(err()).contains("unknown script base/protocols/nonexistent");
        err.reset();
        assertThat(zeek("-Q", "-r", pcap.toString())).isEqualTo(1);
        assertThat(err()).contains("-Q");
        err.reset();
        Path script = Files.writeString(dir.resolve("bad.zeek"), "redef Not::an_option = T;\n");
        assertThat(zeek("-r", pcap.toString(), script.toString())).isEqualTo(1);
        assertThat(err()).contains("Not::an_option");
        err.reset();
        Path event = Files.writeString(dir.resolve("event.zeek"), "event zeek_init() { print 1; }\n");
        assertThat(zeek("-r", pcap.toString(), event.toString())).isEqualTo(1);
        assertThat(err()).contains("unsupported statement");
    }

    @Test
    void zeekOptionWithoutEffectHereIsAcceptedWithAWarningNamingIt() throws IOException {
        Path pcap = handshakePcap();
        assertThat(zeek("-C", "-r", pcap.toString(), "Redis::max_pending_commands=5")).isZero();
        assertThat(err()).contains("Redis::max_pending_commands").contains("no effect"); // no Redis analyzer yet
        assertThat(dir.resolve("conn.log")).exists();
    }

    /** SYN, SYN-ACK, ACK between 10.0.0.1:40000 and 10.0.0.2:8080 (checksums left zero: run with -C). */
    private Path handshakePcap() throws IOException {
        var b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        frame(b, 1, 0x0a000001, 40000, 0x0a000002, 8080, 0x02, 1000, 0);
        frame(b, 2, 0x0a000002, 8080, 0x0a000001, 40000, 0x12, 5000, 1001);
        frame(b, 3, 0x0a000001, 40000, 0x0a000002, 8080, 0x10, 1001, 5001);
        Path p = dir.resolve("trace.pcap");
        Files.write(p, java.util.Arrays.copyOf(b.array(), b.position()));
        return p;
    }

    private static void frame(ByteBuffer b, int sec, int src, int sport, int dst, int dport, int flags, int seq,
                              int ack) {
        int len = 14 + 20 + 20;
        b.putInt(sec).putInt(0).putInt(len).putInt(len);
        var f = ByteBuffer.allocate(len); // network byte order
        f.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        f.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) 1).putShort((short) 0)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(src).putInt(dst);
        f.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(ack).put((byte) 0x50).put((byte) flags)
                .putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        b.put(f.array());
    }
}
