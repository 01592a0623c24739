package org.brocapi.analyzer.weird;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.log.ZeekText;

/**
 * Zeek's weird pipeline in one place: the reporter's sampling (Reporter::PermitWeird: the first
 * {@code weird_sampling_threshold} of a name per connection, flow or process, then one in
 * {@code weird_sampling_rate}), then weird.zeek's {@code Weird::weird}: the per-name action
 * ({@link WeirdActions}), the ten-minute suppression of repeats per (name, identifier), and the
 * per-connection / per-originator limits. Rows go out in the order the weirds were raised.
 */
public final class WeirdLog {
    private static final int SAMPLING_THRESHOLD = 1000, SAMPLING_RATE = 1000;
    private static final double IGNORE_EXPIRE = 600, DID_LOG_EXPIRE = 86400;
    /** Weird::weird_do_not_ignore_repeats. */
    private static final Set<String> DO_NOT_IGNORE_REPEATS =
            Set.of("bad_IP_checksum", "bad_TCP_checksum", "bad_UDP_checksum", "bad_ICMP_checksum");

    private final Consumer<WeirdLogEntry> out;
    private final DoubleSupplier networkTime;
    private final Map<String, Double> weirdIgnore = new HashMap<>();
    private final Map<String, Double> didLog = new HashMap<>();
    private final Map<String, Integer> netCounts = new HashMap<>();
    private final Map<String, Integer> flowCounts = new HashMap<>();
    private final Map<Connection, Map<String, Integer>> connCounts = new java.util.WeakHashMap<>();

    public WeirdLog(Consumer<WeirdLogEntry> out, DoubleSupplier networkTime) {
        this.out = out;
        this.networkTime = networkTime;
    }

    /** A weird about a connection (Zeek's {@code conn_weird}). */
    public void conn(Connection c, String name, String addl, String source) {
        var counts = connCounts.computeIfAbsent(c, k -> new HashMap<>());
        if (!permit(counts, name)) return;
        var id = c.id();
        String identifier = idString(id);
        weird(name, addl, source, c.uid(), id, identifier, ZeekText.addrString(c.origAddr));
    }

    /** A weird about packets between two hosts, no connection (Zeek's {@code flow_weird}). */
    public void flow(byte[] src, byte[] dst, String name, String addl, String source) {
        if (!permit(flowCounts, ZeekText.addrString(src) + "|" + ZeekText.addrString(dst) + "|" + name)) return;
        var id = new ConnId(src.clone(), 0, dst.clone(), 0);
        String identifier = ZeekText.addrString(src) + " -> " + ZeekText.addrString(dst);
        weird(name, addl, source, null, id, identifier, ZeekText.addrString(src));
    }

    /** A weird with no addresses at all (Zeek's {@code net_weird}). */
    public void net(String name, String addl, String source) {
        if (!permit(netCounts, name)) return;
        weird(name, addl, source, null, null, "", null);
    }

    private static boolean permit(Map<String, Integer> counts, String key) {
        int n = counts.merge(key, 1, Integer::sum);
        if (n <= SAMPLING_THRESHOLD) return true;
        return (n - SAMPLING_THRESHOLD) % SAMPLING_RATE == 0;
    }

    /** Zeek's {@code id_string}: {@code orig_h:orig_p > resp_h:resp_p}. */
    private static String idString(ConnId id) {
        return ZeekText.addrString(id.origH()) + ":" + id.origP() + " > " + ZeekText.addrString(id.respH()) + ":"
                + id.respP();
    }

    private void weird(String name, String addl, String source, String uid, ConnId id, String identifier,
                       String orig) {
        double now = networkTime.getAsDouble();
        WeirdActions.Action action = WeirdActions.of(name);
        if (action == WeirdActions.Action.IGNORE || live(weirdIgnore, name + "\0" + identifier, now)) return;
        if (action.limiting()) {
            String key = switch (action) {
                case LOG_PER_ORIG, NOTICE_PER_ORIG -> id != null ? orig : identifier;
                case LOG_ONCE, NOTICE_ONCE -> "";
                default -> identifier;
            };
            String k = (action.notice() ? "n\0" : "l\0") + name + "\0" + key;
            if (live(didLog, k, now)) return;
            didLog.put(k, now + DID_LOG_EXPIRE);
        }
        if (!DO_NOT_IGNORE_REPEATS.contains(name)) weirdIgnore.put(name + "\0" + identifier, now + IGNORE_EXPIRE);
        sweep(now);
        out.accept(new WeirdLogEntry(now, uid, id, name, addl == null || addl.isEmpty() ? null : addl,
                action.notice(), "zeek", source == null || source.isEmpty() ? null : source));
    }

    private long writes;

    /** Forgets expired entries now and then, so memory follows the live entries, not the capture's length. */
    private void sweep(double now) {
        if (++writes % 4096 != 0) return;
        weirdIgnore.values().removeIf(until -> now >= until);
        didLog.values().removeIf(until -> now >= until);
    }

    /** True while {@code key} is in a set with Zeek's &create_expire (expiry checked lazily). */
    private static boolean live(Map<String, Double> set, String key, double now) {
        Double until = set.get(key);
        if (until == null) return false;
        if (now >= until) {
            set.remove(key);
            return false;
        }
        return true;
    }
}
