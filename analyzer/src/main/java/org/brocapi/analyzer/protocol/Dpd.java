package org.brocapi.analyzer.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.log.LogStream;

/**
 * Chooses the analyzers of each new connection, per run (Zeek's analyzer manager +
 * {@code BuildSessionAnalyzerTree}): the analyzers registered for the responder port start with
 * the connection; the others may start later when their {@link Probe} matches the first bytes
 * (Zeek's PIA, see {@link ConnAnalyzers}). Only protocols whose script is loaded take part.
 */
public final class Dpd {
    /** Zeek's {@code dpd_buffer_size}: bytes buffered (and matched) per connection before detection stops. */
    public static final int BUFFER_SIZE = 1024;
    /** {@code DPD::ignore_violations_after}: violations after this many payload bytes are ignored. */
    static final long IGNORE_VIOLATIONS_AFTER = 10 * 1024;
    /** {@code Analyzer::Logging::failure_data_max_size}. */
    static final int FAILURE_DATA_MAX = 40;

    /**
     * One loaded protocol of this run. There is one per protocol, so equality is identity: the
     * record's generated equals/hashCode would be linked (an invokedynamic bootstrap) in every JVM
     * for nothing.
     */
    record Active(Protocol protocol, Protocol.Instance instance, Probe tcpProbe, Probe udpProbe) {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    private final List<Active> active = new ArrayList<>();
    private final Map<Integer, List<Active>> tcpPorts = new HashMap<>(), udpPorts = new HashMap<>();
    private final List<Active> tcpProbed = new ArrayList<>(), udpProbed = new ArrayList<>();
    private final LogStream<AnalyzerLogEntry> analyzerLog;
    /** {@code DPD::track_removed_services_in_connection}. */
    final boolean trackRemovedServices;
    /** Expected connections (Zeek's {@code Analyzer::schedule_analyzer}), oldest first. */
    private final List<Scheduled> scheduled = new ArrayList<>();

    /**
     * One expected connection: {@code orig} null matches any originator. Mutable timeout, as
     * Zeek re-scheduling the same analyzer for the same key only extends it.
     */
    private static final class Scheduled {
        final byte[] orig, resp;
        final int respPort;
        final Active analyzer;
        double timeout;

        Scheduled(byte[] orig, byte[] resp, int respPort, Active analyzer, double timeout) {
            this.orig = orig;
            this.resp = resp;
            this.respPort = respPort;
            this.analyzer = analyzer;
            this.timeout = timeout;
        }

        boolean matches(byte[] o, byte[] r, int port) {
            return port == respPort && Arrays.equals(r, resp) && (orig == null || Arrays.equals(o, orig));
        }
    }
    private final LogStream<DpdLogEntry> dpdLog;
    /** {@code DPD::ignore_violations}: names of the analyzers whose violations change nothing. */
    private final Set<String> ignoreViolations;

    public Dpd(RunContext run, List<Protocol> protocols) {
        for (Protocol p : protocols) {
            if (!run.loads(p.script())) continue;
            boolean tcp = p.transports().contains(Protocol.Transport.TCP);
            boolean udp = p.transports().contains(Protocol.Transport.UDP);
            var a = new Active(p, p.start(run), tcp ? p.probe(Protocol.Transport.TCP) : null,
                    udp ? p.probe(Protocol.Transport.UDP) : null);
            active.add(a);
            if (tcp) for (int port : p.tcpPorts()) tcpPorts.computeIfAbsent(port, k -> new ArrayList<>()).add(a);
            if (udp) for (int port : p.udpPorts()) udpPorts.computeIfAbsent(port, k -> new ArrayList<>()).add(a);
            if (a.tcpProbe() != null) tcpProbed.add(a);
            if (a.udpProbe() != null) udpProbed.add(a);
        }
        boolean track = false;
        for (var r : run.config().invocation().redefs()) {
            if (r.name().equals("DPD::track_removed_services_in_connection")) track = r.value().strip().equals("T");
        }
        trackRemovedServices = track;
        var ignored = new HashSet<String>();
        for (Active a : active) if (a.protocol().ignoresViolations()) ignored.add(a.protocol().name());
        ignoreViolations = run.config().ignoreViolations(ignored);
        analyzerLog = run.loads("base/frameworks/analyzer/logging")
                ? run.log("analyzer", AnalyzerLogEntry.class) : null;
        dpdLog = run.loads("policy/frameworks/analyzer/deprecated-dpd-log")
                ? run.log("dpd", DpdLogEntry.class) : null;
    }

    /** True when {@code DPD::ignore_violations} holds the protocol (its script's default or a redef). */
    boolean ignoresViolations(Protocol p) {
        return ignoreViolations.contains(p.name());
    }

