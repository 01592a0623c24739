package org.brocapi.analyzer.tunnel;

import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.conn.ConnKey;
import org.brocapi.analyzer.conn.ConnTable;
import org.brocapi.analyzer.conn.ConnTracker;
import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.packet.Encapsulation;
import org.brocapi.analyzer.packet.EncapsulationStack;

/**
 * base/frameworks/tunnels/main.zeek: a DISCOVER row the first time a tunnel carries a new
 * connection (or a connection moves into it), and a CLOSE row when the connection that carries
 * it is removed. Tunnels are keyed by their id, so an IP tunnel (which is no connection) is
 * discovered once and never closed.
 */
public final class TunnelLogger implements ConnTracker.TunnelObserver {
    private record Active(String uid, ConnId id, String type) { }

    private final Consumer<TunnelLogEntry> out;
    private ConnTable table;
    private final Map<String, Active> active = new HashMap<>();
    /** Connections with the finalize_tunnel removal hook. */
    private final Set<Connection> hooked = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ConnKey probe = new ConnKey();

    public TunnelLogger(Consumer<TunnelLogEntry> out) {
        this.out = out;
    }

    /** The session table {@code connection_exists} looks in. */
    public void attach(ConnTable table) {
        this.table = table;
    }

    /** {@code Tunnel::register_all}, from new_connection and tunnel_changed. */
    @Override
    public void encapsulated(Connection c, EncapsulationStack tunnels) {
        for (Encapsulation e : tunnels.all()) register(e);
    }

    /**
     * {@code Tunnel::register}: logs the tunnel as discovered unless it is active already. The
     * protocol analyzers that open tunnels themselves (SOCKS, HTTP CONNECT) call this directly.
     */
    public void register(Encapsulation e) {
        String key = key(e.src(), e.srcPort(), e.dst(), e.dstPort(), e.ipProto());
        if (active.containsKey(key)) return;
        var a = new Active(e.uid(), new ConnId(e.src().clone(), e.srcPort(), e.dst().clone(), e.dstPort()),
                "Tunnel::" + e.type());
        active.put(key, a);
        Connection carrier = table.find(probe.set(e.src(), e.srcPort(), e.dst(), e.dstPort(), e.ipProto(), false));
        if (carrier != null) hooked.add(carrier);
        write(a, "Tunnel::DISCOVER");
    }

    /** The {@code finalize_tunnel} removal hook: closes the tunnel whose id is the connection's. */
    public void removed(Connection c) {
        if (!hooked.remove(c)) return;
        Active a = active.remove(key(c.origAddr, c.origPort, c.respAddr, c.respPort, c.ipProto));
        if (a != null) write(a, "Tunnel::CLOSE");
    }

    private void write(Active a, String action) {
        out.accept(new TunnelLogEntry(table.timers().now(), a.uid, a.id, a.type, action));
    }

    private static String key(byte[] src, int srcPort, byte[] dst, int dstPort, int proto) {
        var hex = HexFormat.of();
        return hex.formatHex(src) + '/' + srcPort + '>' + hex.formatHex(dst) + '/' + dstPort + '/' + proto;
    }
}
