package org.brocapi.analyzer.tunnel;

import java.util.ArrayList;
import java.util.List;

import org.brocapi.analyzer.conn.ConnLogEntry;
import org.brocapi.analyzer.conn.ConnLogger;
import org.brocapi.analyzer.conn.ConnPolicy;
import org.brocapi.analyzer.conn.ConnTable;
import org.brocapi.analyzer.conn.ConnTracker;
import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.conn.IcmpTransport;
import org.brocapi.analyzer.conn.LocalNets;
import org.brocapi.analyzer.conn.Transport;
import org.brocapi.analyzer.conn.UdpTransport;
import org.brocapi.analyzer.conn.UnknownIpTransport;
import org.brocapi.analyzer.packet.Packet;
import org.brocapi.analyzer.packet.PacketDecoder;
import org.brocapi.analyzer.pcap.CapturedPacket;
import org.brocapi.analyzer.tcp.StreamSink;
import org.brocapi.analyzer.tcp.TcpSession;

/**
 * The analysis pipeline without pcap files or log files: frames in, conn.log and tunnel.log rows
 * (in write order) and tunnel weirds out. Checksums are not verified (Zeek's -C); uids are C1, C2, …
 * in draw order.
 */
final class TunnelHarness implements ConnTracker.Transports {
    final List<ConnLogEntry> conns = new ArrayList<>();
    final List<TunnelLogEntry> tunnels = new ArrayList<>();
    final List<String> weirds = new ArrayList<>();
    private final ConnPolicy policy = ConnPolicy.defaults(true);
    private final ConnTable table;
    private final TunnelDecoder decoder;
    private int uid;

    TunnelHarness() {
        this(TunnelPolicy.defaults());
    }

    TunnelHarness(TunnelPolicy tunnelPolicy) {
        var connLogger = new ConnLogger(conns::add, LocalNets.of(List.of(), false));
        var tunnelLogger = new TunnelLogger(tunnels::add);
        TunnelDecoder[] self = new TunnelDecoder[1];
        table = new ConnTable(new ConnTable.Listener() {
            @Override
            public void removed(Connection c) {
                connLogger.removed(c);
                tunnelLogger.removed(c);
                self[0].removed(c);
            }

            @Override
            public void weird(Connection c, String name, String addl, String source) {
                weirds.add(name);
            }
        });
        tunnelLogger.attach(table);
        var tracker = new ConnTracker(table, this, () -> "C" + (++uid), true, null);
        tracker.tunnels(tunnelLogger, true, tunnelPolicy.maxChangesPerConnection());
        decoder = new TunnelDecoder(new PacketDecoder(false), tracker, tunnelPolicy, () -> "C" + (++uid),
                (name, p, addl, flow, source) -> weirds.add(name));
        self[0] = decoder;
    }

    TunnelHarness frame(double ts, int linkType, byte[] bytes) {
        var cp = new CapturedPacket();
        cp.ts = ts;
        cp.linkType = linkType;
        cp.data = bytes;
        cp.capLen = cp.wireLen = bytes.length;
        table.timers().advance(ts);
        decoder.packet(cp);
        return this;
    }

    TunnelHarness end() {
        table.finish();
        return this;
    }

    ConnLogEntry conn(String origH) {
        return conns.stream().filter(c -> addr(c.id().origH()).equals(origH)).findFirst().orElseThrow();
    }

    static String addr(byte[] a) {
        try {
            boolean v4 = a[10] == (byte) 0xff && a[11] == (byte) 0xff && a[0] == 0;
            byte[] raw = v4 ? java.util.Arrays.copyOfRange(a, 12, 16) : a;
            return java.net.InetAddress.getByAddress(raw).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public boolean flip(Packet first, int srcPort, int dstPort) {
        return false;
    }

    @Override
    public Transport create(Connection c) {
        return switch (c.ipProto) {
            case Packet.TCP -> new TcpSession(c, policy, StreamSink.NONE, (conn, isOrig, len) -> { });
            case Packet.UDP -> new UdpTransport(c, policy);
            case Packet.ICMP, Packet.ICMP6 -> new IcmpTransport(c, policy);
            default -> new UnknownIpTransport(c, policy);
        };
    }
}
