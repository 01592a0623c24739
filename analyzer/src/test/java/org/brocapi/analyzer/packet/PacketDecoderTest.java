package org.brocapi.analyzer.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.brocapi.analyzer.testing.Frames.*;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.pcap.LinkType;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {
    private final DecoderFixture f = new DecoderFixture(true);
    private static final byte[] C4 = addr("10.0.0.1"), S4 = addr("10.0.0.2");
    private static final byte[] C6 = addr("fd77::2"), S6 = addr("fd77::1");

    // TCP SYN 10.0.0.1:49152 → 10.0.0.2:80 with MSS/SACK-permitted options, built with Frames and
    // checked with `tcpdump -nn -vv` ("cksum 0xaae4 (correct)")
    private static final byte[] SYN_FRAME = Hex.bytes("""
            0x0000:  0200 0000 0002 0200 0000 0001 0800 4500  ..............E.
            0x0010:  0030 1c46 0000 4006 4a80 0a00 0001 0a00  .0.F..@.J.......
            0x0020:  0002 c000 0050 0000 03e8 0000 0000 7002  .....P........p.
            0x0030:  ffff aae4 0000 0204 05b4 0101 0402       ..............
            """);

    // UDP fd77::2:53000 → fd77::1:53, payload "abc"; tcpdump -vv: "[udp sum ok]"
    private static final byte[] UDP6 = Hex.bytes("""
            0x0000:  0200 0000 0002 0200 0000 0001 86dd 6000  ..............`.
            0x0010:  0000 000b 1140 fd77 0000 0000 0000 0000  .....@.w........
            0x0020:  0000 0000 0002 fd77 0000 0000 0000 0000  .......w........
            0x0030:  0000 0000 0001 cf08 0035 000b 7145 6162  .........5..qEab
            0x0040:  63                                       c
            """);

    static byte[] tcp4(byte[] payload) {
        return ipv4("10.0.0.1", "10.0.0.2", 6).build(tcp(C4, S4, 1234, 80, 7, 9, ACK | PSH, new byte[0], payload));
    }

    @Test
    void tcpSynFixture() {
        assertThat(f.decode(SYN_FRAME)).isEqualTo(DecodeResult.OK);
        Packet p = f.out;
        assertThat(p.ipVersion).isEqualTo(4);
        assertThat(p.src).isEqualTo(Hex.bytes("0000 0000 0000 0000 0000 ffff 0a00 0001"));
        assertThat(p.dst).isEqualTo(Hex.bytes("0000 0000 0000 0000 0000 ffff 0a00 0002"));
        assertThat(p.proto).isEqualTo(Packet.TCP);
        assertThat(p.srcPort).isEqualTo(49152);
        assertThat(p.dstPort).isEqualTo(80);
        assertThat(p.seq).isEqualTo(1000);
        assertThat(p.tcpFlags).isEqualTo(Packet.SYN);
        assertThat(p.window).isEqualTo(65535);
        assertThat(p.tcpOptionsLen).isEqualTo(8);
        assertThat(p.payload[p.tcpOptionsOffset]).isEqualTo((byte) 2); // MSS kind
        assertThat(p.ipLen).isEqualTo(48);
        assertThat(p.ttl).isEqualTo(64);
        assertThat(p.payloadLen).isZero();
        assertThat(p.checksumOk).isTrue();
        assertThat(p.hasMac).isTrue();
        assertThat(p.srcMac).isEqualTo(MAC_A);
        assertThat(p.dstMac).isEqualTo(MAC_B);
        assertThat(p.weird).isNull();
    }

    @Test
    void udpOverIpv6Fixture() {
        assertThat(f.decode(UDP6)).isEqualTo(DecodeResult.OK);
        Packet p = f.out;
        assertThat(p.ipVersion).isEqualTo(6);
        assertThat(p.src).isEqualTo(C6);
        assertThat(p.proto).isEqualTo(Packet.UDP);
        assertThat(p.srcPort).isEqualTo(53000);
        assertThat(p.dstPort).isEqualTo(53);
        assertThat(p.udpLength).isEqualTo(11);
        assertThat(p.ipLen).isEqualTo(51);
        assertThat(f.payloadString()).isEqualTo("abc");
    }

    @Test
    void tcpPayloadAndLengths() {
        assertThat(f.decode(ethernet(0x0800, tcp4("GET / HTTP/1.1\r\n".getBytes())))).isEqualTo(DecodeResult.OK);
        assertThat(f.out.payloadLen).isEqualTo(16);
        assertThat(f.out.payloadCapLen).isEqualTo(16);
        assertThat(f.payloadString()).isEqualTo("GET / HTTP/1.1\r\n");
        assertThat(f.out.ack).isEqualTo(9);
        assertThat(f.out.tcpFlags).isEqualTo(Packet.ACK | Packet.PSH);
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] frame = concat(ethernet(0x0800, tcp4(new byte[0])), new byte[6]); // padded to 60 bytes
        assertThat(f.decode(frame)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.payloadLen).isZero();
        assertThat(f.out.payloadCapLen).isZero();
    }

    @Test
    void snaplenCutPayloadIsReportedNotWeird() {
        byte[] frame = ethernet(0x0800, tcp4(new byte[1000]));
        // checksum cannot be verified on a cut packet and Zeek does not try (caplen < len)
        assertThat(f.decode(LinkType.ETHERNET, frame, 14 + 40 + 100, frame.length)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.payloadLen).isEqualTo(1000);
        assertThat(f.out.payloadCapLen).isEqualTo(100);
        assertThat(f.out.checksumOk).isTrue();
    }

    @Test
    void icmpTypeAndCodeAreNotPorts() {
        byte[] frame = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 1).build(icmp(3, 3, new byte[28])));
        assertThat(f.decode(frame)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.proto).isEqualTo(Packet.ICMP);
        assertThat(f.out.icmpType).isEqualTo(3);
        assertThat(f.out.icmpCode).isEqualTo(3);
        assertThat(f.out.srcPort).isZero();
        assertThat(f.out.payloadLen).isEqualTo(28);
    }

    @Test
    void icmpv6EchoRequest() {
        byte[] frame = ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 58, icmp6(C6, S6, 128, 0, "ping6".getBytes())));
        assertThat(f.decode(frame)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.proto).isEqualTo(Packet.ICMP6);
        assertThat(f.out.icmpType).isEqualTo(128);
        assertThat(f.payloadString()).isEqualTo("ping6");
    }

    // ------------------------------------------------------------ link layers

    @Test
    void arpIsSilentlyNotIp() {
        byte[] arp = ethernet(0x0806, new byte[28]);
        assertThat(f.decode(arp)).isEqualTo(DecodeResult.NOT_IP);
        assertThat(f.out.weird).isNull();
    }

    @Test
    void ieee8023LengthFrameIsNotIp() {
        byte[] llc = ethernet(46, concat(Hex.bytes("4242 03"), new byte[43])); // STP BPDU over LLC
        assertThat(f.decode(llc)).isEqualTo(DecodeResult.NOT_IP);
    }

    @Test
    void undefinedEtherTypeBetween1500And1536() {
        assertThat(f.decode(ethernet(1520, new byte[40]))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("undefined_ether_type");
    }

    @Test
    void weirdsNameTheirPacketAnalyzerAndHaveAddressesOnlyOnceTheIpHeaderIsAccepted() {
        // IP.cc: a header length beyond the total length is refused before packet->ip_hdr is set
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 17).build(new byte[12]);
        ip[0] = 0x4f; // IHL 15 = 60 bytes > total length 32
        ip[10] = ip[11] = 0;
        assertThat(f.decode(ethernet(0x0800, ip))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("invalid_IP_header_size");
        assertThat(f.out.weirdSource).isEqualTo("IP");
        assertThat(f.out.weirdFlow).isFalse();

        byte[] bad = ipv4("10.0.0.1", "10.0.0.2", 17).badChecksum().build(new byte[12]);
        assertThat(f.decode(ethernet(0x0800, bad))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("bad_IP_checksum");
        assertThat(f.out.weirdFlow).isTrue();

        assertThat(f.decode(new byte[16])).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weirdSource).isEqualTo("ETHERNET");
        assertThat(f.decode(ethernet(0x8100, new byte[3]))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("truncated_VLAN_header");
        assertThat(f.out.weirdSource).isEqualTo("VLAN");
    }

    @Test
    void packetAnalyzerDepthIsLimitedTo25() {
        // Ethernet → PBB → Ethernet → … → IP → UDP: with 11 PBB layers UDP is the 25th analyzer
        byte[] frame = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).build(udp(C4, S4, 1, 2, new byte[4])));
        for (int i = 0; i < 11; i++) frame = ethernet(0x88E7, concat(new byte[4], frame));
        assertThat(f.decode(frame)).isEqualTo(DecodeResult.OK);
        // one more: the 25th analyzer is an Ethernet one, and it may not forward to IP
        frame = ethernet(0x88E7, concat(new byte[4], frame));
        assertThat(f.decode(frame)).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("max_packet_analyzer_depth_exceeded");
        assertThat(f.out.weirdSource).isEqualTo("ETHERNET");
        assertThat(f.out.weirdFlow).isFalse();
    }

    @Test
    void shortEthernetFrame() {
        assertThat(f.decode(new byte[16])).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("truncated_ethernet_frame");
    }

    @Test
    void vlanAndQinQ() {
        byte[] one = ethernet(0x8100, vlanTag(42, 0x0800, tcp4(new byte[0])));
        assertThat(f.decode(one)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.vlan).isEqualTo(42);
        assertThat(f.out.innerVlan).isEqualTo(-1);

        byte[] qinq = ethernet(0x88a8, vlanTag(100, 0x8100, vlanTag(0x2000 | 200, 0x0800, tcp4(new byte[0]))));
        assertThat(f.decode(qinq)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.vlan).isEqualTo(100);
        assertThat(f.out.innerVlan).isEqualTo(200); // priority bits masked off
        assertThat(f.out.dstPort).isEqualTo(80);
    }

    @Test
    void truncatedVlanHeader() {
        assertThat(f.decode(ethernet(0x8100, new byte[4]))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("truncated_VLAN_header");
    }

    @Test
    void mplsLabelStackThenIp() {
        byte[] frame = ethernet(0x8847, mplsLabel(16, false, mplsLabel(17, true, tcp4(new byte[0]))));
        assertThat(f.decode(frame)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.dstPort).isEqualTo(80);
        assertThat(f.decode(ethernet(0x8847, mplsLabel(16, false, new byte[4])))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("truncated_link_header");
    }

    @Test
    void pppoeSessionWithIpv4AndIpv6() {
        byte[] v4 = ethernet(0x8864, pppoeSession(0x1234, 0x0021, tcp4(new byte[0])));
        assertThat(f.decode(v4)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.pppoeSession).isEqualTo(0x1234);
        byte[] v6 = ethernet(0x8864, pppoeSession(7, 0x0057, ipv6("fd77::2", "fd77::1", 17, udp(C6, S6, 1, 2, new byte[3]))));
        assertThat(f.decode(v6)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.ipVersion).isEqualTo(6);
        byte[] lcp = ethernet(0x8864, pppoeSession(7, 0xc021, new byte[10]));
        assertThat(f.decode(lcp)).isEqualTo(DecodeResult.NOT_IP);
    }

    @Test
    void pppoeLengthMismatchIsAPacketWeird() {
        byte[] v4 = ethernet(0x8864, concat(pppoeSession(1, 0x0021, tcp4(new byte[0])), new byte[4]));
        assertThat(f.decode(v4)).isEqualTo(DecodeResult.OK);
        assertThat(f.packetWeirds()).containsExactly("pppoe_extra_data_after_payload");
    }

    @Test
    void linuxCookedV1AndV2() {
        assertThat(f.decode(LinkType.LINUX_SLL, linuxSll(0x0800, tcp4(new byte[0])))).isEqualTo(DecodeResult.OK);
        assertThat(f.out.hasMac).isFalse();
        assertThat(f.decode(LinkType.LINUX_SLL2, linuxSll2(0x86dd, ipv6("fd77::2", "fd77::1", 17, udp(C6, S6, 1, 2, new byte[3])))))
                .isEqualTo(DecodeResult.OK);
        assertThat(f.decode(LinkType.LINUX_SLL, new byte[16])).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("truncated_Linux_SLL_header");
        assertThat(f.decode(LinkType.LINUX_SLL2, new byte[20])).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("truncated_Linux_SLL2_header");
        assertThat(f.decode(LinkType.LINUX_SLL, linuxSll(0x0806, new byte[28]))).isEqualTo(DecodeResult.NOT_IP);
    }

    @Test
    void rawIpLinkTypes() {
        for (int lt : new int[] {LinkType.RAW, LinkType.IPV4, LinkType.RAW_BSD_12, LinkType.RAW_BSD_14}) {
            assertThat(f.decode(lt, tcp4(new byte[0]))).isEqualTo(DecodeResult.OK);
        }
        assertThat(f.decode(LinkType.IPV6, ipv6("fd77::2", "fd77::1", 17, udp(C6, S6, 1, 2, new byte[0])))).isEqualTo(DecodeResult.OK);
    }

    @Test
    void bsdLoopbackAddressFamilies() {
        assertThat(f.decode(LinkType.NULL, bsdLoopback(2, true, tcp4(new byte[0])))).isEqualTo(DecodeResult.OK);
        for (int af6 : new int[] {24, 28, 30}) {
            byte[] v6 = bsdLoopback(af6, true, ipv6("fd77::2", "fd77::1", 17, udp(C6, S6, 1, 2, new byte[0])));
            assertThat(f.decode(LinkType.NULL, v6)).isEqualTo(DecodeResult.OK);
        }
        assertThat(f.decode(LinkType.LOOP, bsdLoopback(2, false, tcp4(new byte[0])))).isEqualTo(DecodeResult.OK);
        assertThat(f.decode(LinkType.NULL, bsdLoopback(7, true, new byte[40]))).isEqualTo(DecodeResult.NOT_IP);
        assertThat(f.decode(LinkType.NULL, new byte[4])).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("null_analyzer_failed");
    }

    @Test
    void nflogPayloadTlv() {
        assertThat(f.decode(LinkType.NFLOG, nflog(2, tcp4("n".getBytes())))).isEqualTo(DecodeResult.OK);
        assertThat(f.payloadString()).isEqualTo("n");
        byte[] v6 = nflog(10, ipv6("fd77::2", "fd77::1", 17, udp(C6, S6, 1, 2, new byte[0])));
        assertThat(f.decode(LinkType.NFLOG, v6)).isEqualTo(DecodeResult.OK);
        byte[] noPayload = java.util.Arrays.copyOf(nflog(2, new byte[0]), 16);
        assertThat(f.decode(LinkType.NFLOG, noPayload)).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("nflog_no_pcap_payload");
        byte[] badLen = nflog(2, tcp4(new byte[0]));
        badLen[4] = 2; // a TLV shorter than its own header
        assertThat(f.decode(LinkType.NFLOG, badLen)).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("nflog_bad_tlv_len");
        byte[] v1 = nflog(2, tcp4(new byte[0]));
        v1[1] = 1;
        assertThat(f.decode(LinkType.NFLOG, v1)).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("unknown_nflog_version");
    }

    @Test
    void unsupportedLinkTypeIsNotIp() {
        assertThat(f.decode(LinkType.IEEE802_11_RADIOTAP, new byte[80])).isEqualTo(DecodeResult.NOT_IP);
    }

    // ------------------------------------------------------------ IP layer

    @Test
    void truncatedAndUnknownIp() {
        assertThat(f.decode(ethernet(0x0800, new byte[19]))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("truncated_IP");
        byte[] v5 = new byte[40];
        v5[0] = 0x50;
        assertThat(f.decode(ethernet(0x0800, v5))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("unknown_ip_version");
    }

    @Test
    void ipv4OptionsAreSkipped() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 17).options(Hex.bytes("9404 0000")) // router alert
                .build(udp(C4, S4, 1000, 2000, "x".getBytes()));
        assertThat(f.decode(ethernet(0x0800, ip))).isEqualTo(DecodeResult.OK);
        assertThat(f.out.srcPort).isEqualTo(1000);
        assertThat(f.payloadString()).isEqualTo("x");
    }

    @Test
    void ipLengthLargerThanTheWireIsTruncatedIpLen() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6).totalLen(400).build(tcp(C4, S4, 1, 2, 0, 0, SYN, new byte[0], new byte[0]));
        assertThat(f.decode(ethernet(0x0800, ip))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("truncated_IP_len");
    }

    @Test
    void headerLongerThanTotalLengthIsInvalid() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6).options(new byte[20]).totalLen(30).build(new byte[20]);
        assertThat(f.decode(ethernet(0x0800, ip))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("invalid_IP_header_size");
    }

    @Test
    void ipv4HeaderShorterThan20() {
        byte[] ip = tcp4(new byte[0]);
        ip[0] = 0x44;
        assertThat(f.decode(ethernet(0x0800, ip))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("IPv4_min_header_size");
    }

    @Test
    void zeroTotalLengthDependsOnChecksumMode() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6).totalLen(0).build(tcp(C4, S4, 1, 2, 0, 0, SYN, new byte[0], "abc".getBytes()));
        assertThat(f.decode(ethernet(0x0800, ip))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("ip_hdr_len_zero");

        DecoderFixture noVerify = new DecoderFixture(false);
        assertThat(noVerify.decode(ethernet(0x0800, ip))).isEqualTo(DecodeResult.OK);
        assertThat(noVerify.packetWeirds()).containsExactly("ip_hdr_len_zero");
        assertThat(noVerify.payloadString()).isEqualTo("abc");
        assertThat(noVerify.out.ipLen).isEqualTo(43);
    }

    @Test
    void ipv6NoNextHeader() {
        assertThat(f.decode(ethernet(0x86dd, ipv6("fd77::2", "fd77::1", 59, new byte[0])))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("ipv6_no_next");
    }

    @Test
    void otherTransportsAndTunnelsAreUnknownTransport() {
        byte[] gre = ipv4("10.0.0.1", "10.0.0.2", 47).build(new byte[24]);
        assertThat(f.decode(ethernet(0x0800, gre))).isEqualTo(DecodeResult.UNKNOWN_TRANSPORT);
        assertThat(f.out.proto).isEqualTo(47);
        assertThat(f.out.payloadLen).isEqualTo(24);
        byte[] sctp = ipv6("fd77::2", "fd77::1", 132, new byte[12]);
        assertThat(f.decode(ethernet(0x86dd, sctp))).isEqualTo(DecodeResult.UNKNOWN_TRANSPORT);
        assertThat(f.out.proto).isEqualTo(132);
    }

    // ------------------------------------------------------------ transport layer

    @Test
    void tcpHeaderTruncation() {
        // IP says 10 bytes of payload: too few for TCP
        byte[] shortTcp = ipv4("10.0.0.1", "10.0.0.2", 6).build(new byte[10]);
        assertThat(f.decode(ethernet(0x0800, shortTcp))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("truncated_header");
        // the capture holds only 10 of the 20 header bytes
        byte[] frame = ethernet(0x0800, tcp4(new byte[0]));
        assertThat(f.decode(LinkType.ETHERNET, frame, 14 + 30, frame.length)).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("internally_truncated_header");
    }

    @Test
    void tcpDataOffsetBelowFiveIsAConnectionWeird() {
        byte[] seg = tcp(C4, S4, 1, 2, 0, 0, SYN, new byte[0], new byte[0]);
        seg[12] = 0x40;
        assertThat(f.decode(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6).build(seg)))).isEqualTo(DecodeResult.CONN_WEIRD);
        assertThat(f.out.weird).isEqualTo("bad_TCP_header_len");
        assertThat(f.out.srcPort).isEqualTo(1);
        seg[12] = (byte) 0xf0; // 60-byte header in a 20-byte segment
        assertThat(f.decode(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6).build(seg)))).isEqualTo(DecodeResult.CONN_WEIRD);
        assertThat(f.out.weird).isEqualTo("truncated_header");
    }

    @Test
    void udpLengthMismatchKeepsGoing() {
        byte[] dgram = udp(C4, S4, 1, 2, "hello".getBytes());
        dgram[5] = 9; // UDP length 9 instead of 13; checksum zeroed so it is not checked
        dgram[6] = dgram[7] = 0;
        assertThat(f.decode(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).build(dgram)))).isEqualTo(DecodeResult.OK);
        assertThat(f.out.weird).isEqualTo("UDP_datagram_length_mismatch");
        assertThat(f.out.weirdAddl).isEqualTo("9 != 13");
        assertThat(f.out.udpLength).isEqualTo(9);
        assertThat(f.payloadString()).isEqualTo("hello");
    }

    @Test
    void icmpHeaderTruncated() {
        assertThat(f.decode(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 1).build(new byte[4])))).isEqualTo(DecodeResult.WEIRD);
        assertThat(f.out.weird).isEqualTo("truncated_header");
    }

    @Test
    void decoderResetsEverythingBetweenPackets() {
        f.decode(ethernet(0x8100, vlanTag(5, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 1).build(new byte[4]))));
        assertThat(f.out.weird).isNotNull();
        assertThat(f.decode(SYN_FRAME)).isEqualTo(DecodeResult.OK);
        assertThat(f.out.weird).isNull();
        assertThat(f.out.vlan).isEqualTo(-1);
        assertThat(f.out.icmpType).isZero();
    }
}
