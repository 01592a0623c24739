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
}
