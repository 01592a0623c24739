package org.brocapi.analyzer.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.brocapi.analyzer.bytes.CappedBytes;
import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.conn.DatagramSink;
import org.brocapi.analyzer.conn.RemovalHook;
import org.brocapi.analyzer.tcp.StreamSink;

/**
 * The application analyzers of one connection and its protocol detector (Zeek's analyzer tree
 * under the session adapter, with the PIA as last child). Data goes first to the running
 * analyzers in start order, then to detection: while fewer than {@link Dpd#BUFFER_SIZE} bytes
 * were seen, each chunk is buffered and the probes of the protocols not yet running are tried on
 * the per-direction prefixes; a match starts that analyzer and replays the buffer to it, in
 * arrival order, as Zeek's {@code PIA::ActivateAnalyzer} does. A content gap ends detection.
 */
public final class ConnAnalyzers implements StreamSink, DatagramSink, RemovalHook {
    private record Chunk(Direction dir, byte[] data) { }

    private record Running(Session session, StreamAnalyzer stream, DatagramAnalyzer datagram) { }

    final Dpd dpd;
    final Connection conn;
    private final boolean tcp;
    private final List<Running> running = new ArrayList<>(2);
    /** Analyzers started by other analyzers ({@link Session#startChild}); fed by their parent only. */
    private List<Running> children;
    /** Detectors started by analyzers ({@link Session#startDetector}), ended with the connection. */
    private List<ConnAnalyzers> detectors;
    /** Script-level removal hooks ({@link Session#addRemovalHook}), run after the analyzers end. */
    private List<Runnable> removalHooks;
    /** Analyzer names that failed after confirmation ({@code c$failed_analyzers}). */
    private final Set<String> failed = new LinkedHashSet<>();
    /** Analyzers already in dpd.log for this connection ({@code c$service_violation}). */
    private Set<String> dpdReported;
    private final List<Dpd.Active> candidates;
    private List<Chunk> buffer;
    private int buffered;
    private static final byte[] NO_BYTES = new byte[0];
    private byte[] origPrefix, respPrefix;
    private int origLen, respLen;

    ConnAnalyzers(Dpd dpd, Connection conn, boolean tcp, List<Dpd.Active> probed) {
        this.dpd = dpd;
        this.conn = conn;
        this.tcp = tcp;
        this.candidates = new ArrayList<>(probed);
        boolean detect = !probed.isEmpty();
        this.buffer = detect ? new ArrayList<>() : null;
        // the prefixes grow with the data: most connections are recognised after a few hundred bytes
        this.origPrefix = detect ? NO_BYTES : null;
        this.respPrefix = detect ? NO_BYTES : null;
    }

    void start(Dpd.Active a) {
        candidates.remove(a);
        var s = new Session(this, a.protocol());
        if (tcp) running.add(new Running(s, a.instance().stream(s), null));
        else running.add(new Running(s, null, a.instance().datagram(s)));
    }

    /**
     * Zeek's {@code AddChildAnalyzer}: a new analyzer for protocol {@code name} that sees only what
     * its parent forwards (STARTTLS hands the rest of the stream to SSL). Null when that protocol
     * is not loaded or has no stream analyzer.
     */
    StreamAnalyzer startChild(String name) {
        return child(name, false);
    }

    /** {@link Session#instantiate}: a child outside the tree, which violations cannot disable. */
    StreamAnalyzer instantiate(String name) {
        return child(name, true);
    }

    private StreamAnalyzer child(String name, boolean detached) {
        Dpd.Active a = dpd.byName(name);
        if (a == null || !a.protocol().transports().contains(Protocol.Transport.TCP)) return null;
        var s = new Session(this, a.protocol());
        s.detached = detached;
        StreamAnalyzer inner = a.instance().stream(s);
        if (children == null) children = new ArrayList<>(1);
        children.add(new Running(s, inner, null));
        // outside the tree nothing can disable it: the caller may use the analyzer's own type
        if (detached) return inner;
        return new StreamAnalyzer() {
            @Override
            public void data(Direction dir, byte[] buf, int off, int len) {
                if (!s.disabled) inner.data(dir, buf, off, len);
            }

            @Override
            public void gap(Direction dir, long len) {
                if (!s.disabled) inner.gap(dir, len);
            }
        };
    }

    /**
     * Zeek's PIA added as a child (HTTP CONNECT tunnels): content detection over the bytes the
     * parent forwards, starting whichever signature matches, as at connection start.
     */
    StreamAnalyzer startDetector() {
        var nested = new ConnAnalyzers(dpd, conn, true, dpd.tcpProbed());
        if (detectors == null) detectors = new ArrayList<>(1);
        detectors.add(nested);
        return new StreamAnalyzer() {
            @Override
            public void data(Direction dir, byte[] buf, int off, int len) {
                nested.data(dir.isOrig(), 0, buf, off, len);
            }

            @Override
            public void gap(Direction dir, long len) {
                nested.gap(dir.isOrig(), 0, len);
            }
        };
    }

