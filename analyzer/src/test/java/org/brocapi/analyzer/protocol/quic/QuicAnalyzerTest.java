package org.brocapi.analyzer.protocol.quic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.protocol.ssl.TlsFixtures;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QUIC through the whole pipeline. Initial packets are protected here as RFC 9001 §5 describes
 * (the inverse of what the analyzer does), carrying a ClientHello in CRYPTO frames.
 */
class QuicAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    private static final String[] SCRIPTS = {"base/protocols/conn", "base/protocols/ssl", "base/protocols/quic"};
    private static final byte[] DCID = Hex.bytes("8394c8f03e515708");

    @TempDir
    Path dir;

    private String service(byte[]... clientDatagrams) {
        var h = new AnalyzerHarness();
        for (byte[] d : clientDatagrams) h.udp(CLIENT, 50000, SERVER, 443, d);
        return h.run(dir, SCRIPTS).rows("conn").get(0).get("service");
    }

    @Test
    void clientInitialWithClientHelloGivesQuicThenSsl() throws Exception {
        byte[] hello = TlsFixtures.clientHello(0x0303, "example.com");
        assertThat(service(initial(1, DCID, 0, crypto(0, hello)))).isEqualTo("quic,ssl");
    }

    @Test
    void quicLogHasVersionConnectionIdsServerNameAndHistory() throws Exception {
        byte[] hello = TlsFixtures.clientHello(0x0303, "example.com");
        var r = new AnalyzerHarness().udp(CLIENT, 50000, SERVER, 443, initial(1, DCID, 0, crypto(0, hello)))
                .run(dir, SCRIPTS);
        var row = r.rows("quic").get(0);
        assertThat(row).containsEntry("version", "1").containsEntry("client_initial_dcid", "8394c8f03e515708")
                .containsEntry("client_scid", "(empty)").containsEntry("server_scid", "-")
                .containsEntry("server_name", "example.com").containsEntry("client_protocol", "-")
                .containsEntry("history", "IS");
    }

    @Test
    void v2InitialIsDecryptedWithV2Keys() throws Exception {
        byte[] hello = TlsFixtures.clientHello(0x0303, "example.com");
        assertThat(service(initial(QuicInitialDecryptor.VERSION_2, DCID, 0, crypto(0, hello)))).isEqualTo("quic,ssl");
    }

    @Test
    void cryptoFramesOutOfOrderAcrossPacketsAreReassembled() throws Exception {
        byte[] hello = TlsFixtures.clientHello(0x0303, "example.com");
        byte[] tail = crypto(40, Arrays.copyOfRange(hello, 40, hello.length));
        byte[] head = crypto(0, Arrays.copyOfRange(hello, 0, 40));
        assertThat(service(initial(1, DCID, 0, tail), initial(1, DCID, 1, head))).isEqualTo("quic,ssl");
    }

    @Test
    void partialClientHelloConfirmsQuicOnly() throws Exception {
        byte[] hello = TlsFixtures.clientHello(0x0303, "example.com");
        assertThat(service(initial(1, DCID, 0, crypto(0, Arrays.copyOf(hello, 40))))).isEqualTo("quic");
    }

    @Test
    void initialThatDoesNotDecryptIsAViolation() throws Exception {
        byte[] packet = initial(1, DCID, 0, crypto(0, TlsFixtures.clientHello(0x0303, "example.com")));
        packet[packet.length - 1] ^= 1; // breaks the AEAD tag
        assertThat(service(packet)).isEqualTo("-");
    }

    @Test
    void unknownVersionIsAViolation() throws Exception {
        byte[] packet = initial(1, DCID, 0, crypto(0, TlsFixtures.clientHello(0x0303, "example.com")));
        packet[4] = 0x7; // version 0x00000007
        var r = new AnalyzerHarness().udp(CLIENT, 50000, SERVER, 443, packet).run(dir, SCRIPTS);
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
        assertThat(r.rows("quic").get(0)).containsEntry("version", "unknown-7").containsEntry("history", "U")
                .containsEntry("client_initial_dcid", "8394c8f03e515708");
    }

    /** A CRYPTO frame (RFC 9000 §19.6) with 4-byte varint offset and length. */
    private static byte[] crypto(int offset, byte[] data) {
        var out = new ByteArrayOutputStream();
        out.write(0x06);
        out.writeBytes(varint4(offset));
        out.writeBytes(varint4(data.length));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] varint4(int v) {
        return new byte[] {(byte) (0x80 | v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    /** A client Initial (empty SCID and token, 2-byte packet number) whose payload is {@code frames} + padding. */
    private static byte[] initial(long version, byte[] dcid, int pn, byte[] frames) throws Exception {
        byte[] payload = Arrays.copyOf(frames, Math.max(frames.length, 1162 - 2 - 16)); // zeros: PADDING
        int length = 2 + payload.length + 16;
        var hdr = new ByteArrayOutputStream();
        int typeBits = version == QuicInitialDecryptor.VERSION_2 ? 1 : 0; // RFC 9369 §3.2
        hdr.write(0xc0 | typeBits << 4 | 0x01); // long header, fixed bit, Initial, 2-byte packet number
        hdr.writeBytes(new byte[] {(byte) (version >> 24), (byte) (version >> 16), (byte) (version >> 8), (byte) version});
        hdr.write(dcid.length);
        hdr.writeBytes(dcid);
        hdr.write(0);                       // SCID length
        hdr.write(0);                       // token length
        hdr.write(0x40 | length >> 8);      // Length, 2-byte varint
        hdr.write(length & 0xff);
        int pnOffset = hdr.size();
        hdr.write(pn >> 8);
        hdr.write(pn & 0xff);
        byte[] header = hdr.toByteArray();

        var keys = new QuicInitialDecryptor().keys(version, dcid, true);
        byte[] nonce = keys.iv().clone();
        nonce[11] ^= (byte) pn;
        nonce[10] ^= (byte) (pn >> 8);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(header);
        byte[] sealed = gcm.doFinal(payload);
        byte[] packet = new byte[header.length + sealed.length];
        System.arraycopy(header, 0, packet, 0, header.length);
        System.arraycopy(sealed, 0, packet, header.length, sealed.length);
        // header protection (RFC 9001 §5.4.1): mask from the sample 4 bytes after the packet number start
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.hp(), "AES"));
        byte[] mask = ecb.doFinal(packet, pnOffset + 4, 16);
        packet[0] ^= (byte) (mask[0] & 0x0f);
        packet[pnOffset] ^= mask[1];
        packet[pnOffset + 1] ^= mask[2];
        return packet;
    }
}
