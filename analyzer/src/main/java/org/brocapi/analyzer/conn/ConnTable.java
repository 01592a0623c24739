package org.brocapi.analyzer.conn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The session table (Zeek's {@code session::Manager}) and the timer queue that expires its
 * connections in capture time.
 *
 * <p>Removal order is conn.log's row order: a connection is removed by its timers (inactivity,
 * TCP attempt/close/reset), by TCP port reuse, or at the end of the input, where Zeek first
 * runs the timers made to expire and then flushes the rest in key order ({@link ConnKey}).
 */
public final class ConnTable {
    /** Told about every removed connection, in removal order. */
    public interface Listener {
        void removed(Connection c);

        /** A connection changed roles; conn.log's local_orig/local_resp follow the new roles. */
        default void flipped(Connection c) { }

        /** Zeek raised a weird on this connection ({@code conn_weird}); source may be empty. */
        default void weird(Connection c, String name, String addl, String source) { }
    }

    final TimerQueue timers = new TimerQueue();
    private final Map<ConnKey, Connection> map = new HashMap<>();
    private final Listener listener;

    public ConnTable(Listener listener) {
        this.listener = listener;
    }

    public TimerQueue timers() {
        return timers;
    }

    public int size() {
        return map.size();
    }

    /** The connection for a lookup key, or null. */
    public Connection find(ConnKey probe) {
        return map.get(probe);
    }

    /**
     * Creates and inserts a connection whose originator is the packet's source. The caller may
     * then flip it. The uid is drawn from {@code uids} when first needed.
     */
    public Connection create(ConnKey probe, int ipProto, byte[] src, int srcPort, byte[] dst, int dstPort, boolean v6,
                             double t, java.util.function.Supplier<String> uids, byte[] srcMac, byte[] dstMac, boolean hasMac, int vlan,
                             int innerVlan) {
        ConnKey key = probe.copy();
        var c = new Connection(this, key, ipProto, src, srcPort, dst, dstPort, v6, t, uids, srcMac, dstMac, hasMac,
                vlan, innerVlan);
        map.put(key, c);
        return c;
    }

    /** Zeek's {@code Manager::Remove}: cancels the connection's timers and writes its row. */
    void remove(Connection c) {
        if (!c.inTable) return;
        c.cancelSessionTimers();
        c.inTable = false;
        map.remove(c.key);
        c.cancelAnalyzerTimers();
        if (c.transport != null) c.transport.done(c);
        if (c.removalHook != null) c.removalHook.removed(c);
        listener.removed(c);
    }

    /** Reports a connection weird with Zeek's name. */
    public void weird(Connection c, String name, String addl, String source) {
        c.didWeird = true;
        listener.weird(c, name, addl, source);
    }

    void flipped(Connection c) {
        listener.flipped(c);
    }

    /** End of input, in Zeek's order: expiring timers, then the remaining connections by key. */
    public void finish() {
        timers.expireAll();
        var rest = new ArrayList<>(map.values());
        rest.sort((a, b) -> a.key.compareTo(b.key));
        for (Connection c : rest) remove(c);
    }
}
