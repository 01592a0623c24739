package org.brocapi.service.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The exact bytes on a loopback socket, for what a syslog parser cannot show (padding, framing). */
class WireBytesTest {
    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final long OCT_5 = ZonedDateTime.of(2026, 10, 5, 9, 8, 7, 0, ZONE).toEpochSecond() * 1_000_000L;
    static final byte[] LINE = "1.0\tCx\t\u00e9".getBytes(StandardCharsets.UTF_8);

    static byte[] overTcp(Framing framing, FrameFormat format) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> got = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    in.transferTo(b); // until our half-close
                    return b.toByteArray();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Socket raw = new Socket();
            raw.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            SyslogFramer f = new SyslogFramer(format, 29, "sensor1", ZONE, "-");
            f.startLog("bro25_conn", "conn");
            StreamConnection c = new StreamConnection(raw, null, framing, Duration.ofSeconds(5), Duration.ofSeconds(5));
            for (int i = 0; i < 2; i++) {
                int n = f.header(OCT_5);
                c.send(f.headerBytes(), n, LINE, 0, LINE.length);
            }
            c.drain(); // returns once the accepting side has read everything and closed
            assertThat(c.bytesWritten()).isEqualTo(got.get().length);
            return got.get();
        }
    }

    @Test
    void legacyOverTcpIsOnePointZerosExactBytes() throws Exception {
        String one = "<29>Oct 05 09:08:07 sensor1 bro25_conn: 1.0\tCx\t\u00e9\n";
        assertThat(new String(overTcp(Framing.LF, FrameFormat.LEGACY), StandardCharsets.UTF_8)).isEqualTo(one + one);
    }

    @Test
    void octetCountingCountsBytesNotCharacters() throws Exception {
        String msg = "<29>Oct  5 09:08:07 sensor1 bro25_conn: 1.0\tCx\t\u00e9";
        int len = msg.getBytes(StandardCharsets.UTF_8).length;
        assertThat(len).isEqualTo(msg.length() + 1);
        assertThat(new String(overTcp(Framing.OCTET_COUNTING, FrameFormat.RFC3164), StandardCharsets.UTF_8))
                .isEqualTo(len + " " + msg + len + " " + msg);
    }

    @Test
    void udpSendsOneDatagramPerLineAndMarksTruncation() throws Exception {
        try (DatagramSocket rx = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            rx.setSoTimeout(5000);
            SyslogFramer f = new SyslogFramer(FrameFormat.LEGACY, 29, "h", ZONE, "-");
            f.startLog("p", "t");
            try (UdpConnection c = new UdpConnection(new InetSocketAddress(InetAddress.getLoopbackAddress(), rx.getLocalPort()), 600, true)) {
                int n = f.header(OCT_5);
                assertThat(c.send(f.headerBytes(), n, LINE, 0, LINE.length)).isFalse();
                byte[] big = ("x".repeat(10) + "\u20ac".repeat(400)).getBytes(StandardCharsets.UTF_8); // 1210 bytes
                assertThat(c.send(f.headerBytes(), n, big, 0, big.length)).isTrue();
            }
            DatagramPacket p = new DatagramPacket(new byte[70000], 70000);
            rx.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8))
                    .isEqualTo("<29>Oct 05 09:08:07 h p: 1.0\tCx\t\u00e9\n");
            rx.receive(p);
            String cut = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            assertThat(p.getLength()).isLessThanOrEqualTo(600);
            assertThat(cut).startsWith("<29>Oct 05 09:08:07 h p: xxxxxxxxxx\u20ac").endsWith(" bytes]\n").doesNotContain("\ufffd");
            int kept = cut.substring(cut.indexOf("p: ") + 3, cut.indexOf(" [brocapi")).getBytes(StandardCharsets.UTF_8).length;
            int dropped = Integer.parseInt(cut.replaceAll("(?s).*truncated (\\d+) bytes]\n", "$1"));
            assertThat(kept + dropped).isEqualTo(1210);
        }
    }
}
