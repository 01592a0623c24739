package org.brocapi.analyzer.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.brocapi.analyzer.testing.Frames.*;

import java.nio.ByteBuffer;
import java.util.List;

import org.brocapi.analyzer.pcap.LinkType;
import org.junit.jupiter.api.Test;

class TunnelDecoderTest {
    private static final int UDP = 17, ICMP = 1, GRE = 47;

    private static byte[] udpIp(String src, String dst, int sport, int dport, byte[] payload) {
        return ipv4(src, dst, UDP).build(udp(addr(src), addr(dst), sport, dport, payload));
    }

    private static byte[] echo(String src, String dst, int type) {
        return ipv4(src, dst, ICMP).build(icmp(type, 0, new byte[8]));
    }

    private static byte[] gre(byte[] inner) {
        return concat(new byte[] {0, 0, 0x08, 0x00}, inner); // version 0, IPv4
    }

    private static byte[] vxlan(byte[] innerIp) {
        return concat(new byte[] {0x08, 0, 0, 0, 0, 0, 1, 0}, ethernet(0x0800, innerIp));
    }

    private static byte[] gtpU(byte[] innerIp) {
        ByteBuffer b = ByteBuffer.allocate(8 + innerIp.length);
        b.put((byte) 0x30).put((byte) 0xff).putShort((short) innerIp.length).putInt(7).put(innerIp);
        return b.array();
    }

