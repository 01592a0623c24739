package org.brocapi.analyzer.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.brocapi.analyzer.testing.Frames.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumTest {
    private final DecoderFixture verify = new DecoderFixture(true);
    private final DecoderFixture ignore = new DecoderFixture(false); // zeek -C
    private static final byte[] C4 = addr("10.0.0.1"), S4 = addr("10.0.0.2");
    private static final byte[] C6 = addr("fd77::2"), S6 = addr("fd77::1");

    @Test
    void wideSumMatchesWordByWordSumForAllLengthsAndOffsets() {
        Random rnd = new Random(7);
        byte[] data = new byte[300];
        rnd.nextBytes(data);
        for (int off = 0; off < 9; off++) {
            for (int len = 0; len < 280; len++) {
                long naive = 0;
                for (int i = 0; i < len; i += 2) {
                    naive += (data[off + i] & 0xff) << 8 | (i + 1 < len ? data[off + i + 1] & 0xff : 0);
                }
                assertThat(Checksums.fold(Checksums.sum(data, off, len, 0))).isEqualTo(Checksums.fold(naive));
            }
        }
    }

    @Test
    void badIpHeaderChecksumDropsThePacketUnlessIgnored() {
        byte[] frame = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6).badChecksum()
                .build(tcp(C4, S4, 1, 80, 0, 0, SYN, new byte[0], new byte[0])));
        assertThat(verify.decode(frame)).isEqualTo(DecodeResult.WEIRD);
        assertThat(verify.out.weird).isEqualTo("bad_IP_checksum");
        assertThat(verify.out.checksumOk).isFalse();
        assertThat(ignore.decode(frame)).isEqualTo(DecodeResult.OK);
        assertThat(ignore.out.checksumOk).isTrue();
    }

    @Test
    void badTcpChecksumIsAConnectionWeird() {
        byte[] seg = corrupt(tcp(C4, S4, 1, 80, 0, 0, SYN, new byte[0], "x".getBytes()), 16);
        byte[] frame = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6).build(seg));
        assertThat(verify.decode(frame)).isEqualTo(DecodeResult.CONN_WEIRD);
        assertThat(verify.out.badChecksum).isEqualTo("bad_TCP_checksum");
        assertThat(verify.out.weird).isEqualTo("bad_TCP_checksum");
        assertThat(verify.out.checksumOk).isFalse();
        assertThat(verify.out.dstPort).isEqualTo(80);
        assertThat(ignore.decode(frame)).isEqualTo(DecodeResult.OK);
    }

    @Test
    void badTcpChecksumOverIpv6() {
        byte[] seg = corrupt(tcp(C6, S6, 1, 80, 0, 0, SYN, new byte[0], new byte[0]), 17);
        assertThat(verify.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 6, seg)))).isEqualTo(DecodeResult.CONN_WEIRD);
        assertThat(verify.out.badChecksum).isEqualTo("bad_TCP_checksum");
        byte[] good = tcp(C6, S6, 1, 80, 0, 0, SYN, new byte[0], new byte[0]);
        assertThat(verify.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 6, good)))).isEqualTo(DecodeResult.OK);
    }

    @Test
    void udpChecksums() {
        byte[] bad = corrupt(udp(C4, S4, 5353, 53, "q".getBytes()), 7);
        assertThat(verify.decode(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).build(bad)))).isEqualTo(DecodeResult.CONN_WEIRD);
        assertThat(verify.out.badChecksum).isEqualTo("bad_UDP_checksum");

        byte[] none = udp(C4, S4, 5353, 53, "q".getBytes());
        none[6] = none[7] = 0; // RFC 768: zero means no checksum over IPv4
        assertThat(verify.decode(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).build(none)))).isEqualTo(DecodeResult.OK);

        byte[] none6 = udp(C6, S6, 5353, 53, "q".getBytes());
        none6[6] = none6[7] = 0; // mandatory over IPv6
        assertThat(verify.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 17, none6)))).isEqualTo(DecodeResult.CONN_WEIRD);
        assertThat(verify.out.badChecksum).isEqualTo("bad_UDP_checksum");
    }

    @Test
    void zeroChecksumVxlanOverIpv6IsAccepted() {
        byte[] vxlan = new byte[8 + 14 + 20];
        vxlan[0] = 0x08; // VXLAN flags: VNI present
        byte[] d = udp(C6, S6, 40000, 4789, vxlan);
        d[6] = d[7] = 0;
        assertThat(verify.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 17, d)))).isEqualTo(DecodeResult.OK);
    }

    @Test
    void icmpChecksums() {
        byte[] bad = corrupt(icmp(8, 0, "ping".getBytes()), 2);
        assertThat(verify.decode(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 1).build(bad)))).isEqualTo(DecodeResult.CONN_WEIRD);
        assertThat(verify.out.badChecksum).isEqualTo("bad_ICMP_checksum");
        assertThat(verify.out.icmpType).isEqualTo(8);

        byte[] bad6 = corrupt(icmp6(C6, S6, 128, 0, "ping".getBytes()), 3);
        assertThat(verify.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 58, bad6)))).isEqualTo(DecodeResult.CONN_WEIRD);
        assertThat(verify.out.badChecksum).isEqualTo("bad_ICMP_checksum");
        assertThat(ignore.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 58, bad6)))).isEqualTo(DecodeResult.OK);
    }

    @Test
    void checksumIsNotCheckedWhenThePacketWasCut() {
        byte[] seg = corrupt(tcp(C4, S4, 1, 80, 0, 0, ACK, new byte[0], new byte[500]), 16);
        byte[] frame = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6).build(seg));
        assertThat(verify.decode(org.brocapi.analyzer.pcap.LinkType.ETHERNET, frame, 96, frame.length)).isEqualTo(DecodeResult.OK);
    }
}
