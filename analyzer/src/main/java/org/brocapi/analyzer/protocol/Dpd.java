package org.brocapi.analyzer.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.brocapi.analyzer.conn.ConnId;
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

    record Active(Protocol protocol, Protocol.Instance instance, Probe tcpProbe, Probe udpProbe) { }

    private final List<Active> active = new ArrayList<>();
    private final Map<Integer, List<Active>> tcpPorts = new HashMap<>(), udpPorts = new HashMap<>();
    private final List<Active> tcpProbed = new ArrayList<>(), udpProbed = new ArrayList<>();
    private final LogStream<AnalyzerLogEntry> analyzerLog;
    private final LogStream<DpdLogEntry> dpdLog;

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
        analyzerLog = run.loads("base/frameworks/analyzer/logging")
                ? run.log("analyzer", AnalyzerLogEntry.class) : null;
        dpdLog = run.loads("policy/frameworks/analyzer/deprecated-dpd-log")
                ? run.log("dpd", DpdLogEntry.class) : null;
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
     * ever run on it. Port analyzers are created now, as Zeek does at connection creation.
     */
    public ConnAnalyzers attach(Connection c) {
        boolean tcp = c.ipProto == 6;
        if (!tcp && c.ipProto != 17) return null;
        List<Active> byPort = (tcp ? tcpPorts : udpPorts).getOrDefault(c.respPort, List.of());
        List<Active> probed = tcp ? tcpProbed : udpProbed;
        if (byPort.isEmpty() && probed.isEmpty()) return null;
        var set = new ConnAnalyzers(this, c, tcp, probed);
        for (Active a : byPort) set.start(a);
        c.removalHook = set;
        return set;
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
        dpdLog.write(new DpdLogEntry(s.now(), c.uid(), new ConnId(c.origAddr.clone(), c.origPort, c.respAddr.clone(),
                c.respPort), c.protoName(), s.protocol.name(), text));
    }

    void logFailure(Session s, String reason, byte[] data, int off, int len) {
        if (analyzerLog == null) return;
        Connection c = s.conn();
        byte[] failureData = null;
        if (data != null) {
            int n = Math.min(len, FAILURE_DATA_MAX);
            failureData = java.util.Arrays.copyOfRange(data, off, off + n);
        }
        analyzerLog.write(new AnalyzerLogEntry(s.now(), "protocol", s.protocol.name(), c.uid(), null,
                new ConnId(c.origAddr.clone(), c.origPort, c.respAddr.clone(), c.respPort),
                c.protoName(), reason, failureData));
    }
}
