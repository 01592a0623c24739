package org.brocapi.analyzer.protocol.dhcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.conn.Timer;
import org.brocapi.analyzer.conn.TimerQueue;

/**
 * base/protocols/dhcp/main.zeek for one run: messages are joined by transaction id across
 * connections ({@code DHCP::join_data}) and a row is written when the transaction has been quiet
 * for 5 s or watched for {@code DHCP::max_txid_watch_time}, checked by the table's expiration
 * ({@code &create_expire=10secs}, swept every {@code table_expire_interval}), when it gathers too
 * many uids or message types, or at the end of input. Rows left at the end come out in the
 * table's order, which here is insertion order (Zeek iterates its hash order).
 */
final class DhcpLogger {
    static final double CREATE_EXPIRE = 10, TABLE_EXPIRE_INTERVAL = 10, QUIET = 5, MAX_TXID_WATCH_TIME = 30;
    static final int MAX_UIDS_PER_LOG_ENTRY = 10, MAX_MSG_TYPES_PER_LOG_ENTRY = 50,
            MAX_TRACKED_TRANSACTIONS = 100_000;
    private static final byte[] ANY = {0, 0, 0, 0}, BROADCAST = {-1, -1, -1, -1};

    private final Consumer<DhcpLogEntry> log;
    private final boolean subOpts;
    private final Map<Long, Info> joinData = new LinkedHashMap<>();
    private Sweep sweep;
    private double lastSweep = Double.NaN;

    /** {@code DHCP::Info} while its transaction is open. */
    private static final class Info {
        final double ts;
        double expireAccess, lastMessageTs, duration;
        final LinkedHashSet<String> uids = new LinkedHashSet<>();
        byte[] clientAddr, serverAddr, requestedAddr, assignedAddr;
        String mac, clientChaddr;
        byte[] hostName, clientFqdn, domain, clientMessage, serverMessage;
        Double leaseTime;
        final List<String> msgTypes = new ArrayList<>();
        byte[] circuitId, agentRemoteId, subscriberId;

        Info(double ts) {
            this.ts = ts;
            this.expireAccess = ts;
        }
    }

    DhcpLogger(Consumer<DhcpLogEntry> log, boolean subOpts) {
        this.log = log;
        this.subOpts = subOpts;
    }

    /** {@code DHCP::aggregate_msgs} for a message seen at {@code ts} on connection {@code c}. */
    void message(double ts, Connection c, boolean isOrig, DhcpMessage msg, TimerQueue timers) {
        Info info = joinData.get(msg.xid());
        if (info == null) {
            if (joinData.size() >= MAX_TRACKED_TRANSACTIONS) {
                // the least recently inserted transaction makes room
                Iterator<Info> oldest = joinData.values().iterator();
                writeLog(oldest.next());
                oldest.remove();
            }
            info = new Info(ts);
            joinData.put(msg.xid(), info);
            scheduleSweep(timers);
        }
        info.duration = ts - info.ts;
        info.uids.add(c.uid());
        info.msgTypes.add(DhcpCodes.messageType(msg.type()));

        // is_orig is T for "connections" servers open to broadcast addresses; a client talks
        // from 0.0.0.0 or port 68, or to port 67
        byte[] origH = v4(c.origAddr);
        boolean isClient = isOrig && (Arrays.equals(origH, ANY) || c.origPort == 68 || c.respPort == 67);
        var o = msg.options();
        if (o.message() != null) {
            if (isClient) info.clientMessage = o.message();
            else info.serverMessage = o.message();
        }
        info.lastMessageTs = ts;
        if (isClient) {
            if (!Arrays.equals(origH, ANY) && !Arrays.equals(origH, BROADCAST)) info.clientAddr = origH;
            if (o.hostName() != null) info.hostName = o.hostName();
            if (o.clientFqdn() != null) info.clientFqdn = o.clientFqdn();
            if (o.clientIdType() != null && o.clientIdType() == 1) info.mac = o.clientIdAddr(); // ETHERNET
            else info.clientChaddr = msg.chaddr();
            if (o.addrRequest() != null) info.requestedAddr = o.addrRequest();
        } else {
            boolean assigned = !Arrays.equals(msg.yiaddr(), ANY);
            // only a server that handed out an address is logged; a server broadcasting is the
            // originator, one answering a unicast address is the responder (Zeek flipped it)
            if (assigned) info.serverAddr = isOrig ? origH : v4(c.respAddr);
            if (!msg.chaddr().isEmpty() && info.mac == null) info.mac = msg.chaddr();
            if (assigned) info.assignedAddr = msg.yiaddr();
            if (info.clientAddr == null && info.assignedAddr != null) info.clientAddr = info.assignedAddr;
            if (o.domainName() != null) info.domain = o.domainName();
            if (o.lease() != null) info.leaseTime = (double) o.lease();
        }
        boolean full = info.uids.size() >= MAX_UIDS_PER_LOG_ENTRY || info.msgTypes.size() >= MAX_MSG_TYPES_PER_LOG_ENTRY;
        if (full) {
            log.accept(entry(info)); // Log::write directly: no chaddr fallback for mac here
            joinData.remove(msg.xid());
        }
        // policy/protocols/dhcp/sub-opts runs after the write above (its handler has priority 0)
        if (subOpts && o.subOptions() != null) {
            for (var s : o.subOptions()) {
                switch (s.code()) {
                    case 1 -> info.circuitId = s.value();
                    case 2 -> info.agentRemoteId = s.value();
                    case 6 -> info.subscriberId = s.value();
                    default -> { }
                }
            }
        }
    }

