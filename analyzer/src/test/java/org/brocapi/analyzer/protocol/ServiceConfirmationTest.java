package org.brocapi.analyzer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port- and probe-based activation and Zeek's confirmation rules, seen where they matter: the
 * conn.log {@code service} column (and analyzer.log for failures after confirmation).
 */
class ServiceConfirmationTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    // SSH-2.0 binary packets (RFC 4253 §6): length 12, padding 10, type, padding bytes
    private static final byte[] KEXINIT = Hex.bytes("0000000c 0a 14 00000000000000000000");
    private static final byte[] NEWKEYS = Hex.bytes("0000000c 0a 15 00000000000000000000");

    @TempDir
    Path dir;

    private static byte[] dhcp(long cookie, boolean withType) {
        byte[] m = new byte[236 + 4 + (withType ? 3 : 0) + 1];
        m[0] = 1; // BOOTREQUEST
        m[1] = 1;
        m[2] = 6;
        m[236] = (byte) (cookie >> 24);
        m[237] = (byte) (cookie >> 16);
        m[238] = (byte) (cookie >> 8);
        m[239] = (byte) cookie;
        int i = 240;
        if (withType) {
            m[i++] = 53; // DHCP message type: DISCOVER
            m[i++] = 1;
            m[i++] = 1;
        }
        m[i] = (byte) 255;
        return m;
    }

    private static String service(AnalyzerHarness.Result r) {
        return r.rows("conn").get(0).get("service");
    }

    @Test
    void dhcpMessageConfirms() {
        var r = new AnalyzerHarness().udp("0.0.0.0", 68, "255.255.255.255", 67, dhcp(0x63825363L, true))
                .run(dir, "base/protocols/conn", "base/protocols/dhcp");
        assertThat(service(r)).isEqualTo("dhcp");
    }

    @Test
    void dhcpWithBadCookieOrWithoutTypeDoesNotConfirm() {
        var r = new AnalyzerHarness()
                .udp(CLIENT, 68, SERVER, 67, dhcp(0x01020304L, true))
                .udp(CLIENT, 1068, SERVER, 67, dhcp(0x63825363L, false))
                .udp(CLIENT, 2068, SERVER, 67, new byte[100]) // too short for the BOOTP header
                .run(dir, "base/protocols/conn", "base/protocols/dhcp");
        assertThat(r.rows("conn")).extracting(c -> c.get("service")).containsOnly("-");
    }

    @Test
    void ntpServerMessageFromTheOriginatorFlipsAndConfirms() {
        byte[] server = new byte[48];
        server[0] = 0x24; // version 4, mode 4 (server)
        var r = new AnalyzerHarness().udp(SERVER, 40123, CLIENT, 123, server)
                .run(dir, "base/protocols/conn", "base/protocols/ntp");
        var conn = r.rows("conn").get(0);
        assertThat(conn.get("service")).isEqualTo("ntp");
        assertThat(conn.get("id.orig_h")).isEqualTo(CLIENT);
        assertThat(conn.get("history")).isEqualTo("D^");
    }

    @Test
    void shortNtpIsAViolation() {
        var r = new AnalyzerHarness().udp(CLIENT, 40123, SERVER, 123, new byte[]{0x23, 0})
                .run(dir, "base/protocols/conn", "base/protocols/ntp");
        assertThat(service(r)).isEqualTo("-");
    }

    @Test
    void sshOnAnOddPortIsFoundByItsSignatureAndConfirmsAtNewkeys() {
        var r = ssh(2222, "SSH-2.0-OpenSSH_9.6\r\n", "SSH-2.0-OpenSSH_9.3\r\n")
                .run(dir, "base/protocols/conn", "base/protocols/ssh");
        assertThat(service(r)).isEqualTo("ssh");
    }

    @Test
    void sshSignatureNeedsBothBanners() {
        var r = ssh(2222, "SSH-2.0-OpenSSH_9.6\r\n", "220 mail ESMTP\r\n")
                .run(dir, "base/protocols/conn", "base/protocols/ssh");
        assertThat(service(r)).isEqualTo("-");
    }

    @Test
    void sshWithOnlyTheClientSideSeenNeverReadsPacketLengths() {
        // half-duplex capture: no server banner, so the version is unknown and Zeek dumps the data
        var r = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, 22)
                .tcp(CLIENT, 50000, SERVER, 22, true, "SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII))
                .tcp(CLIENT, 50000, SERVER, 22, true, Hex.bytes("ffffffff 0a 14 0000"))
                .run(dir, "base/protocols/conn", "base/protocols/ssh");
        assertThat(r.rows("conn").get(0).get("history")).doesNotContain("X");
        assertThat(service(r)).isEqualTo("-");
    }

    @Test
    void protocolsWhoseScriptIsNotLoadedDoNothing() {
        var r = ssh(22, "SSH-2.0-OpenSSH_9.6\r\n", "SSH-2.0-OpenSSH_9.3\r\n")
                .run(dir, "base/protocols/conn");
        assertThat(service(r)).isEqualTo("-");
    }

    @Test
    void sshClientWithoutVersionLineIsAViolationOnItsPort() {
        var r = ssh(22, "GET / HTTP/1.1\r\n", "SSH-2.0-OpenSSH_9.3\r\n")
                .run(dir, "base/protocols/conn", "base/protocols/ssh");
        assertThat(service(r)).isEqualTo("-");
        assertThat(r.has("analyzer")).isFalse(); // never confirmed: nothing to log
    }

    @Test
    void aConfirmedAnalyzersFirstViolationGoesToDpdLogWithItsData() {
        byte[] junk = "\u0001\u0002 not http at all, and longer than forty bytes of data\r\n".getBytes(StandardCharsets.ISO_8859_1);
        var r = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, 80)
                .tcp(CLIENT, 50000, SERVER, 80, true, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                .tcp(CLIENT, 50000, SERVER, 80, false, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                .tcp(CLIENT, 50000, SERVER, 80, true, junk)
                .tcp(CLIENT, 50000, SERVER, 80, true, junk)
                .run(dir, "base/protocols/conn", "base/protocols/http", "frameworks/analyzer/deprecated-dpd-log");
        var dpd = r.rows("dpd");
        assertThat(dpd).hasSize(1); // once per analyzer and connection
        assertThat(dpd.get(0).get("analyzer")).isEqualTo("HTTP");
        assertThat(dpd.get(0).get("proto")).isEqualTo("tcp");
        assertThat(dpd.get(0).get("failure_reason")).endsWith("[\\x01\\x02 not http at all, and longer than fort...]");
        assertThat(service(r)).isEqualTo("-"); // and DPD took the service away, as without dpd.log
    }

    @Test
    void withoutTheDeprecatedScriptThereIsNoDpdLog() {
        var r = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, 80)
                .tcp(CLIENT, 50000, SERVER, 80, true, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                .tcp(CLIENT, 50000, SERVER, 80, true, "\u0001 junk\r\n".getBytes(StandardCharsets.ISO_8859_1))
                .run(dir, "base/protocols/conn", "base/protocols/http");
        assertThat(r.has("dpd")).isFalse();
    }

    private static AnalyzerHarness ssh(int port, String clientBanner, String serverBanner) {
        return new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, port)
                .tcp(CLIENT, 50000, SERVER, port, false, serverBanner.getBytes(StandardCharsets.US_ASCII))
                .tcp(CLIENT, 50000, SERVER, port, true, clientBanner.getBytes(StandardCharsets.US_ASCII))
                .tcp(CLIENT, 50000, SERVER, port, true, KEXINIT)
                .tcp(CLIENT, 50000, SERVER, port, false, KEXINIT)
                .tcp(CLIENT, 50000, SERVER, port, true, NEWKEYS)
                .tcp(CLIENT, 50000, SERVER, port, false, NEWKEYS);
    }
}
