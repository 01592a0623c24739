package org.brocapi.analyzer.protocol.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

/** Test vectors of RFC 9001 Appendix A (QUIC v1) and RFC 9369 Appendix A (QUIC v2). */
class QuicInitialDecryptorTest {
    /** The client's first Destination Connection ID in both appendices. */
    private static final byte[] DCID = Hex.bytes("8394c8f03e515708");

    /** RFC 9001 A.3: the server's Initial, protected (135 bytes; header 18 bytes + 2-byte packet number 1). */
    private static final byte[] SERVER_INITIAL = Hex.bytes("""
            cf000000010008f067a5502a4262b5004075c0d95a482cd0991cd25b0aac406a
            5816b6394100f37a1c69797554780bb38cc5a99f5ede4cf73c3ec2493a1839b3
            dbcba3f6ea46c5b7684df3548e7ddeb9c3bf9c73cc3f3bded74b562bfb19fb84
            022f8ef4cdd93795d77d06edbb7aaf2f58891850abbdca3d20398c276456cbc4
            2158407dd074ee""");
    /** Its plaintext: ACK, then a CRYPTO frame holding the ServerHello. */
    private static final byte[] SERVER_PAYLOAD = Hex.bytes("""
            02000000000600405a020000560303eefce7f7b37ba1d1632e96677825ddf739
            88cfc79825df566dc5430b9a045a1200130100002e00330024001d00209d3c94
            0d89690b84d08a60993c144eca684d1081287c834d5311bcf32bb9da1a002b00
            020304""");

    private final QuicInitialDecryptor decryptor = new QuicInitialDecryptor();

    @Test
    void v1InitialKeysMatchRfc9001() throws Exception {
        var client = decryptor.keys(QuicInitialDecryptor.VERSION_1, DCID, true);
        assertThat(Hex.of(client.key(), 0, 16)).isEqualTo("1f369613dd76d5467730efcbe3b1a22d");
        assertThat(Hex.of(client.iv(), 0, 12)).isEqualTo("fa044b2f42a3fd3b46fb255c");
        assertThat(Hex.of(client.hp(), 0, 16)).isEqualTo("9f50449e04a0e810283a1e9933adedd2");
        var server = decryptor.keys(QuicInitialDecryptor.VERSION_1, DCID, false);
        assertThat(Hex.of(server.key(), 0, 16)).isEqualTo("cf3a5331653c364c88f0f379b6067e37");
        assertThat(Hex.of(server.iv(), 0, 12)).isEqualTo("0ac1493ca1905853b0bba03e");
        assertThat(Hex.of(server.hp(), 0, 16)).isEqualTo("c206b8d9b9f0f37644430b490eeaa314");
    }

    @Test
    void v2InitialKeysMatchRfc9369() throws Exception {
        var client = decryptor.keys(QuicInitialDecryptor.VERSION_2, DCID, true);
        assertThat(Hex.of(client.key(), 0, 16)).isEqualTo("8b1a0bc121284290a29e0971b5cd045d");
        assertThat(Hex.of(client.iv(), 0, 12)).isEqualTo("91f73e2351d8fa91660e909f");
        assertThat(Hex.of(client.hp(), 0, 16)).isEqualTo("45b95e15235d6f45a6b19cbcb0294ba9");
        var server = decryptor.keys(QuicInitialDecryptor.VERSION_2, DCID, false);
        assertThat(Hex.of(server.key(), 0, 16)).isEqualTo("82db637861d55e1d011f19ea71d5d2a7");
        assertThat(Hex.of(server.iv(), 0, 12)).isEqualTo("dd13c276499c0249d3310652");
        assertThat(Hex.of(server.hp(), 0, 16)).isEqualTo("edf6d05c83121201b436e16877593c3a");
    }

    @Test
    void serverInitialOfRfc9001Decrypts() throws Exception {
        var h = QuicPacketParser.longHeader(SERVER_INITIAL, 0, SERVER_INITIAL.length);
        assertThat(h.type()).isEqualTo(QuicPacketParser.Type.INITIAL);
        assertThat(h.pnOffset()).isEqualTo(18);
        assertThat(h.length()).isEqualTo(SERVER_INITIAL.length);
        byte[] plain = decryptor.decrypt(1, SERVER_INITIAL, 0, SERVER_INITIAL.length, DCID, h.pnOffset(),
                h.payloadLength(), false);
        assertThat(plain).isEqualTo(SERVER_PAYLOAD);
    }

    @Test
    void wrongSideKeysFailAuthentication() throws Exception {
        var h = QuicPacketParser.longHeader(SERVER_INITIAL, 0, SERVER_INITIAL.length);
        assertThatThrownBy(() -> decryptor.decrypt(1, SERVER_INITIAL, 0, SERVER_INITIAL.length, DCID, h.pnOffset(),
                h.payloadLength(), true)).isInstanceOf(QuicParseException.class).hasMessage("decryption failed");
    }

    @Test
    void truncatedInitialIsAParseError() {
        assertThatThrownBy(() -> QuicPacketParser.longHeader(SERVER_INITIAL, 0, 100))
                .isInstanceOf(QuicParseException.class);
    }
}
