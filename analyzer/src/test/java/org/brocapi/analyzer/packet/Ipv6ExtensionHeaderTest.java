package org.brocapi.analyzer.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.brocapi.analyzer.testing.Frames.*;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class Ipv6ExtensionHeaderTest {
    private final DecoderFixture f = new DecoderFixture(true);
    private static final byte[] C6 = addr("fd77::2"), S6 = addr("fd77::1"), FINAL = addr("fd77::99"), HOME = addr("2001:db8::7");

    private static byte[] routing(int next, int type, int segLeft, byte[] address) {
        ByteBuffer b = ByteBuffer.allocate(24);
        b.put((byte) next).put((byte) 2).put((byte) type).put((byte) segLeft).putInt(0).put(address);
        return b.array();
    }

    @Test
    void hopByHopAndDestinationOptionsAreWalkedToTcp() {
        byte[] tcp = tcp(C6, S6, 1, 443, 0, 0, SYN, new byte[0], new byte[0]);
        byte[] hbh = extHeader(60, new byte[] {5, 2, 0, 0}); // router alert option
        byte[] dst = extHeader(6, new byte[0]);
        assertThat(f.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 0, concat(hbh, dst, tcp))))).isEqualTo(DecodeResult.OK);
        assertThat(f.out.proto).isEqualTo(6);
        assertThat(f.out.dstPort).isEqualTo(443);
        assertThat(f.out.ipLen).isEqualTo(40 + 8 + 8 + 20);
    }

    @Test
    void authenticationHeaderIsSkipped() {
        byte[] udp = udp(C6, S6, 1, 2, "ah".getBytes());
        ByteBuffer ah = ByteBuffer.allocate(24); // next, len = 24/4 - 2 = 4, reserved, SPI, seq, 12-byte ICV
        ah.put((byte) 17).put((byte) 4).putShort((short) 0).putInt(0x100).putInt(1);
        assertThat(f.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 51, concat(ah.array(), udp))))).isEqualTo(DecodeResult.OK);
        assertThat(f.out.proto).isEqualTo(17);
        assertThat(f.payloadString()).isEqualTo("ah");
    }

    @Test
    void espEndsTheChainAndIsNotSessionized() {
        byte[] esp = new byte[40];
        assertThat(f.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 50, esp)))).isEqualTo(DecodeResult.NOT_IP);
    }

    @Test
    void routingType0NamesTheFinalDestinationAndRaisesWeird() {
        // checksum over the final destination (RFC 8200 §8.1)
        byte[] udp = udp(C6, FINAL, 1, 2, "r".getBytes());
        byte[] frame = ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 43, concat(routing(17, 0, 1, FINAL), udp)));
        assertThat(f.decode(frame)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.dst).isEqualTo(FINAL);
        assertThat(f.packetWeirds()).containsExactly("routing0_hdr");
    }

    @Test
    void routingType2WithSegmentsLeftNamesTheFinalDestination() {
        byte[] udp = udp(C6, FINAL, 1, 2, "r".getBytes());
        assertThat(f.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 43, concat(routing(17, 2, 1, FINAL), udp)))))
                .isEqualTo(DecodeResult.OK);
        assertThat(f.out.dst).isEqualTo(FINAL);
        assertThat(f.packetWeirds()).isEmpty();
        // no segments left: the header's address is not used
        byte[] udp2 = udp(C6, S6, 1, 2, "r".getBytes());
        assertThat(f.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 43, concat(routing(17, 2, 0, FINAL), udp2)))))
                .isEqualTo(DecodeResult.OK);
        assertThat(f.out.dst).isEqualTo(S6);
    }

    @Test
    void unknownRoutingTypeIsAPacketWeirdWithTheType() {
        byte[] udp = udp(C6, S6, 1, 2, "r".getBytes());
        f.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 43, concat(routing(17, 4, 1, FINAL), udp))));
        assertThat(f.packetWeirds()).containsExactly("unknown_routing_type");
        assertThat(f.out.packetWeirdAddls[0]).isEqualTo("4");
    }

    @Test
    void homeAddressOptionReplacesTheSource() {
        byte[] opt = new byte[2 + 16 + 4];
        opt[0] = 1; opt[1] = 2; // PadN to align (RFC 6275 §6.3: 8n+6)
        opt[4] = (byte) 201;
        opt[5] = 16;
        System.arraycopy(HOME, 0, opt, 6, 16);
        byte[] udp = udp(HOME, S6, 1, 2, "h".getBytes());
        byte[] frame = ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 60, concat(extHeader(17, java.util.Arrays.copyOf(opt, 22)), udp)));
        assertThat(f.decode(frame)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.src).isEqualTo(HOME);
    }

    @Test
    void badDestinationOptionLength() {
        byte[] opt = {7, 30, 0, 0};
        byte[] udp = udp(C6, S6, 1, 2, "h".getBytes());
        f.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 60, concat(extHeader(17, opt), udp))));
        assertThat(f.packetWeirds()).containsExactly("bad_ipv6_dest_opt_len");
    }

    @Test
    void extensionHeaderBeyondTheCaptureEndsTheChain() {
        // a destination options header claiming 64 bytes in a 16-byte payload: Zeek keeps the
        // chain up to it, and the IP layer hands the next-header value on as the transport
        byte[] dst = new byte[16];
        dst[0] = 17;
        dst[1] = 7;
        assertThat(f.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 60, dst)))).isEqualTo(DecodeResult.UNKNOWN_TRANSPORT);
        assertThat(f.out.proto).isEqualTo(60);
    }
}
