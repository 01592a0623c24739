package org.brocapi.analyzer.conn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.DoubleConsumer;

import org.brocapi.analyzer.packet.EncapsulationStack;

/**
 * One connection (Zeek's {@code Connection}): endpoints in originator/responder roles, times,
 * history, packet counts (Zeek's ConnSize analyzer), services, and its timers.
 */
public final class Connection {
    final ConnKey key;
    final ConnTable table;
    /** IP protocol number (6, 17, 1, 58, or any other for unknown transports). */
    public final int ipProto;
    public final byte[] origAddr = new byte[16], respAddr = new byte[16];
    public int origPort, respPort;
    public final boolean v6;
    public final double startTime;
    public double lastTime;
    private final java.util.function.Supplier<String> uids;
    private String uid;

    private final StringBuilder history = new StringBuilder();
    private int histSeen;

    public long origPkts, origIpBytes, respPkts, respIpBytes;
    /** Bytes lost in content gaps (conn.log missed_bytes, from Zeek's content_gap events). */
    public long missedBytes;
    /** PPPoE session id of the first packet, -1 when none. */
    public int pppoeSession = -1;
    /** Roles were flipped after creation (Zeek then sets local_orig/local_resp regardless). */
    public boolean flippedLater;
    /** Community ID computed at creation when community-id-logging is loaded, else null. */
    public String communityId;
    /** Services in confirmation order (conn.log {@code service}). */
    public final LinkedHashSet<String> services = new LinkedHashSet<>();
    /** Lower-case names of confirmed analyzers that later failed (conn.log {@code failed_service}). */
    public final LinkedHashSet<String> failedServices = new LinkedHashSet<>();
    public final byte[] origMac = new byte[6], respMac = new byte[6];
    public final boolean hasMac;
    public final int vlan, innerVlan;

    public Transport transport;
    /** Application-layer work to finish at removal (protocol analyzers); null when none. */
    public RemovalHook removalHook;
    /**
     * The tunnels of the packet that created this connection, replaced by a copy at each change
     * (Zeek's {@code encapsulation}); null when not tunnelled.
     */
    public EncapsulationStack encapsulation;
    /** conn.log {@code tunnel_parents}: uids of innermost tunnels, in the order they were added. */
    public final LinkedHashSet<String> tunnelParents = new LinkedHashSet<>();
    /** tunnel_changed events raised so far (Tunnel::max_changes_per_connection). */
    int tunnelChanges;
    private double inactivityTimeout;
    private Timer inactivityTimer;
    private final List<Timer> sessionTimers = new ArrayList<>(2);
    private final List<Timer> analyzerTimers = new ArrayList<>(2);
    private boolean sessionTimersCanceled;
    boolean inTable = true;
    /** Some weird was raised on this connection (Zeek's {@code Connection::DidWeird}). */
    public boolean didWeird;

    Connection(ConnTable table, ConnKey key, int ipProto, byte[] src, int srcPort, byte[] dst, int dstPort, boolean v6,
               double t, java.util.function.Supplier<String> uids, byte[] srcMac, byte[] dstMac, boolean hasMac, int vlan, int innerVlan) {
        this.table = table;
        this.key = key;
        this.ipProto = ipProto;
        System.arraycopy(src, 0, origAddr, 0, 16);
        System.arraycopy(dst, 0, respAddr, 0, 16);
        this.origPort = srcPort;
        this.respPort = dstPort;
        this.v6 = v6;
        this.startTime = t;
        this.lastTime = t;
        this.uids = uids;
        this.hasMac = hasMac;
        if (hasMac) {
            System.arraycopy(srcMac, 0, origMac, 0, 6);
            System.arraycopy(dstMac, 0, respMac, 0, 6);
        }
        this.vlan = vlan;
        this.innerVlan = innerVlan;
    }

    /** Zeek's ConnSize analyzer: one more packet of {@code ipLen} IP bytes from that side. */
    public void countPacket(boolean isOrig, int ipLen) {
        if (isOrig) {
            origPkts++;
            origIpBytes += ipLen;
        } else {
            respPkts++;
            respIpBytes += ipLen;
        }
    }

    /** True when a packet from {@code src:srcPort} travels in the originator's direction. */
    public boolean isFromOrig(byte[] src, int srcPort) {
        return srcPort == origPort && Arrays.equals(src, origAddr);
    }

    /** The script's {@code c$id}, as a log row keeps it (copies: the row outlives nothing it shares). */
    public ConnId id() {
        return new ConnId(origAddr.clone(), origPort, respAddr.clone(), respPort);
    }

    /** The uid, drawn from the run's generator the first time it is asked for (as Zeek does). */
    public String uid() {
        if (uid == null) uid = uids.get();
        return uid;
    }

    /** True when the history so far is exactly {@code h} (no copy: this runs per packet). */
    public boolean historyIs(String h) {
        return history.length() == h.length() && h.contentEquals(history);
    }

    public String history() {
        return history.toString();
    }