    @Test
    void greTunnelDrawsItsOwnUidBeforeTheInnerConnectionAndIsDiscoveredOnce() {
        var h = new TunnelHarness()
                .frame(1.0, LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", GRE).build(gre(echo("192.168.1.1", "192.168.1.2", 8))))
                .frame(1.5, LinkType.RAW, ipv4("10.0.0.2", "10.0.0.1", GRE).build(gre(echo("192.168.1.2", "192.168.1.1", 0))))
                .end();
        // the GRE packets themselves make no unknown_transport connection
        assertThat(h.conns).hasSize(1);
        var inner = h.conn("192.168.1.1");
        assertThat(inner.uid()).isEqualTo("C2");
        assertThat(inner.tunnelParents()).containsExactly("C1");
        assertThat(inner.origPkts()).isEqualTo(1);
        assertThat(inner.respPkts()).isEqualTo(1);
        assertThat(h.tunnels).singleElement().satisfies(t -> {
            assertThat(t.uid()).isEqualTo("C1");
            assertThat(TunnelHarness.addr(t.id().origH())).isEqualTo("10.0.0.1");
            assertThat(t.id().origP()).isZero();
            assertThat(t.tunnelType()).isEqualTo("Tunnel::GRE");
            assertThat(t.action()).isEqualTo("Tunnel::DISCOVER"); // an IP tunnel is never closed
        });
    }

    @Test
    void vxlanConfirmsTheCarrierAndClosesWhenItIsRemoved() {
        var h = new TunnelHarness()
                .frame(1.0, LinkType.RAW, udpIp("1.1.1.1", "1.1.1.9", 40000, 4789,
                        vxlan(udpIp("4.4.4.4", "4.4.4.9", 1234, 53, new byte[12]))))
                .end();
        var carrier = h.conn("1.1.1.1");
        assertThat(carrier.service()).isEqualTo("vxlan");
        assertThat(carrier.tunnelParents()).isNull();
        assertThat(h.conn("4.4.4.4").tunnelParents()).containsExactly(carrier.uid());
        assertThat(h.tunnels).extracting(TunnelLogEntry::action).containsExactly("Tunnel::DISCOVER", "Tunnel::CLOSE");
        assertThat(h.tunnels).extracting(TunnelLogEntry::uid).containsOnly(carrier.uid());
        assertThat(h.tunnels.get(0).id().respP()).isEqualTo(4789);
    }

    @Test
    void tunnelsDeeperThanMaxDepthAreNotDecapsulated() {
        var policy = new TunnelPolicy(1, true, false, 5, 86400);
        var h = new TunnelHarness(policy)
                .frame(1.0, LinkType.RAW, udpIp("1.1.1.1", "1.1.1.9", 40000, 4789,
                        vxlan(udpIp("2.2.2.2", "2.2.2.9", 40001, 4789,
                                vxlan(udpIp("3.3.3.3", "3.3.3.9", 1234, 53, new byte[12]))))))
                .end();
        assertThat(h.conns).hasSize(2);
        var second = h.conn("2.2.2.2");
        assertThat(second.history()).isEqualTo("DX");
        assertThat(second.service()).isNull();
        assertThat(h.weirds).contains("exceeded_tunnel_max_depth_in_tunnel");
        assertThat(h.tunnels).extracting(t -> TunnelHarness.addr(t.id().origH())).containsOnly("1.1.1.1");
    }

    @Test
    void teredoWaitsForBothDirectionsBeforeConfirming() {
        byte[] out = ipv6("2001:0:4136:e378:8000:63bf:3fff:fdd2", "2002::1", UDP,
                udp(new byte[16], new byte[16], 5000, 53, new byte[4]));
        byte[] back = ipv6("2002::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", UDP,
                udp(new byte[16], new byte[16], 53, 5000, new byte[4]));
        var h = new TunnelHarness().frame(1.0, LinkType.RAW, udpIp("10.0.0.1", "10.0.0.2", 50000, 3544, out));
        h.end();
        assertThat(h.conn("10.0.0.1").service()).isNull();
        assertThat(h.conn("2001:0:4136:e378:8000:63bf:3fff:fdd2").tunnelParents()).hasSize(1);

        var both = new TunnelHarness()
                .frame(1.0, LinkType.RAW, udpIp("10.0.0.1", "10.0.0.2", 50000, 3544, out))
                .frame(1.1, LinkType.RAW, udpIp("10.0.0.2", "10.0.0.1", 3544, 50000, back))
                .end();
        assertThat(both.conn("10.0.0.1").service()).isEqualTo("teredo");
    }

    @Test
    void teredoIsFoundByItsProbeOnAnyPort() {
        byte[] bare = ipv6("2001:0:4136:e378:8000:63bf:3fff:fdd2", "2002::1", 59, new byte[0]);
        byte[] withOrigin = concat(new byte[8], ipv6("2001:0:4136:e378:8000:63bf:3fff:fdd2", "2002::1", UDP,
                udp(new byte[16], new byte[16], 5000, 53, new byte[4])));
        assertThat(TeredoProbe.matches(bare, 0, bare.length)).isTrue();
        assertThat(TeredoProbe.matches(withOrigin, 0, withOrigin.length)).isTrue();
        assertThat(TeredoProbe.matches(new byte[40], 0, 40)).isFalse();
        var h = new TunnelHarness().frame(1.0, LinkType.RAW, udpIp("10.0.0.1", "10.0.0.2", 50000, 6000, withOrigin)).end();
        assertThat(h.conns).hasSize(2);
    }

    @Test
    void changingCarriersAreCountedUntilTheLimitThenMarkedX() {
        byte[] up = udp(addr("10.1.1.1"), addr("10.2.2.2"), 1111, 2222, new byte[4]);
        byte[] down = udp(addr("10.2.2.2"), addr("10.1.1.1"), 2222, 1111, new byte[4]);
        var h = new TunnelHarness();
        for (int i = 0; i < 10; i++) {
            boolean uplink = i % 2 == 0;
            byte[] inner = uplink ? ipv4("10.1.1.1", "10.2.2.2", UDP).build(up) : ipv4("10.2.2.2", "10.1.1.1", UDP).build(down);
            byte[] outer = uplink ? udpIp("172.16.0.1", "172.16.0.2", 2152, 2152, gtpU(inner))
                    : udpIp("172.16.0.2", "172.16.0.1", 6000, 2152, gtpU(inner));
            h.frame(1.0 + i / 100.0, LinkType.RAW, outer);
        }
        h.end();
        var inner = h.conn("10.1.1.1");
        assertThat(inner.history()).isEqualTo("DdX");
        assertThat(inner.tunnelParents()).containsExactly(h.conn("172.16.0.1").uid(), h.conn("172.16.0.2").uid());
        assertThat(h.weirds).contains("tunnel_max_changes_per_connection_exceeded");
        assertThat(h.conn("172.16.0.1").service()).isEqualTo("gtpv1");
        assertThat(h.tunnels).extracting(TunnelLogEntry::action)
                .containsExactly("Tunnel::DISCOVER", "Tunnel::DISCOVER", "Tunnel::CLOSE", "Tunnel::CLOSE");
    }

    @Test
    void greOverUdpIsAnIpTunnelOfTheOuterAddressesNotOfTheUdpConnection() {
        var h = new TunnelHarness()
                .frame(1.0, LinkType.RAW, udpIp("192.168.0.7", "192.168.5.1", 36527, 4754,
                        gre(echo("172.17.0.2", "1.1.1.1", 8))))
                .end();
        var carrier = h.conn("192.168.0.7");
        assertThat(carrier.service()).isNull(); // GRE never confirms
        var inner = h.conn("172.17.0.2");
        assertThat(inner.tunnelParents()).singleElement().isNotEqualTo(carrier.uid());
        assertThat(h.tunnels).singleElement().satisfies(t -> {
            assertThat(t.uid()).isEqualTo(inner.tunnelParents().iterator().next());
            assertThat(t.id().origP()).isZero();
            assertThat(t.tunnelType()).isEqualTo("Tunnel::GRE");
        });
    }

    @Test
    void erspanTypeIICarriesAnEthernetFrame() {
        byte[] header = {0x10, 0, (byte) 0x88, (byte) 0xbe, 0, 0, 0, 1}; // sequence number present
        byte[] erspan = new byte[8];
        byte[] frame = ethernet(0x0800, echo("23.0.0.2", "23.0.0.3", 8));
        var h = new TunnelHarness()
                .frame(1.0, LinkType.RAW, ipv4("2.2.2.2", "1.1.1.1", GRE).build(concat(header, erspan, frame)))
                .end();
        assertThat(h.conn("23.0.0.2").tunnelParents()).containsExactly("C1");
    }

    @Test
    void truncatedGreIsAWeirdAndNoConnection() {
        var h = new TunnelHarness().frame(1.0, LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", GRE).build(new byte[] {0, 0}))
                .end();
        assertThat(h.conns).isEmpty();
        assertThat(h.tunnels).isEmpty();
        assertThat(h.weirds).isEqualTo(List.of("truncated_GRE"));
    }
}