    /**
     * Zeek's table sweep starts at the first packet and repeats {@code table_expire_interval}
     * after each run; while the table is empty no sweep is queued here, and the next one is
     * placed on that 10 s grid.
     */
    private void scheduleSweep(TimerQueue timers) {
        if (sweep != null) return;
        double base = Double.isNaN(lastSweep) ? timers.firstTime() : lastSweep;
        if (Double.isNaN(base)) base = timers.now();
        double at = base + TABLE_EXPIRE_INTERVAL;
        // a sweep due now already ran before this packet: the next one is due later
        while (at <= timers.now()) at += TABLE_EXPIRE_INTERVAL;
        sweep = new Sweep(at, timers);
        timers.add(sweep);
    }

    private final class Sweep extends Timer {
        private final TimerQueue timers;

        Sweep(double time, TimerQueue timers) {
            super(time, true);
            this.timers = timers;
        }

        @Override
        protected void fire(double now, boolean atEnd) {
            sweep = null;
            if (atEnd) {
                // zeek_done: everything still open is written
                for (Info info : joinData.values()) writeLog(info);
                joinData.clear();
                return;
            }
            lastSweep = now;
            for (Iterator<Info> it = joinData.values().iterator(); it.hasNext(); ) {
                Info info = it.next();
                if (!(info.expireAccess + CREATE_EXPIRE < now)) continue;
                // join_data_expiration
                if (now - info.lastMessageTs > QUIET || now - info.ts > MAX_TXID_WATCH_TIME) {
                    writeLog(info);
                    it.remove();
                } else {
                    info.expireAccess = now - CREATE_EXPIRE + QUIET;
                }
            }
            if (!joinData.isEmpty()) {
                sweep = new Sweep(now + TABLE_EXPIRE_INTERVAL, timers);
                timers.add(sweep);
            }
        }
    }

    /** write_log: without a client identifier option, the client's chaddr stands in for mac. */
    private void writeLog(Info info) {
        if (info.mac == null && info.clientChaddr != null) info.mac = info.clientChaddr;
        log.accept(entry(info));
    }

    private DhcpLogEntry entry(Info i) {
        return new DhcpLogEntry(i.ts, List.copyOf(i.uids), i.clientAddr, i.serverAddr, i.mac, i.hostName,
                i.clientFqdn, i.domain, i.requestedAddr, i.assignedAddr, i.leaseTime, i.clientMessage,
                i.serverMessage, List.copyOf(i.msgTypes), i.duration, i.circuitId, i.agentRemoteId, i.subscriberId);
    }

    /** An IPv4 address from its v4-mapped 16-byte form; other addresses stay 16 bytes. */
    private static byte[] v4(byte[] addr16) {
        for (int i = 0; i < 10; i++) if (addr16[i] != 0) return addr16.clone();
        if (addr16[10] != -1 || addr16[11] != -1) return addr16.clone();
        return Arrays.copyOfRange(addr16, 12, 16);
    }
}
