package org.brocapi.analyzer.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.brocapi.analyzer.testing.Frames.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.brocapi.analyzer.pcap.LinkType;
import org.junit.jupiter.api.Test;

class IpFragmentReassemblerTest {
    private final DecoderFixture f = new DecoderFixture(true);
    private static final byte[] C4 = addr("10.0.0.1"), S4 = addr("10.0.0.2");
    private static final byte[] C6 = addr("fd77::2"), S6 = addr("fd77::1");

    /** A UDP datagram of 3000 payload bytes (3008 IP payload bytes), as 1480-byte IPv4 fragments. */
    private static final byte[] BODY = body(3000);
    private static final byte[] UDP4 = udp(C4, S4, 4000, 53, BODY);

    static byte[] body(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) ('a' + i % 26);
        return b;
    }

    private static List<byte[]> fragments4(byte[] payload, int id, int chunk) {
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < payload.length; off += chunk) {
            int end = Math.min(payload.length, off + chunk);
            boolean mf = end < payload.length;
            out.add(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).id(id).fragment(off, mf)
                    .build(Arrays.copyOfRange(payload, off, end))));
        }
        return out;
    }

    private void assertReassembledUdp() {
        assertThat(f.out.reassembled).isTrue();
        assertThat(f.out.proto).isEqualTo(17);
        assertThat(f.out.dstPort).isEqualTo(53);
        assertThat(f.out.ipLen).isEqualTo(20 + UDP4.length);
        assertThat(f.out.payloadLen).isEqualTo(3000);
        assertThat(f.payloadString()).isEqualTo(new String(BODY, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(f.out.checksumOk).isTrue(); // the UDP checksum verified over the whole datagram
        assertThat(f.decoder.fragments().pendingCount()).isZero();
        assertThat(f.decoder.fragments().bufferedBytes()).isZero();
    }

    @Test
    void inOrderIpv4Fragments() {
        List<byte[]> frags = fragments4(UDP4, 77, 1480);
        assertThat(frags).hasSize(3);
        assertThat(f.decode(frags.get(0))).isEqualTo(DecodeResult.FRAGMENT_PENDING);
        assertThat(f.decode(frags.get(1))).isEqualTo(DecodeResult.FRAGMENT_PENDING);
        assertThat(f.decode(frags.get(2))).isEqualTo(DecodeResult.OK);
        assertReassembledUdp();
        assertThat(f.packetWeirds()).isEmpty();
    }

    @Test
    void outOfOrderIpv4Fragments() {
        List<byte[]> frags = fragments4(UDP4, 78, 1480);
        assertThat(f.decode(frags.get(2))).isEqualTo(DecodeResult.FRAGMENT_PENDING);
        assertThat(f.decode(frags.get(0))).isEqualTo(DecodeResult.FRAGMENT_PENDING);
        assertThat(f.decode(frags.get(1))).isEqualTo(DecodeResult.OK);
        assertReassembledUdp();
    }

    @Test
    void duplicateFragmentIsAnOverlapAndFirstDataWins() {
        List<byte[]> frags = fragments4(UDP4, 79, 1480);
        f.decode(frags.get(0));
        // a retransmitted middle fragment with different content: the first copy stays
        byte[] other = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).id(79).fragment(1480, true)
                .build(new byte[1480]));
        f.decode(frags.get(1));
        assertThat(f.decode(other)).isEqualTo(DecodeResult.FRAGMENT_PENDING);
        assertThat(f.packetWeirds()).containsExactly("fragment_inconsistency");
        assertThat(f.decode(frags.get(1))).isEqualTo(DecodeResult.FRAGMENT_PENDING);
        assertThat(f.packetWeirds()).containsExactly("fragment_overlap");
        assertThat(f.decode(frags.get(2))).isEqualTo(DecodeResult.OK);
        assertReassembledUdp();
    }

    @Test
    void partialOverlapKeepsOldBytesAndFillsTheGap() {
        // fragments [0,1480) and [1480+...]: send [0,1480), then [1400, 2960) which overlaps 80 bytes
        byte[] a = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).id(80).fragment(0, true).build(Arrays.copyOfRange(UDP4, 0, 1480)));
        byte[] b = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).id(80).fragment(1400, true).build(Arrays.copyOfRange(UDP4, 1400, 2960)));
        byte[] c = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).id(80).fragment(2960, false).build(Arrays.copyOfRange(UDP4, 2960, UDP4.length)));
        f.decode(a);
        assertThat(f.decode(b)).isEqualTo(DecodeResult.FRAGMENT_PENDING);
        assertThat(f.packetWeirds()).containsExactly("fragment_overlap");
        assertThat(f.decode(c)).isEqualTo(DecodeResult.OK);
        assertReassembledUdp();
    }

    @Test
    void incompleteDatagramStaysPendingThenTimesOut() {
        List<byte[]> frags = fragments4(UDP4, 81, 1480);
        f.decode(frags.get(0));
        f.decode(frags.get(2));
        IpFragmentReassembler r = f.decoder.fragments();
        assertThat(r.pendingCount()).isEqualTo(1);
        assertThat(r.bufferedBytes()).isEqualTo(1480 + 48);
        r.expire(f.ts + 299);
        assertThat(r.pendingCount()).isEqualTo(1);
        r.expire(f.ts + 301);
        assertThat(r.pendingCount()).isZero();
        assertThat(r.bufferedBytes()).isZero();
        assertThat(r.droppedCount()).isEqualTo(1);
        // the middle fragment alone now starts a new datagram
        assertThat(f.decode(frags.get(1))).isEqualTo(DecodeResult.FRAGMENT_PENDING);
    }

    @Test
    void memoryBoundDropsOldestDatagrams() {
        IpFragmentReassembler r = new IpFragmentReassembler(300, 4000);
        PacketDecoder dec = new PacketDecoder(true, r);
        org.brocapi.analyzer.pcap.CapturedPacket cap = new org.brocapi.analyzer.pcap.CapturedPacket();
        Packet out = new Packet();
        for (int id = 1; id <= 10; id++) {
            byte[] first = fragments4(UDP4, id, 1480).get(0);
            cap.data = first;
            cap.offset = 0;
            cap.capLen = cap.wireLen = first.length;
            cap.linkType = LinkType.ETHERNET;
            cap.ts = id;
            assertThat(dec.decode(cap, out)).isEqualTo(DecodeResult.FRAGMENT_PENDING);
            assertThat(r.bufferedBytes()).isLessThanOrEqualTo(4000);
        }
        assertThat(r.pendingCount()).isEqualTo(2);
        assertThat(r.droppedCount()).isEqualTo(8);
    }

    @Test
    void fragmentWithDontFragmentBitRaisesWeird() {
        byte[] a = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).id(82).dontFragment().fragment(0, true)
                .build(Arrays.copyOfRange(UDP4, 0, 1480)));
        assertThat(f.decode(a)).isEqualTo(DecodeResult.FRAGMENT_PENDING);
        assertThat(f.packetWeirds()).containsExactly("fragment_with_DF");
    }

    @Test
    void tinyNonLastFragmentIsExcessivelySmall() {
        byte[] a = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).id(83).fragment(0, true)
                .build(Arrays.copyOfRange(UDP4, 0, 16)));
        f.decode(a);
        assertThat(f.packetWeirds()).containsExactly("excessively_small_fragment");
    }

    @Test
    void cutFragmentsAreNotReassembledButAFirstFragmentIsAnalysed() {
        List<byte[]> frags = fragments4(UDP4, 84, 1480);
        byte[] first = frags.get(0);
        assertThat(f.decode(LinkType.ETHERNET, first, 200, first.length)).isEqualTo(DecodeResult.OK);
        assertThat(f.packetWeirds()).containsExactly("incompletely_captured_fragment");
        assertThat(f.out.dstPort).isEqualTo(53);
        assertThat(f.out.reassembled).isFalse();
        byte[] second = frags.get(1);
        assertThat(f.decode(LinkType.ETHERNET, second, 200, second.length)).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("incompletely_captured_fragment");
        assertThat(f.decoder.fragments().pendingCount()).isZero();
    }

    @Test
    void ipv6FragmentsWithTcpInside() {
        byte[] payload = body(2500);
        byte[] seg = tcp(C6, S6, 40000, 80, 1, 1, ACK | PSH, new byte[0], payload);
        int[][] parts = {{0, 1232}, {1232, 2464}, {2464, seg.length}};
        List<byte[]> frames = new ArrayList<>();
        for (int[] p : parts) {
            boolean mf = p[1] < seg.length;
            byte[] fh = fragmentHeader(6, p[0], mf, 0xdeadbeefL);
            frames.add(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 44, concat(fh, Arrays.copyOfRange(seg, p[0], p[1])))));
        }
        assertThat(f.decode(frames.get(1))).isEqualTo(DecodeResult.FRAGMENT_PENDING);
        assertThat(f.decode(frames.get(2))).isEqualTo(DecodeResult.FRAGMENT_PENDING);
        assertThat(f.decode(frames.get(0))).isEqualTo(DecodeResult.OK);
        assertThat(f.out.reassembled).isTrue();
        assertThat(f.out.proto).isEqualTo(6);
        assertThat(f.out.dstPort).isEqualTo(80);
        assertThat(f.out.ipLen).isEqualTo(40 + seg.length);
        assertThat(f.out.payloadLen).isEqualTo(2500);
        assertThat(f.out.checksumOk).isTrue();
        assertThat(f.payloadString()).isEqualTo(new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void ipv6FragmentAfterHopByHopKeepsTheUnfragmentablePart() {
        byte[] udp = udp(C6, S6, 1, 2, body(1600));
        byte[] hbh = extHeader(44, new byte[] {5, 2, 0, 0});
        byte[] f1 = ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 0, concat(hbh, fragmentHeader(17, 0, true, 5), Arrays.copyOfRange(udp, 0, 800))));
        byte[] f2 = ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 0, concat(hbh, fragmentHeader(17, 800, false, 5), Arrays.copyOfRange(udp, 800, udp.length))));
        assertThat(f.decode(f1)).isEqualTo(DecodeResult.FRAGMENT_PENDING);
        assertThat(f.decode(f2)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.proto).isEqualTo(17);
        assertThat(f.out.ipLen).isEqualTo(40 + 8 + udp.length);
        assertThat(f.out.payloadLen).isEqualTo(1600);
    }

    @Test
    void differentIdsAreDifferentDatagrams() {
        List<byte[]> a = fragments4(UDP4, 90, 1480);
        List<byte[]> b = fragments4(UDP4, 91, 1480);
        f.decode(a.get(0));
        f.decode(b.get(0));
        f.decode(a.get(1));
        f.decode(b.get(2));
        assertThat(f.decoder.fragments().pendingCount()).isEqualTo(2);
        assertThat(f.decode(a.get(2))).isEqualTo(DecodeResult.OK);
        assertThat(f.decode(b.get(1))).isEqualTo(DecodeResult.OK);
        assertReassembledUdp();
    }

    @Test
    void lastFragmentsDisagreeingOnTheSize() {
        List<byte[]> frags = fragments4(UDP4, 92, 1480);
        f.decode(frags.get(0));
        f.decode(frags.get(2));
        byte[] otherEnd = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).id(92).fragment(1480, false)
                .build(Arrays.copyOfRange(UDP4, 1480, 2000)));
        f.decode(otherEnd);
        assertThat(f.packetWeirds()).contains("fragment_size_inconsistency");
    }
}
