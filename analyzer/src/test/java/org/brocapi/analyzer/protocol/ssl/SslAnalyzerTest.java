package org.brocapi.analyzer.protocol.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSL through the whole pipeline: where conn.log gets (or does not get) {@code ssl}. */
class SslAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    private static final String[] SCRIPTS = {"base/protocols/conn", "base/protocols/ssl"};

    @TempDir
    Path dir;

    private static String service(AnalyzerHarness h, Path dir, int port) {
        return h.run(dir, SCRIPTS).rows("conn").get(0).get("service");
    }

    private static AnalyzerHarness conn(int port, byte[]... fromClient) {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, port);
        for (byte[] b : fromClient) h.tcp(CLIENT, 50000, SERVER, port, true, b);
        return h;
    }

    @Test
    void clientHelloOnPort443Confirms() {
        byte[] rec = TlsFixtures.record(22, TlsFixtures.clientHello(0x0303, "example.com"));
        assertThat(service(conn(443, rec), dir, 443)).isEqualTo("ssl");
    }

    @Test
    void clientHelloOnAnyPortIsFoundBySignature() {
        byte[] rec = TlsFixtures.record(22, TlsFixtures.clientHello(0x0303, "example.com"));
        assertThat(service(conn(8443, rec), dir, 8443)).isEqualTo("ssl");
    }

    @Test
    void helloSplitOverRecordsAndSegmentsIsReassembled() {
        byte[] hello = TlsFixtures.clientHello(0x0301, "example.com");
        byte[] r1 = TlsFixtures.record(22, Arrays.copyOfRange(hello, 0, 20));
        byte[] r2 = TlsFixtures.record(22, Arrays.copyOfRange(hello, 20, hello.length));
        byte[] both = new byte[r1.length + r2.length];
        System.arraycopy(r1, 0, both, 0, r1.length);
        System.arraycopy(r2, 0, both, r1.length, r2.length);
        var h = conn(443, Arrays.copyOfRange(both, 0, 3), Arrays.copyOfRange(both, 3, 30),
                Arrays.copyOfRange(both, 30, both.length));
        assertThat(service(h, dir, 443)).isEqualTo("ssl");
    }

    @Test
    void unsupportedHelloVersionIsAViolation() {
        byte[] rec = TlsFixtures.record(22, TlsFixtures.clientHello(0x0399, "example.com"));
        assertThat(service(conn(443, rec), dir, 443)).isEqualTo("-");
    }

    @Test
    void serverHelloAloneDoesNotConfirm() {
        var h = conn(443);
        h.tcp(CLIENT, 50000, SERVER, 443, false, TlsFixtures.record(22, TlsFixtures.serverHello13()));
        assertThat(service(h, dir, 443)).isEqualTo("-");
    }

    @Test
    void plainTextOn443IsNotSsl() {
        byte[] text = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(service(conn(443, text), dir, 443)).isEqualTo("-");
    }

    @Test
    void sslV2ClientHelloConfirms() {
        // 2-byte header 0x8000|len, CLIENT-HELLO (1), version 0x0301, specs 3, session 0, challenge 16
        byte[] hello = Hex.bytes("801c 01 0301 0003 0000 0010 010080" + "cd".repeat(16));
        assertThat(service(conn(443, hello), dir, 443)).isEqualTo("ssl");
    }

    @Test
    void tls13HandshakeIsLoggedWhenBothSidesEncrypt() {
        var h = conn(443, TlsFixtures.record(22, TlsFixtures.clientHello(0x0303, "example.com")));
        h.tcp(CLIENT, 50000, SERVER, 443, false, concat(TlsFixtures.record(22, TlsFixtures.serverHello13()),
                Hex.bytes("140303 0001 01"), Hex.bytes("170303 0005 0102030405")));
        h.tcp(CLIENT, 50000, SERVER, 443, true, concat(Hex.bytes("140303 0001 01"), Hex.bytes("170303 0003 aabbcc")));
        var row = h.run(dir, SCRIPTS).rows("ssl").get(0);
        assertThat(row).containsEntry("version", "TLSv13").containsEntry("cipher", "TLS_AES_128_GCM_SHA256")
                .containsEntry("server_name", "example.com").containsEntry("resumed", "F")
                .containsEntry("established", "T").containsEntry("ssl_history", "CsiI")
                .containsEntry("cert_chain_fps", "-").containsEntry("sni_matches_cert", "-");
    }

    @Test
    void alertIsLastAlertAndTheRowIsWrittenAtTheEnd() {
        var h = conn(443, TlsFixtures.record(22, TlsFixtures.clientHello(0x0303, "example.com")));
        h.tcp(CLIENT, 50000, SERVER, 443, false, Hex.bytes("150301 0002 0228")); // fatal handshake_failure
        var row = h.run(dir, SCRIPTS).rows("ssl").get(0);
        assertThat(row).containsEntry("last_alert", "handshake_failure").containsEntry("established", "F")
                .containsEntry("ssl_history", "Cl").containsEntry("version", "-");
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
