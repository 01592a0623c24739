package org.brocapi.analyzer.protocol.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocksAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", PROXY = "10.0.0.2";

    @TempDir
    Path dir;

    private static String service(AnalyzerHarness h, Path dir) {
        return h.run(dir, "base/protocols/conn", "base/protocols/socks").rows("conn").get(0).get("service");
    }

    /** RFC 1928/1929 exchange: offer user/pass, sub-negotiation, CONNECT 192.0.2.7:80, success. */
    private static AnalyzerHarness socks5(int port, byte[] reply) {
        return new AnalyzerHarness().tcpOpen(CLIENT, 40000, PROXY, port)
                .tcp(CLIENT, 40000, PROXY, port, true, Hex.bytes("05 01 02"))
                .tcp(CLIENT, 40000, PROXY, port, false, Hex.bytes("05 02"))
                .tcp(CLIENT, 40000, PROXY, port, true, Hex.bytes("01 03 626f62 02 7077")) // bob / pw
                .tcp(CLIENT, 40000, PROXY, port, false, Hex.bytes("01 00"))
                .tcp(CLIENT, 40000, PROXY, port, true, Hex.bytes("05 01 00 01 c0000207 0050"))
                .tcp(CLIENT, 40000, PROXY, port, false, reply);
    }

    @Test
    void socks5ReplyConfirmsOnAnyPortThroughTheSignature() {
        assertThat(service(socks5(10080, Hex.bytes("05 00 00 01 0a000002 9c40")), dir)).isEqualTo("socks");
    }

    @Test
    void replyWithUnknownAddressTypeIsAViolation() {
        assertThat(service(socks5(1080, Hex.bytes("05 00 00 09 0a000002 9c40")), dir)).isEqualTo("-");
    }

    @Test
    void truncatedReplyIsAViolation() {
        assertThat(service(socks5(1080, Hex.bytes("05 00 00 01 0a00")), dir)).isEqualTo("-");
    }

    @Test
    void textOnTheSocksPortIsNotSocks() {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 40000, PROXY, 1080)
                .tcp(CLIENT, 40000, PROXY, 1080, true, "GET / HTTP/1.0\r\n\r\n".getBytes())
                .tcp(CLIENT, 40000, PROXY, 1080, false, "HTTP/1.0 400 Bad\r\n\r\n".getBytes());
        assertThat(service(h, dir)).isEqualTo("-");
    }

    @Test
    void aRequestRegistersTheProxyAsATunnelWithoutTheClientPort() {
        var r = socks5(1080, Hex.bytes("05 00 00 01 0a000002 9c40"))
                .run(dir, "base/protocols/conn", "base/protocols/socks", "base/protocols/tunnels");
        var t = r.rows("tunnel");
        assertThat(t).hasSize(1);
        assertThat(t.get(0)).containsEntry("uid", "-").containsEntry("id.orig_h", CLIENT).containsEntry("id.orig_p", "0")
                .containsEntry("id.resp_h", PROXY).containsEntry("id.resp_p", "1080")
                .containsEntry("tunnel_type", "Tunnel::SOCKS").containsEntry("action", "Tunnel::DISCOVER");
    }

    @Test
    void anInvalidRequestRegistersNothing() throws Exception {
        // a reserved byte other than 0: a violation, no socks_request event
        var bad = new AnalyzerHarness().tcpOpen(CLIENT, 40000, PROXY, 1080)
                .tcp(CLIENT, 40000, PROXY, 1080, true, Hex.bytes("05 01 00"))
                .tcp(CLIENT, 40000, PROXY, 1080, false, Hex.bytes("05 00"))
                .tcp(CLIENT, 40000, PROXY, 1080, true, Hex.bytes("05 01 07 01 c0000207 0050"));
        Path a = java.nio.file.Files.createDirectories(dir.resolve("bad"));
        assertThat(bad.run(a, "base/protocols/conn", "base/protocols/socks", "base/protocols/tunnels").has("tunnel")).isFalse();
        // socks/main.zeek loads the tunnels framework itself
        Path b = java.nio.file.Files.createDirectories(dir.resolve("socks-only"));
        assertThat(socks5(1080, Hex.bytes("05 00 00 01 0a000002 9c40"))
                .run(b, "base/protocols/socks").rows("tunnel")).hasSize(1);
    }

    @Test
    void socks5SessionIsLoggedWithItsLoginRequestAndBoundAddress() throws Exception {
        for (boolean capture : new boolean[] {false, true}) {
            Path run = java.nio.file.Files.createDirectories(dir.resolve("capture-" + capture));
            Path script = java.nio.file.Files.writeString(run.resolve("input.zeek"),
                    "redef SOCKS::default_capture_password = " + (capture ? "T" : "F") + ";\n");
            var rows = socks5(1080, Hex.bytes("05 00 00 01 0a000002 9c40"))
                    .run(run, "base/protocols/conn", "base/protocols/socks", script.toString()).rows("socks");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("id.orig_p", "40000").containsEntry("version", "5")
                    .containsEntry("user", "bob").containsEntry("password", capture ? "pw" : "-")
                    .containsEntry("status", "succeeded")
                    .containsEntry("request.host", "192.0.2.7").containsEntry("request.name", "-")
                    .containsEntry("request_p", "80")
                    .containsEntry("bound.host", "10.0.0.2").containsEntry("bound.name", "-")
                    .containsEntry("bound_p", "40000");
        }
    }

    @Test
    void socks4aRequestKeepsBothTheAddressAndTheNameAndTheStatusInWords() {
        // SOCKS4a: address 0.0.0.1 means "the name follows the user id"; status 0x5b is a refusal.
        // Zeek's grammar wants the reply to start with the version byte 4 and then the zero byte.
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 40000, PROXY, 1080)
                .tcp(CLIENT, 40000, PROXY, 1080, true, Hex.bytes("04 01 0050 00000001 75736572 00 6578616d706c652e6f7267 00"))
                .tcp(CLIENT, 40000, PROXY, 1080, false, Hex.bytes("04 00 5b 0000 00000000"));
        var rows = h.run(dir, "base/protocols/conn", "base/protocols/socks").rows("socks");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("version", "4").containsEntry("user", "-")
                .containsEntry("request.host", "0.0.0.1").containsEntry("request.name", "example.org")
                .containsEntry("request_p", "80").containsEntry("status", "general SOCKS server failure")
                .containsEntry("bound.host", "0.0.0.0").containsEntry("bound_p", "0");
    }

    @Test
    void aSessionThatNeverConfirmedIsNotLogged() {
        // the reply's address type is unknown: a violation, SOCKS never joins the services
        var r = socks5(1080, Hex.bytes("05 00 00 09 0a000002 9c40")).run(dir, "base/protocols/conn", "base/protocols/socks");
        assertThat(r.has("socks")).isFalse();
    }
}
