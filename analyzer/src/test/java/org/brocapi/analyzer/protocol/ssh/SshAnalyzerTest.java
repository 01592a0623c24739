package org.brocapi.analyzer.protocol.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "8.8.8.8";
    private static final int CPORT = 50000;

    @TempDir
    Path dir;

    /** An SSH-2 binary packet (RFC 4253 §6) around {@code payload}, padded with zeros to 8 bytes. */
    private static byte[] packet(byte[] payload) {
        int pad = 4;
        while ((4 + 1 + payload.length + pad) % 8 != 0) pad++;
        var out = new ByteArrayOutputStream();
        int packetLength = 1 + payload.length + pad;
        out.writeBytes(Hex.bytes(String.format("%08x%02x", packetLength, pad)));
        out.writeBytes(payload);
        out.writeBytes(new byte[pad]);
        return out.toByteArray();
    }

    private static byte[] string(byte[] v) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(Hex.bytes(String.format("%08x", v.length)));
        out.writeBytes(v);
        return out.toByteArray();
    }

    private static byte[] names(String csv) {
        return string(csv.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] kexInit(String kex, String hostKey, String cipher, String mac, String compression) {
        var out = new ByteArrayOutputStream();
        out.write(20); // SSH_MSG_KEXINIT
        out.writeBytes(new byte[16]);
        out.writeBytes(names(kex));
        out.writeBytes(names(hostKey));
        for (String s : new String[] {cipher, cipher, mac, mac, compression, compression, "", ""}) {
            out.writeBytes(names(s));
        }
        out.writeBytes(new byte[5]);
        return packet(out.toByteArray());
    }

    private static byte[] message(int type, byte[]... strings) {
        var out = new ByteArrayOutputStream();
        out.write(type);
        for (byte[] s : strings) out.writeBytes(string(s));
        return packet(out.toByteArray());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Version exchange, KEXINITs, ECDH and NEWKEYS on both sides; returns the harness for more. */
    private AnalyzerHarness handshake(String compression) {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, CPORT, SERVER, 22);
        return h.tcp(CLIENT, CPORT, SERVER, 22, true, ascii("SSH-2.0-OpenSSH_9.6\r\n"))
                .tcp(CLIENT, CPORT, SERVER, 22, false, ascii("SSH-2.0-OpenSSH_9.9\r\n"))
                .tcp(CLIENT, CPORT, SERVER, 22, true, kexInit("curve25519-sha256,ext-info-c", "ssh-ed25519,rsa-sha2-512",
                        "aes128-ctr,aes256-ctr", "hmac-sha2-256", compression))
                .tcp(CLIENT, CPORT, SERVER, 22, false, kexInit("mlkem768x25519-sha256,curve25519-sha256",
                        "rsa-sha2-512,ssh-ed25519", "aes256-ctr,aes128-ctr", "hmac-sha2-256", compression))
                .tcp(CLIENT, CPORT, SERVER, 22, true, message(30, new byte[32])) // KEX_ECDH_INIT
                .tcp(CLIENT, CPORT, SERVER, 22, false, message(31, Hex.bytes(SshParserTest.ED25519_BLOB),
                        new byte[32], ascii("sig")))
                .tcp(CLIENT, CPORT, SERVER, 22, false, packet(new byte[] {21}))
                .tcp(CLIENT, CPORT, SERVER, 22, true, packet(new byte[] {21}));
    }

    private AnalyzerHarness encrypted(AnalyzerHarness h, boolean fromClient, int len) {
        return h.tcp(CLIENT, CPORT, SERVER, 22, fromClient, new byte[len]);
    }

    private Map<String, String> onlyRow(AnalyzerHarness h) {
        var r = h.run(dir, "base/protocols/conn", "base/protocols/ssh");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("ssh");
        var rows = r.rows("ssh");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void negotiatedAlgorithmsHostKeyAndNoneAuthSuccess() {
        var h = handshake("none");
        encrypted(h, true, 44);   // SERVICE_REQUEST
        encrypted(h, false, 44);  // SERVICE_ACCEPT
        encrypted(h, true, 100);  // USERAUTH_REQUEST
        encrypted(h, false, 28);  // 16 bytes shorter than SERVICE_ACCEPT: USERAUTH_SUCCESS
        var row = onlyRow(h);
        assertThat(row.get("version")).isEqualTo("2");
        assertThat(row.get("auth_success")).isEqualTo("T");
        assertThat(row.get("auth_attempts")).isEqualTo("1");
        assertThat(row.get("direction")).isEqualTo("OUTBOUND"); // 10/8 is local, 8.8.8.8 is not
        assertThat(row.get("client")).isEqualTo("SSH-2.0-OpenSSH_9.6");
        assertThat(row.get("server")).isEqualTo("SSH-2.0-OpenSSH_9.9");
        assertThat(row.get("cipher_alg")).isEqualTo("aes128-ctr"); // the client's first choice
        assertThat(row.get("mac_alg")).isEqualTo("hmac-sha2-256");
        assertThat(row.get("compression_alg")).isEqualTo("none");
        assertThat(row.get("kex_alg")).isEqualTo("curve25519-sha256");
        assertThat(row.get("host_key_alg")).isEqualTo("ssh-ed25519");
        assertThat(row.get("host_key")).isEqualTo(SshParserTest.ED25519_FINGERPRINT);
    }

    @Test
    void repeatedFailureSizesCountAttemptsBeforeTheSuccess() {
        var h = handshake("none");
        encrypted(h, true, 44);
        encrypted(h, false, 44);
        encrypted(h, true, 100);
        encrypted(h, false, 60);  // the first USERAUTH_FAILURE only sets the size
        encrypted(h, true, 100);
        encrypted(h, false, 60);  // same size: a failed attempt
        encrypted(h, true, 100);
        encrypted(h, false, 28);  // success
        var row = onlyRow(h);
        assertThat(row.get("auth_success")).isEqualTo("T");
        assertThat(row.get("auth_attempts")).isEqualTo("2");
    }

    @Test
    void failuresOnlyAreLoggedAtTheEndAsFailed() {
        var h = handshake("none");
        encrypted(h, true, 44);
        encrypted(h, false, 44);
        encrypted(h, false, 60);
        encrypted(h, false, 60);
        var row = onlyRow(h);
        assertThat(row.get("auth_success")).isEqualTo("F");
        assertThat(row.get("auth_attempts")).isEqualTo("1");
    }

    @Test
    void compressionTurnsTheAuthGuessOff() {
        var h = handshake("zlib");
        encrypted(h, true, 44);
        encrypted(h, false, 44);
        encrypted(h, false, 28);
        var row = onlyRow(h);
        assertThat(row.get("compression_alg")).isEqualTo("zlib");
        assertThat(row.get("auth_success")).isEqualTo("-");
        assertThat(row.get("auth_attempts")).isEqualTo("0");
    }

    @Test
    void incompatibleVersionsLeaveVersionUnset() {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, CPORT, SERVER, 22)
                .tcp(CLIENT, CPORT, SERVER, 22, true, ascii("SSH-1.5-old\n"))
                .tcp(CLIENT, CPORT, SERVER, 22, false, ascii("SSH-2.0-new\n"));
        var rows = h.run(dir, "base/protocols/ssh").rows("ssh");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("version")).isEqualTo("-");
            assertThat(r.get("client")).isEqualTo("SSH-1.5-old");
            assertThat(r.get("server")).isEqualTo("SSH-2.0-new");
        });
    }

    @Test
    void aClientThatIsNotSshAfterTheServerBannerStillLogsTheServer() {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, CPORT, SERVER, 22)
                .tcp(CLIENT, CPORT, SERVER, 22, false, ascii("SSH-2.0-srv\r\n"))
                .tcp(CLIENT, CPORT, SERVER, 22, true, ascii("GET / HTTP/1.1\r\n"));
        var rows = h.run(dir, "base/protocols/ssh").rows("ssh");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("server")).isEqualTo("SSH-2.0-srv");
            assertThat(r.get("client")).isEqualTo("-");
        });
    }

    @Test
    void aConnectionWithoutSynIsIgnored() {
        var h = new AnalyzerHarness().tcpOpenWithoutSyn(CLIENT, CPORT, SERVER, 22)
                .tcp(CLIENT, CPORT, SERVER, 22, true, ascii("SSH-2.0-c\r\n"))
                .tcp(CLIENT, CPORT, SERVER, 22, false, ascii("SSH-2.0-s\r\n"));
        assertThat(h.run(dir, "base/protocols/ssh").has("ssh")).isFalse();
    }
}
