package org.brocapi.analyzer.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.brocapi.analyzer.testing.Frames.*;

import java.nio.ByteBuffer;

import org.brocapi.analyzer.pcap.CapturedPacket;
import org.brocapi.analyzer.pcap.LinkType;
import org.junit.jupiter.api.Test;

/** Link layers Zeek's packet analyzers know besides Ethernet: 802.11, radiotap, PBB, PPP, NFLOG. */
class LinkLayersDecodeTest {
    private static final byte[] LLC_SNAP_IPV4 = {(byte) 0xaa, (byte) 0xaa, 3, 0, 0, 0, 0x08, 0x00};

    private static DecodeResult decode(int linkType, byte[] frame, Packet p) {
        var cp = new CapturedPacket();
        cp.linkType = linkType;
        cp.data = frame;
        cp.capLen = cp.wireLen = frame.length;
        return new PacketDecoder(false).decode(cp, p);
    }

    private static byte[] udpIp() {
        return ipv4("10.0.0.1", "10.0.0.2", 17).build(udp(addr("10.0.0.1"), addr("10.0.0.2"), 1000, 53, new byte[4]));
    }

    /** A To-DS 802.11 data frame: addr1 = BSSID, addr2 = source, addr3 = destination. */
    private static byte[] wlanData(byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(24 + body.length);
        b.put((byte) 0x08).put((byte) 0x01).putShort((short) 0)
                .put(new byte[] {9, 9, 9, 9, 9, 9}).put(MAC_A).put(MAC_B).putShort((short) 0).put(body);
        return b.array();
    }

    @Test
    void radiotapAnd80211DataFramesCarryIp() {
        byte[] radiotap = {0, 0, 8, 0, 0, 0, 0, 0};
        var p = new Packet();
        assertThat(decode(LinkType.IEEE802_11_RADIOTAP, concat(radiotap, wlanData(concat(LLC_SNAP_IPV4, udpIp()))), p))
                .isEqualTo(DecodeResult.OK);
        assertThat(p.dstPort).isEqualTo(53);
        assertThat(p.srcMac).isEqualTo(MAC_A);
        assertThat(p.dstMac).isEqualTo(MAC_B);
    }

    @Test
    void managementFramesAndShortHeadersAreNotIp() {
        var p = new Packet();
        byte[] beacon = wlanData(concat(LLC_SNAP_IPV4, udpIp()));
        beacon[0] = (byte) 0x80; // type 0: management
        assertThat(decode(LinkType.IEEE802_11, beacon, p)).isEqualTo(DecodeResult.NOT_IP);
        assertThat(decode(LinkType.IEEE802_11, new byte[20], p)).isEqualTo(DecodeResult.WEIRD);
        assertThat(p.weird).isEqualTo("truncated_802_11_header");
    }

    @Test
    void pbbCarriesTheCustomerFrame() {
        byte[] iTag = {0, 0, 0, 1};
        var p = new Packet();
        assertThat(decode(LinkType.ETHERNET, ethernet(0x88e7, concat(iTag, ethernet(0x0800, udpIp()))), p))
                .isEqualTo(DecodeResult.OK);
        assertThat(p.dstPort).isEqualTo(53);
        assertThat(decode(LinkType.ETHERNET, ethernet(0x88e7, new byte[10]), p)).isEqualTo(DecodeResult.WEIRD);
        assertThat(p.weird).isEqualTo("truncated_PBB_header");
    }

    @Test
    void pppWithAndWithoutHdlcFramingCarriesIp() {
        var p = new Packet();
        assertThat(decode(LinkType.PPP, concat(new byte[] {(byte) 0xff, 3, 0, 0x21}, udpIp()), p)).isEqualTo(DecodeResult.OK);
        assertThat(decode(LinkType.PPP, concat(new byte[] {0, 0x21}, udpIp()), p)).isEqualTo(DecodeResult.OK);
        assertThat(decode(LinkType.PPP_SERIAL, concat(new byte[] {0x0f, 0, 0, 0x21}, udpIp()), p)).isEqualTo(DecodeResult.OK);
        assertThat(decode(LinkType.PPP, concat(new byte[] {(byte) 0xc0, 0x21}, udpIp()), p)).isEqualTo(DecodeResult.NOT_IP);
    }

    @Test
    void nflogSkipsTlvsToThePayload() {
        byte[] hwTlv = {6, 0, 1, 0, 0, 0, 0, 0}; // length 6, padded to 8
        byte[] payloadTlv = {0, 0, 9, 0};
        var p = new Packet();
        byte[] frame = concat(new byte[] {2, 0, 0, 0}, hwTlv, payloadTlv, udpIp());
        assertThat(decode(LinkType.NFLOG, frame, p)).isEqualTo(DecodeResult.OK);
        assertThat(p.dstPort).isEqualTo(53);
        byte[] bad = concat(new byte[] {2, 0, 0, 0}, new byte[] {(byte) 0xf0, 0, 1, 0}, new byte[8]);
        assertThat(decode(LinkType.NFLOG, bad, p)).isEqualTo(DecodeResult.WEIRD);
        assertThat(p.weird).isEqualTo("nflog_bad_tlv_len");
    }
}