    /** The active protocol called {@code name} (Zeek's analyzer name, any case), or null when not loaded. */
    Active byName(String name) {
        for (Active a : active) if (a.protocol().name().equalsIgnoreCase(name)) return a;
        return null;
    }

    /** The protocols with a TCP signature, for a detector below another analyzer. */
    List<Active> tcpProbed() {
        return tcpProbed;
    }

    /** True when no protocol is active: connections need no analyzers at all. */
    public boolean isEmpty() {
        return active.isEmpty();
    }

    /**
     * The analyzers of a new connection (after its roles are settled), or null when none can
     * ever run on it. Port analyzers are created now, as Zeek does at connection creation;
     * a connection that was expected ({@link #schedule}) gets the scheduled analyzers instead of
     * the port ones (Zeek's {@code BuildSessionAnalyzerTree}), detection still runs.
     */
    public ConnAnalyzers attach(Connection c) {
        boolean tcp = c.ipProto == 6;
        if (!tcp && c.ipProto != 17) return null;
        List<Active> byPort = (tcp ? tcpPorts : udpPorts).getOrDefault(c.respPort, List.of());
        List<Active> expected = tcp ? expected(c) : List.of();
        List<Active> probed = tcp ? tcpProbed : udpProbed;
        if (byPort.isEmpty() && probed.isEmpty() && expected.isEmpty()) return null;
        var set = new ConnAnalyzers(this, c, tcp, probed);
        for (Active a : expected.isEmpty() ? byPort : expected) set.start(a);
        c.removalHook = set;
        return set;
    }

    /**
     * Zeek's {@code Analyzer::schedule_analyzer} for TCP: a later connection from {@code orig}
     * (null: any) to {@code resp}:{@code respPort} starts {@code protocol}'s analyzer, made by
     * {@code instance}, until network time passes {@code now + timeout}. Scheduling the same
     * protocol for the same endpoints again only extends the timeout. Entries are not consumed
     * by a match; like Zeek's manager they expire only when a later call finds them timed out.
     */
    void schedule(byte[] orig, byte[] resp, int respPort, Protocol protocol, Protocol.Instance instance,
                  double now, double timeout) {
        scheduled.removeIf(s -> s.timeout <= now);
        double expiry = now + timeout;
        for (Scheduled s : scheduled) {
            if (Arrays.equals(orig, s.orig) && s.respPort == respPort && Arrays.equals(resp, s.resp)
                    && s.analyzer.protocol() == protocol) {
                s.timeout = Math.max(s.timeout, expiry);
                return;
            }
        }
        scheduled.add(new Scheduled(orig == null ? null : orig.clone(), resp.clone(), respPort,
                new Active(protocol, instance, null, null), expiry));
    }

    /** Zeek's {@code GetScheduled}: an exact match counts as is, a wildcard one only before its timeout. */
    private List<Active> expected(Connection c) {
        if (scheduled.isEmpty()) return List.of();
        List<Active> out = new ArrayList<>(1);
        double now = c.table().timers().now();
        for (Scheduled s : scheduled) {
            if (!s.matches(c.origAddr, c.respAddr, c.respPort)) continue;
            if (s.orig == null && s.timeout <= now) continue;
            if (!out.contains(s.analyzer)) out.add(s.analyzer);
        }
        return out;
    }

    /**
     * deprecated-dpd-log.zeek: the first violation of a confirmed analyzer, written whether or not
     * DPD then disables it (its handler runs before dpd.zeek's); the data, cut to 40 bytes with an
     * ellipsis, goes into the reason in brackets ({@code fmt("%s [%s%s]", …)}).
     */
    void logDpd(Session s, String reason, byte[] data, int off, int len) {
        if (dpdLog == null) return;
        byte[] text = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (data != null) {
            int n = Math.min(len, FAILURE_DATA_MAX);
            var b = new java.io.ByteArrayOutputStream(text.length + n + 6);
            b.writeBytes(text);
            b.writeBytes(" [".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            b.write(data, off, n);
            b.writeBytes((len > FAILURE_DATA_MAX ? "...]" : "]").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            text = b.toByteArray();
        }
        Connection c = s.conn();
        dpdLog.write(new DpdLogEntry(s.now(), c.uid(), c.id(), c.protoName(), s.protocol.name(), text));
    }

    void logFailure(Session s, String reason, byte[] data, int off, int len) {
        if (analyzerLog == null) return;
        Connection c = s.conn();
        byte[] failureData = null;
        if (data != null) {
            int n = Math.min(len, FAILURE_DATA_MAX);
            failureData = Arrays.copyOfRange(data, off, off + n);
        }
        analyzerLog.write(new AnalyzerLogEntry(s.now(), "protocol", s.protocol.name(), c.uid(), null,
                c.id(),
                c.protoName(), reason, failureData));
    }
}
