package org.brocapi.analyzer.conn;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.brocapi.analyzer.packet.Packet;
import org.brocapi.analyzer.tcp.StreamSink;
import org.brocapi.analyzer.tcp.TcpSession;

/**
 * Drives the connection layer with packets described by their fields (no pcap, no decoder) and
 * collects the conn.log rows, in removal order. Ports 80/tcp and 53/udp count as likely server
 * ports, as with base/protocols/http and dns loaded.
 */
final class ConnHarness implements ConnTracker.Transports {
    final List<ConnLogEntry> rows = new ArrayList<>();
    final ConnPolicy policy = ConnPolicy.defaults(true);
    private final ConnTable table;
    private final ConnTracker tracker;
    private int uid;

    ConnHarness() {
        table = new ConnTable(new ConnLogger(rows::add, LocalNets.of(List.of(), true)));
        tracker = new ConnTracker(table, this, () -> "C" + (++uid), true, null);
    }

    /** A TCP segment; flags like "S", "SA", "A", "PA", "FA", "R", "RA". */
    ConnHarness tcp(double ts, String from, int sport, String to, int dport, String flags, long seq, long ack,
                    int len) {
        Packet p = ip(ts, from, to, Packet.TCP, 40 + len);
        p.srcPort = sport;
        p.dstPort = dport;
        p.tcpFlags = flags(flags);
        p.seq = seq & 0xffff_ffffL;
        p.ack = ack & 0xffff_ffffL;
        p.window = 65535;
        p.payload = new byte[Math.max(len, 0)];
        p.payloadLen = len;
        p.payloadCapLen = len;
        return feed(p);
    }

    ConnHarness udp(double ts, String from, int sport, String to, int dport, int len) {
        Packet p = ip(ts, from, to, Packet.UDP, 28 + len);
        p.srcPort = sport;
        p.dstPort = dport;
        p.udpLength = 8 + len;
        p.payload = new byte[len];
        p.payloadLen = len;
        p.payloadCapLen = len;
        return feed(p);
    }

    ConnHarness icmp(double ts, String from, String to, int type, int code, int len) {
        Packet p = ip(ts, from, to, Packet.ICMP, 28 + len);
        p.icmpType = type;
        p.icmpCode = code;
        p.payload = new byte[len];
        p.payloadLen = len;
        p.payloadCapLen = len;
        return feed(p);
    }

    ConnHarness end() {
        table.finish();
        return this;
    }

    ConnLogEntry row(int i) {
        return rows.get(i);
    }

    private ConnHarness feed(Packet p) {
        table.timers().advance(p.ts);
        tracker.packet(p);
        return this;
    }

    private static Packet ip(double ts, String from, String to, int proto, int ipLen) {
        Packet p = new Packet();
        p.ts = ts;
        p.ipVersion = 4;
        set(p.src, from);
        set(p.dst, to);
        p.proto = proto;
        p.ipLen = ipLen;
        p.capLen = p.wireLen = ipLen + 14;
        return p;
    }

    private static void set(byte[] a16, String addr) {
        try {
            byte[] a = InetAddress.getByName(addr).getAddress();
            java.util.Arrays.fill(a16, (byte) 0);
            a16[10] = (byte) 0xff;
            a16[11] = (byte) 0xff;
            System.arraycopy(a, 0, a16, 12, 4);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static int flags(String f) {
        int v = 0;
        for (char c : f.toCharArray()) {
            v |= switch (c) {
                case 'S' -> Packet.SYN;
                case 'A' -> Packet.ACK;
                case 'F' -> Packet.FIN;
                case 'R' -> Packet.RST;
                case 'P' -> Packet.PSH;
                case 'U' -> Packet.URG;
                default -> throw new IllegalArgumentException("flag " + c);
            };
        }
        return v;
    }

    @Override
    public boolean flip(Packet first, int srcPort, int dstPort) {
        boolean likelySrc = first.proto == Packet.TCP ? srcPort == 80 : srcPort == 53;
        boolean likelyDst = first.proto == Packet.TCP ? dstPort == 80 : dstPort == 53;
        if (first.proto == Packet.TCP) {
            boolean syn = (first.tcpFlags & Packet.SYN) != 0, ack = (first.tcpFlags & Packet.ACK) != 0;
            if (syn && !ack) return false;
            if (!likelySrc) return false;
            return !likelyDst || (!syn && srcPort < dstPort);
        }
        return first.proto == Packet.UDP && likelySrc && !likelyDst;
    }

    @Override
    public Transport create(Connection c) {
        return switch (c.ipProto) {
            case Packet.TCP -> new TcpSession(c, policy, StreamSink.NONE, (conn, o, len) -> conn.missedBytes += len);
            case Packet.UDP -> new UdpTransport(c, policy);
            case Packet.ICMP -> new IcmpTransport(c, policy);
            default -> new UnknownIpTransport(c, policy);
        };
    }
}
