package org.brocapi.analyzer.conn;

import java.util.function.Supplier;

import org.brocapi.analyzer.packet.EncapsulationStack;
import org.brocapi.analyzer.packet.Packet;

/**
 * Routes decoded packets to connections (Zeek's {@code IPBasedAnalyzer::AnalyzePacket}): finds or
 * creates the connection of each packet, decides the originator, recognises TCP port reuse, and
 * hands the packet to the connection's transport.
 */
public final class ConnTracker {
    /** Chooses the originator role and builds a connection's transport state. */
    public interface Transports {
        /** Zeek's {@code WantConnection}: should the first packet's receiver be the originator? */
        boolean flip(Packet first, int srcPort, int dstPort);

        Transport create(Connection c);
    }

    /** Told when a connection is first seen inside tunnels or its tunnels change (the tunnels framework). */
    public interface TunnelObserver {
        /** Zeek's {@code new_connection} with {@code c$tunnel} set, or {@code tunnel_changed}. */
        void encapsulated(Connection c, EncapsulationStack tunnels);
    }

    /** Zeek's {@code HIST_UNKNOWN_PKT} history mask: 'X', something the analyzers would not handle. */
    public static final int HIST_UNKNOWN_PKT = 0x400;

    private final ConnTable table;
    private final Transports transports;
    private final Supplier<String> uids;
    private final boolean drawUidAtCreation;
    private final CommunityId communityId;
    private final ConnKey probe = new ConnKey();
    private final boolean[] oneWay = new boolean[1];
    private TunnelObserver tunnelObserver;
    private boolean tunnelChangedHandled;
    private int maxTunnelChanges = 5;

    /**
     * @param drawUidAtCreation Zeek builds a connection's script value (and draws its uid) when an
     *                          event about it is raised first; with base/protocols/conn loaded that
     *                          is new_connection, at creation
     * @param communityId       non-null when community-id-logging is loaded
     */
    public ConnTracker(ConnTable table, Transports transports, Supplier<String> uids, boolean drawUidAtCreation,
                       CommunityId communityId) {
        this.table = table;
        this.transports = transports;
        this.uids = uids;
        this.drawUidAtCreation = drawUidAtCreation;
        this.communityId = communityId;
    }

    public ConnTable table() {
        return table;
    }

    /**
     * Enables Zeek's tunnel bookkeeping on connections.
     *
     * @param handled    some script handles {@code tunnel_changed} (base/protocols/conn or
     *                   base/frameworks/tunnels); without a handler Zeek neither counts changes nor
     *                   raises the weird for too many
     * @param maxChanges {@code Tunnel::max_changes_per_connection}, 0 for no limit
     */
    public void tunnels(TunnelObserver observer, boolean handled, int maxChanges) {
        this.tunnelObserver = observer;
        this.tunnelChangedHandled = handled;
        this.maxTunnelChanges = maxChanges;
    }

    /** Processes one decoded IP packet whose time has already advanced the timers. */
    public void packet(Packet p) {
        packet(p, true);
    }

    /**
     * Finds or creates the packet's connection; with {@code deliver} false (a broken transport
     * header) Zeek only raises the packet's weird on the connection and stops there. A bad checksum
     * is delivered: the transport decides what Zeek counts and records for it.
     */
    public void packet(Packet p, boolean deliver) {
        packet(p, deliver, null);
    }

    /**
     * As {@link #packet(Packet, boolean)} for a packet that travelled inside {@code tunnels} (null
     * when none); returns the packet's connection.
     */
    public Connection packet(Packet p, boolean deliver, EncapsulationStack tunnels) {
        int srcPort, dstPort;
        oneWay[0] = false;
        switch (p.proto) {
            case Packet.TCP, Packet.UDP -> {
                srcPort = p.srcPort;
                dstPort = p.dstPort;
            }
            case Packet.ICMP, Packet.ICMP6 -> {
                srcPort = p.icmpType;
                dstPort = IcmpTransport.counterpart(p.proto == Packet.ICMP6, p.icmpType, p.icmpCode, oneWay);
            }
            default -> {
                srcPort = 0;
                dstPort = 0;
            }
        }
        probe.set(p.src, srcPort, p.dst, dstPort, p.proto, oneWay[0]);
        Connection c = table.find(probe);
        if (c == null) {
            c = create(p, srcPort, dstPort, tunnels);
        } else if (c.transport.isReuse(c, p)) {
            c.remove();
            c = create(p, srcPort, dstPort, tunnels);
        } else {
            checkEncapsulation(c, tunnels);
        }
        if (!deliver) {
            if (p.weird != null) c.weird(p.weird, p.weirdAddl == null ? "" : p.weirdAddl);
            return c;
        }
        boolean isOrig = c.isFromOrig(p.src, srcPort);
        c.transport.packet(c, p, isOrig);
        return c;
    }

    /** Zeek's {@code Connection::CheckEncapsulation}, before the packet is delivered. */
    private void checkEncapsulation(Connection c, EncapsulationStack tunnels) {
        EncapsulationStack current = c.encapsulation;
        if (current != null && tunnels != null) {
            if (!current.sameAs(tunnels)) {
                tunnelChanged(c, tunnels.copy());
                c.encapsulation = tunnels.copy();
            }
        } else if (current != null) {
            tunnelChanged(c, new EncapsulationStack());
            c.encapsulation = null;
        } else if (tunnels != null) {
            tunnelChanged(c, tunnels.copy());
            c.encapsulation = tunnels.copy();
        }
    }

    private void tunnelChanged(Connection c, EncapsulationStack now) {
        if (!tunnelChangedHandled) return;
        if (maxTunnelChanges != 0 && c.tunnelChanges >= maxTunnelChanges) {
            c.weird("tunnel_max_changes_per_connection_exceeded", Integer.toString(maxTunnelChanges));
            c.checkHistory(HIST_UNKNOWN_PKT, 'X');
            return;
        }
        c.tunnelChanges++;
        // base/protocols/conn adds the innermost tunnel's uid; the tunnels framework logs new ones
        if (now.depth() > 0) c.tunnelParents.add(now.last().uid());
        if (tunnelObserver != null) tunnelObserver.encapsulated(c, now);
    }

    private Connection create(Packet p, int srcPort, int dstPort, EncapsulationStack tunnels) {
        Connection c = table.create(probe, p.proto, p.src, srcPort, p.dst, dstPort, !p.isV4(), p.ts, uids,
                p.srcMac, p.dstMac, p.hasMac, p.vlan, p.innerVlan);
        c.pppoeSession = p.pppoeSession;
        if (transports.flip(p, srcPort, dstPort) && !isBroadcast(p.dst, p.isV4())) {
            c.flipRoles();
            c.flippedLater = false; // before new_connection: the script layer never saw the old roles
        }
        c.transport = transports.create(c);
        if (drawUidAtCreation) c.uid();
        if (communityId != null) c.communityId = communityId.of(c);
        // Zeek keeps the creating packet's stack object itself (see EncapsulationStack)
        c.encapsulation = tunnels;
        if (tunnels != null && tunnels.depth() > 0) {
            // new_connection: set_conn adds the innermost tunnel's uid, the tunnels framework logs all
            c.tunnelParents.add(tunnels.last().uid());
            if (tunnelObserver != null) tunnelObserver.encapsulated(c, tunnels.copy());
        }
        return c;
    }

    private static boolean isBroadcast(byte[] a, boolean v4) {
        return v4 && a[12] == (byte) 0xff && a[13] == (byte) 0xff && a[14] == (byte) 0xff && a[15] == (byte) 0xff;
    }
}
