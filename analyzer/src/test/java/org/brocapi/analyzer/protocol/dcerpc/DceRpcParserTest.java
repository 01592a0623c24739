package org.brocapi.analyzer.protocol.dcerpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.brocapi.analyzer.bytes.ByteCursor;
import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

class DceRpcParserTest {
    private static DceRpcMessage.Header header(byte[] pdu) {
        return DceRpcParser.header(ByteCursor.of(pdu));
    }

    private static DceRpcParser.Body body(byte[] pdu) {
        var h = header(pdu);
        return DceRpcParser.body(h, pdu, 16, h.bodyLength());
    }

    @Test
    void headerFollowsTheDataRepresentation() {
        var le = header(DceRpcFixtures.BIND);
        assertThat(le.version()).isEqualTo(5);
        assertThat(le.ptype()).isEqualTo(DceRpcMessage.BIND);
        assertThat(le.fragLength()).isEqualTo(0x48);
        assertThat(le.callId()).isEqualTo(2);
        assertThat(le.firstFrag()).isTrue();
        assertThat(le.lastFrag()).isTrue();

        var be = header(Hex.bytes("05 00 00 01 00000000 0020 0008 00000007"));
        assertThat(be.littleEndian()).isFalse();
        assertThat(be.fragLength()).isEqualTo(0x20);
        assertThat(be.authLength()).isEqualTo(8);
        assertThat(be.callId()).isEqualTo(7);
        assertThat(be.lastFrag()).isFalse();
        assertThat(be.bodyLength()).isEqualTo(0x20 - 16 - 8 - 8);
    }

    @Test
    void shortInputHasNoHeader() {
        assertThat(DceRpcParser.header(ByteCursor.of(Hex.bytes("05 00 0b 03 10000000 4800")))).isNull();
    }

    @Test
    void bindListsItsContexts() {
        var b = body(DceRpcFixtures.BIND);
        assertThat(b.error()).isNull();
        var bind = (DceRpcMessage.Bind) b.message();
        assertThat(bind.contexts()).containsExactly(
                new DceRpcMessage.Context(0, "12345678-1234-abcd-ef00-01234567cffb", 1, 0));
    }

    @Test
    void truncatedBindKeepsTheContextsBeforeTheError() {
        var pdu = DceRpcFixtures.BIND.clone();
        pdu[16 + 8] = 2; // claims two contexts, carries one
        var b = body(pdu);
        assertThat(b.error()).startsWith("Binpac exception:");
        assertThat(((DceRpcMessage.Bind) b.message()).contexts()).hasSize(1);
    }

    @Test
    void bindAckCarriesTheSecondaryAddress() {
        var b = body(DceRpcFixtures.BIND_ACK);
        assertThat(b.error()).isNull();
        assertThat(new String(((DceRpcMessage.BindAck) b.message()).secAddr(), StandardCharsets.US_ASCII))
                .isEqualTo("49676\0");
    }

    @Test
    void bindAckAlignsTheResultListToFourBytes() {
        // sec_addr "\\PIPE\\x\0" is 8 bytes: 8+2+8 = 18 → 2 bytes of padding before the result list
        var pdu = Hex.bytes("""
                05 00 0c 03 10000000 4000 0000 02000000
                d016 d016 00000000
                0800 5c504950455c7800 0000
                01 000000
                0000 0000 %s
                """.formatted(DceRpcFixtures.NDR));
        var b = body(pdu);
        assertThat(b.error()).isNull();
        assertThat(((DceRpcMessage.BindAck) b.message()).secAddr()).hasSize(8);
    }

    @Test
    void requestAndResponse() {
        assertThat(body(DceRpcFixtures.REQUEST).message()).isEqualTo(new DceRpcMessage.Request(0, 45, 4));
        assertThat(body(DceRpcFixtures.RESPONSE).message()).isEqualTo(new DceRpcMessage.Response(0, 4));
    }

    @Test
    void requestWithObjectUuidSkipsIt() {
        var pdu = Hex.bytes("05 00 00 83 10000000 2800 0000 01000000 00000000 0100 0700"
                + " 00112233445566778899aabbccddeeff");
        assertThat(body(pdu).message()).isEqualTo(new DceRpcMessage.Request(1, 7, 0));
    }

    @Test
    void shortRequestBodyIsAnError() {
        var pdu = Hex.bytes("05 00 00 03 10000000 1400 0000 03000000 04000000");
        assertThat(body(pdu).error()).startsWith("Binpac exception:");
        assertThat(body(pdu).message()).isNull();
    }

    @Test
    void authTrailer() {
        var pdu = DceRpcFixtures.REQUEST_NETLOGON_AUTH;
        var h = header(pdu);
        var auth = DceRpcParser.auth(ByteCursor.of(pdu, 16 + h.bodyLength(), 8 + h.authLength()), h.authLength());
        assertThat(auth.type()).isEqualTo(0x44);
        assertThat(auth.level()).isEqualTo(6);
        assertThat(auth.blob()).isEqualTo(Hex.bytes("0102030405060708"));
    }

    @Test
    void garbageNeverThrows() {
        var rnd = new java.util.Random(5);
        for (int i = 0; i < 2000; i++) {
            byte[] pdu = new byte[16 + rnd.nextInt(80)];
            rnd.nextBytes(pdu);
            var h = header(pdu);
            for (int ptype : new int[] {0, 2, 11, 12, 14, 15}) {
                var forced = new DceRpcMessage.Header(5, 0, ptype, h.flags(), h.littleEndian(), pdu.length, 0, 1);
                var b = DceRpcParser.body(forced, pdu, 16, pdu.length - 16);
                assertThat(b.message() != null || b.error() != null).isTrue();
            }
        }
    }
}
