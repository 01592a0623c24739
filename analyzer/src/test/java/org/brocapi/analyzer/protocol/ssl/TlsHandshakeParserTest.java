package org.brocapi.analyzer.protocol.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.protocol.ssl.TlsHelloMessage.ClientHello;
import org.brocapi.analyzer.protocol.ssl.TlsHelloMessage.Extension;
import org.junit.jupiter.api.Test;

class TlsHandshakeParserTest {
    @Test
    void clientHelloFieldsAndExtensionsAreRead() {
        byte[] msg = TlsFixtures.clientHello(0x0303, "example.com");
        ClientHello h = TlsHandshakeParser.clientHello(msg, 4, msg.length - 4);
        assertThat(h).isNotNull();
        assertThat(h.version()).isEqualTo(0x0303);
        assertThat(h.random()[31]).isEqualTo((byte) 0x1f);
        assertThat(h.sessionId()).isEmpty();
        assertThat(h.cipherSuites()).containsExactly(0x1301, 0xc02f);
        assertThat(h.compressionMethods()).containsExactly(0);
        assertThat(h.extensions()).extracting(Extension::type).containsExactly(0, 43);
    }

    @Test
    void serverHelloSupportedVersionsIsTheSelectedVersion() {
        byte[] msg = TlsFixtures.serverHello13();
        var h = TlsHandshakeParser.serverHello(msg, 4, msg.length - 4);
        assertThat(h.version()).isEqualTo(0x0303);
        assertThat(h.selectedVersion()).isEqualTo(0x0304);
        assertThat(h.cipherSuite()).isEqualTo(0x1301);
    }

    @Test
    void helloWithoutExtensionsIsComplete() {
        // 0303, random, empty session id, one suite, null compression, and nothing after
        byte[] body = Hex.bytes("0303" + "00".repeat(32) + "00 0002 002f 0100");
        assertThat(TlsHandshakeParser.clientHello(body, 0, body.length).extensions()).isEmpty();
    }

    @Test
    void extensionOverrunningTheMessageIsMalformed() {
        byte[] msg = TlsFixtures.clientHello(0x0303, "example.com");
        byte[] cut = Arrays.copyOf(msg, msg.length - 3);
        assertThat(TlsHandshakeParser.clientHello(cut, 4, cut.length - 4)).isNull();
    }

    @Test
    void sslV2ClientHelloHasThreeByteCipherSpecs() {
        // cipher specs 6 bytes, session id 0, challenge 16; specs 0x010080 (RC4_128_WITH_MD5), 0x0700c0
        byte[] body = Hex.bytes("0006 0000 0010 010080 0700c0" + "ab".repeat(16));
        ClientHello h = TlsHandshakeParser.v2ClientHello(0x0002, body, 0, body.length);
        assertThat(h.cipherSuites()).containsExactly(0x010080, 0x0700c0);
        assertThat(h.random()).hasSize(16);
        assertThat(TlsHandshakeParser.v2ClientHello(0x0002, body, 0, body.length - 1)).isNull();
    }
}
