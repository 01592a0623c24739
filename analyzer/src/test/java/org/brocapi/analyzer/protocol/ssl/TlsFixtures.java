package org.brocapi.analyzer.protocol.ssl;

import java.io.ByteArrayOutputStream;

import org.brocapi.analyzer.bytes.Hex;

/**
 * Hello messages built field by field for tests (RFC 8446 §4.1.2/§4.1.3 layouts), with readable
 * hex per field; shared by the SSL and QUIC tests.
 */
public final class TlsFixtures {
    private TlsFixtures() { }

    /** A ClientHello handshake message (type + 24-bit length + body) offering TLS 1.3 for {@code sni}. */
    public static byte[] clientHello(int version, String sni) {
        byte[] name = sni.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var ext = new ByteArrayOutputStream();
        // server_name (0): list length, host_name type 0, name length, name
        write(ext, u16(0), u16(name.length + 5), u16(name.length + 3), new byte[] {0}, u16(name.length), name);
        // supported_versions (43): 1-byte list length, TLS 1.3 and 1.2
        write(ext, u16(43), u16(5), Hex.bytes("04 0304 0303"));
        var body = new ByteArrayOutputStream();
        write(body, u16(version),
                Hex.bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"), // random
                Hex.bytes("00"),                 // session id: empty
                Hex.bytes("0004 1301 c02f"),     // cipher suites
                Hex.bytes("01 00"),              // compression: null
                u16(ext.size()), ext.toByteArray());
        return message(1, body.toByteArray());
    }

    /** A ServerHello for TLS 1.3: legacy version 0x0303 and supported_versions 0x0304. */
    public static byte[] serverHello13() {
        var body = new ByteArrayOutputStream();
        write(body, Hex.bytes("0303"),
                Hex.bytes("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"),
                Hex.bytes("00"), Hex.bytes("1301"), Hex.bytes("00"),
                Hex.bytes("0006 002b 0002 0304"));
        return message(2, body.toByteArray());
    }

    /** {@code payload} as one TLS record of {@code type} with record version 0x0301. */
    public static byte[] record(int type, byte[] payload) {
        var out = new ByteArrayOutputStream();
        write(out, new byte[] {(byte) type, 3, 1}, u16(payload.length), payload);
        return out.toByteArray();
    }

    static byte[] message(int type, byte[] body) {
        var out = new ByteArrayOutputStream();
        write(out, new byte[] {(byte) type, (byte) (body.length >> 16), (byte) (body.length >> 8), (byte) body.length},
                body);
        return out.toByteArray();
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static void write(ByteArrayOutputStream out, byte[]... parts) {
        for (byte[] p : parts) out.writeBytes(p);
    }
}