    private boolean isRunning(Protocol p) {
        for (Running r : running) if (r.session.protocol == p) return true;
        return false;
    }

    // --- StreamSink (TCP) ----------------------------------------------------------------------

    @Override
    public void data(boolean isOrig, long seq, byte[] buf, int off, int len) {
        Direction dir = Direction.of(isOrig);
        for (int i = 0; i < running.size(); i++) {
            Running r = running.get(i);
            if (!r.session.disabled) r.stream.data(dir, buf, off, len);
        }
        detect(dir, buf, off, len);
    }

    @Override
    public void gap(boolean isOrig, long seq, long len) {
        Direction dir = Direction.of(isOrig);
        for (int i = 0; i < running.size(); i++) {
            Running r = running.get(i);
            if (!r.session.disabled) r.stream.gap(dir, len);
        }
        // Zeek's PIA stops buffering at a gap: a replay would be incomplete
        buffer = null;
        origPrefix = respPrefix = null;
    }

    // --- DatagramSink (UDP) --------------------------------------------------------------------

    @Override
    public void datagram(boolean isOrig, byte[] buf, int off, int len) {
        Direction dir = Direction.of(isOrig);
        for (int i = 0; i < running.size(); i++) {
            Running r = running.get(i);
            if (!r.session.disabled) r.datagram.datagram(dir, buf, off, len);
        }
        detect(dir, buf, off, len);
    }

    // --- removal -------------------------------------------------------------------------------

    @Override
    public void removed(Connection c) {
        for (Running r : running) {
            if (r.session.disabled) continue;
            if (tcp) r.stream.end();
            else r.datagram.end();
        }
        if (children != null) for (Running r : children) if (!r.session.disabled) r.stream.end();
        if (detectors != null) for (ConnAnalyzers d : detectors) d.removed(c);
        if (removalHooks != null) for (Runnable r : removalHooks) r.run();
    }

    void addRemovalHook(Runnable hook) {
        if (removalHooks == null) removalHooks = new ArrayList<>(1);
        removalHooks.add(hook);
    }

    // --- detection (PIA) -----------------------------------------------------------------------

    private void detect(Direction dir, byte[] buf, int off, int len) {
        if (buffer == null || candidates.isEmpty() || len == 0) return;
        if (buffered >= Dpd.BUFFER_SIZE) {
            buffer = null; // detection is over for this connection: let the buffers go
            origPrefix = respPrefix = null;
            return;
        }
        buffer.add(new Chunk(dir, Arrays.copyOfRange(buf, off, off + len)));
        buffered += len;
        if (dir.isOrig()) {
            origPrefix = CappedBytes.append(origPrefix, origLen, buf, off, len, Dpd.BUFFER_SIZE, 64);
            origLen = Math.min(Dpd.BUFFER_SIZE, origLen + len);
        } else {
            respPrefix = CappedBytes.append(respPrefix, respLen, buf, off, len, Dpd.BUFFER_SIZE, 64);
            respLen = Math.min(Dpd.BUFFER_SIZE, respLen + len);
        }
        var orig = new Probe.Prefix(origPrefix, origLen);
        var resp = new Probe.Prefix(respPrefix, respLen);
        for (Dpd.Active a : List.copyOf(candidates)) {
            Probe probe = tcp ? a.tcpProbe() : a.udpProbe();
            if (isRunning(a.protocol()) || !probe.matches(orig, resp)) continue;
            start(a);
            Running r = running.get(running.size() - 1);
            for (Chunk ch : List.copyOf(buffer)) {
                if (r.session.disabled) break;
                if (tcp) r.stream.data(ch.dir, ch.data, 0, ch.data.length);
                else r.datagram.datagram(ch.dir, ch.data, 0, ch.data.length);
            }
        }
    }

    // --- violations ----------------------------------------------------------------------------

    void violation(Session s, String reason, byte[] data, int off, int len) {
        if (s.disabled) return;
        String analyzer = s.protocol.name();
        if (conn.services.contains(analyzer)) {
            if (dpdReported == null) dpdReported = new LinkedHashSet<>(2);
            if (dpdReported.add(analyzer)) dpd.logDpd(s, reason, data, off, len);
        }
        if (dpd.ignoresViolations(s.protocol)) return;
        long size = conn.transport.size(true) + conn.transport.size(false);
        if (size > Dpd.IGNORE_VIOLATIONS_AFTER) return;
        if (!s.detached) s.disabled = true;
        String name = s.protocol.name();
        if (!conn.services.contains(name)) return;
        // analyzer_failed handlers: analyzer.log and failed_service only for a service not failed before
        if (!failed.contains(name)) {
            dpd.logFailure(s, reason, data, off, len);
            conn.failedServices.add(name.toLowerCase(java.util.Locale.ROOT));
        }
        failed.add(name);
        // DPD::track_removed_services_in_connection keeps the service and adds "-name"
        if (dpd.trackRemovedServices) conn.services.add("-" + name);
        else conn.services.remove(name);
    }
}
