package org.brocapi.analyzer.protocol.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

class SshParserTest {
    // KEXINIT payload after the message type (RFC 4253 §7.1), hand-made with short names
    static final String KEXINIT = "00112233445566778899aabbccddeeff" // cookie
            + "00000005 6b312c6b32"   // kex: k1,k2
            + "00000002 6831"         // host key: h1
            + "00000005 65312c6532"   // encryption c2s: e1,e2
            + "00000002 6532"         // encryption s2c: e2
            + "00000002 6d31"         // mac c2s: m1
            + "00000002 6d31"         // mac s2c: m1
            + "00000004 6e6f6e65"     // compression c2s: none
            + "00000004 6e6f6e65"     // compression s2c: none
            + "00000000 00000000"     // languages: empty
            + "00 00000000";          // first_kex_packet_follows, reserved

    // an ssh-ed25519 public key blob (RFC 8709 §4) with key bytes 00..1f
    static final String ED25519_BLOB = "0000000b 7373682d65643235353139 00000020"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    static final String ED25519_FINGERPRINT = "0f:a2:0a:d7:38:3e:65:45:08:6b:63:84:1c:ff:dc:ba";

    private static SshMessage.KexInit kexInit(String hex) {
        byte[] b = Hex.bytes(hex);
        return SshParser.kexInit(b, 0, b.length);
    }

    @Test
    void kexInitSplitsTheNameLists() {
        var k = kexInit(KEXINIT);
        assertThat(k.kex()).containsExactly("k1", "k2");
        assertThat(k.hostKey()).containsExactly("h1");
        assertThat(k.cipherC2s()).containsExactly("e1", "e2");
        assertThat(k.cipherS2c()).containsExactly("e2");
        assertThat(k.macC2s()).containsExactly("m1");
        assertThat(k.compressionS2c()).containsExactly("none");
    }

    @Test
    void anEmptyNameListIsOneEmptyNameAsZeekTokenizes() {
        var k = kexInit(KEXINIT.replace("00000002 6831", "00000000"));
        assertThat(k.hostKey()).containsExactly("");
    }

    @Test
    void everyTruncatedKexInitIsNull() {
        byte[] b = Hex.bytes(KEXINIT);
        for (int n = 0; n < b.length; n++) assertThat(SshParser.kexInit(b, 0, n)).isNull();
        assertThat(SshParser.kexInit(b, 0, b.length)).isNotNull();
    }

    @Test
    void findAlgTakesTheClientsFirstChoiceTheServerKnows() {
        assertThat(SshParser.findAlg(List.of("a", "b", "c"), List.of("c", "b"))).isEqualTo("b");
        assertThat(SshParser.findAlg(List.of("a"), List.of("b"))).isEqualTo("Algorithm negotiation failed");
        assertThat(SshParser.findBidirectionalAlg(List.of("x"), List.of("x"), List.of("x"), List.of("x")))
                .isEqualTo("x");
        assertThat(SshParser.findBidirectionalAlg(List.of("x", "y"), List.of("y"), List.of("x"), List.of("y")))
                .isEqualTo("To server: x, to client: y");
    }

    @Test
    void hostKeyIsTheFirstStringAndItsMd5Fingerprint() {
        // KEX_ECDH_REPLY body: K_S, Q_S ("q"), signature ("s")
        String reply = String.format("%08x", Hex.bytes(ED25519_BLOB).length) + ED25519_BLOB
                + "00000001 71" + "00000001 73";
        byte[] b = Hex.bytes(reply);
        byte[] key = SshParser.hostKey(b, 0, b.length, 3);
        assertThat(key).isEqualTo(Hex.bytes(ED25519_BLOB));
        assertThat(SshParser.fingerprint(key)).isEqualTo(ED25519_FINGERPRINT);
        assertThat(SshParser.fingerprint(new byte[0])).isEqualTo("d4:1d:8c:d9:8f:00:b2:04:e9:80:09:98:ec:f8:42:7e");
        // the signature missing: Zeek's grammar fails, no host key
        assertThat(SshParser.hostKey(b, 0, b.length - 1, 3)).isNull();
    }

    @Test
    void ssh1HostKeyIsModulusThenExponent() {
        // cookie, server key bits, e (8 bits 0x03), n (16 bits 0x0102), host key bits, e (0x05), n (0x0a0b)
        String body = "0001020304050607 00000300 0008 03 0010 0102 00000400 0008 05 0010 0a0b";
        byte[] b = Hex.bytes(body);
        assertThat(SshParser.ssh1HostKey(b, 0, b.length)).containsExactly(0x0a, 0x0b, 0x05);
        assertThat(SshParser.ssh1HostKey(b, 0, b.length - 1)).isNull();
    }

    @Test
    void versionsAndTheirNegotiation() {
        byte[] v2 = "SSH-2.0-x".getBytes(), v199 = "SSH-1.99-x".getBytes(), v15 = "SSH-1.5-x".getBytes();
        assertThat(SshParser.version(v2, v2.length)).isEqualTo(SshParser.SSH2);
        assertThat(SshParser.version(v199, v199.length)).isEqualTo(SshParser.SSH199);
        assertThat(SshParser.version(v15, v15.length)).isEqualTo(SshParser.SSH1);
        assertThat(SshParser.negotiated(SshParser.SSH2, SshParser.SSH199)).isEqualTo(SshParser.SSH2);
        assertThat(SshParser.negotiated(SshParser.SSH1, SshParser.SSH199)).isEqualTo(SshParser.SSH1);
        assertThat(SshParser.negotiated(SshParser.SSH1, SshParser.SSH2)).isEqualTo(SshParser.UNKNOWN);
    }

    @Test
    void garbageNeverThrows() {
        var rnd = new Random(7);
        byte[] base = Hex.bytes(KEXINIT);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = Arrays.copyOf(base, base.length);
            for (int k = 0; k < 6; k++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            int n = rnd.nextInt(b.length + 1);
            SshParser.kexInit(b, 0, n);
            SshParser.hostKey(b, 0, n, 1 + rnd.nextInt(3));
            SshParser.ssh1HostKey(b, 0, n);
        }
    }
}