    /** Zeek's {@code Session::CheckHistory}: adds {@code code} the first time {@code mask} is seen. */
    public boolean checkHistory(int mask, char code) {
        if ((histSeen & mask) == 0) {
            histSeen |= mask;
            history.append(code);
            return false;
        }
        return true;
    }

    public void addHistory(char code) {
        history.append(code);
    }

    public void replaceHistory(String h) {
        history.setLength(0);
        history.append(h);
    }

    /**
     * Zeek's {@code ScaledHistoryEntry}: the letter is added at the 1st, 10th, 100th, …
     * occurrence. {@code counter[0]} counts, {@code counter[1]} is the next threshold (starts at 1).
     */
    public boolean scaledHistoryEntry(char code, long[] counter) {
        if (++counter[0] == counter[1]) {
            history.append(code);
            long next = (counter[1] * 10) & 0xffff_ffffL; // Zeek's thresholds are 32-bit
            if (next <= counter[1]) counter[0] = 0;
            else counter[1] = next;
            return true;
        }
        return false;
    }

    /** Swaps originator and responder (Zeek's {@code Connection::FlipRoles}); history gets '^'. */
    public void flipRoles() {
        byte[] t = origAddr.clone();
        System.arraycopy(respAddr, 0, origAddr, 0, 16);
        System.arraycopy(t, 0, respAddr, 0, 16);
        int p = origPort;
        origPort = respPort;
        respPort = p;
        if (hasMac) {
            byte[] m = origMac.clone();
            System.arraycopy(respMac, 0, origMac, 0, 6);
            System.arraycopy(m, 0, respMac, 0, 6);
        }
        if (transport != null) transport.flipRoles();
        // Zeek's ConnSize analyzer swaps its counters with the roles (ConnSize_Analyzer::FlipRoles)
        long t1 = origPkts;
        origPkts = respPkts;
        respPkts = t1;
        long t2 = origIpBytes;
        origIpBytes = respIpBytes;
        respIpBytes = t2;
        history.append('^');
        table.flipped(this);
    }

    /** Zeek's {@code SetInactivityTimeout}: replaces the inactivity timer. */
    public void setInactivityTimeout(double timeout) {
        if (timeout == inactivityTimeout) return;
        if (inactivityTimer != null) {
            table.timers.cancel(inactivityTimer);
            sessionTimers.remove(inactivityTimer);
            inactivityTimer = null;
        }
        if (timeout != 0) addInactivityTimer(lastTime + timeout);
        inactivityTimeout = timeout;
    }

    private void addInactivityTimer(double at) {
        inactivityTimer = addSessionTimer(at, now -> {
            inactivityTimer = null;
            if (lastTime + inactivityTimeout <= now) table.remove(this);
            else addInactivityTimer(lastTime + inactivityTimeout);
        });
    }

    private Timer addSessionTimer(double at, DoubleConsumer action) {
        if (sessionTimersCanceled || !inTable) return null;
        Timer t = new ConnTimer(at, false, action, sessionTimers);
        table.timers.add(t);
        sessionTimers.add(t);
        return t;
    }

    /** A timer of the transport analyzer (Zeek's {@code ADD_ANALYZER_TIMER}). */
    public void addAnalyzerTimer(double at, boolean expireAtEnd, DoubleConsumer action) {
        Timer t = new ConnTimer(at, expireAtEnd, action, analyzerTimers);
        table.timers.add(t);
        analyzerTimers.add(t);
    }

    /** Zeek's {@code Analyzer::CancelTimers} on the transport analyzer. */
    public void cancelAnalyzerTimers() {
        for (Timer t : analyzerTimers) table.timers.cancel(t);
        analyzerTimers.clear();
    }

    void cancelSessionTimers() {
        for (Timer t : sessionTimers) table.timers.cancel(t);
        sessionTimers.clear();
        inactivityTimer = null;
        sessionTimersCanceled = true;
    }

    /** A weird raised on the connection itself (Zeek's {@code Connection::Weird}, no source). */
    public void weird(String name) {
        table.weird(this, name, "", "");
    }

    public void weird(String name, String addl) {
        table.weird(this, name, addl, "");
    }

    /** A weird raised by an analyzer of the connection; {@code source} is the analyzer's name. */
    public void weird(String name, String addl, String source) {
        table.weird(this, name, addl, source);
    }

    /** Removes this connection now (its conn.log row is written). */
    public void remove() {
        table.remove(this);
    }

    public ConnTable table() {
        return table;
    }

    /** The connection's transport name as conn.log writes it. */
    public String protoName() {
        return switch (ipProto) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1, 58 -> "icmp";
            default -> "unknown_transport";
        };
    }

    private static final class ConnTimer extends Timer {
        private final DoubleConsumer action;
        private final List<Timer> owner;

        ConnTimer(double time, boolean expireAtEnd, DoubleConsumer action, List<Timer> owner) {
            super(time, expireAtEnd);
            this.action = action;
            this.owner = owner;
        }

        @Override
        protected void fire(double now, boolean atEnd) {
            owner.remove(this);
            action.accept(now);
        }
    }
}
