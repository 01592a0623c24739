package org.brocapi.analyzer.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.brocapi.analyzer.testing.Frames.*;

import java.nio.ByteBuffer;

import org.brocapi.analyzer.pcap.CapturedPacket;
import org.brocapi.analyzer.pcap.LinkType;
import org.junit.jupiter.api.Test;

class WirelessAndPbbDecodeTest {
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
}
