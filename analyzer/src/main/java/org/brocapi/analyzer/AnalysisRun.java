package org.brocapi.analyzer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.brocapi.analyzer.conn.CommunityId;
import org.brocapi.analyzer.conn.ConnLogEntry;
import org.brocapi.analyzer.conn.ConnLogger;
import org.brocapi.analyzer.conn.ConnTable;
import org.brocapi.analyzer.conn.ConnTracker;
import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.conn.IcmpTransport;
import org.brocapi.analyzer.conn.Transport;
import org.brocapi.analyzer.conn.Uid;
import org.brocapi.analyzer.conn.UdpTransport;
import org.brocapi.analyzer.conn.UnknownIpTransport;
import org.brocapi.analyzer.files.FileManager;
import org.brocapi.analyzer.log.LogOptions;
import org.brocapi.analyzer.log.LogOutput;
import org.brocapi.analyzer.log.LogSchema;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.packet.Packet;
import org.brocapi.analyzer.packet.PacketDecoder;
import org.brocapi.analyzer.pcap.CapturedPacket;
import org.brocapi.analyzer.pcap.PacketSource;
import org.brocapi.analyzer.protocol.ConnAnalyzers;
import org.brocapi.analyzer.protocol.Dpd;
import org.brocapi.analyzer.protocol.Protocols;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.script.ScriptConfig;
import org.brocapi.analyzer.tcp.StreamSink;
import org.brocapi.analyzer.tcp.TcpSession;
import org.brocapi.analyzer.weird.WeirdLog;
import org.brocapi.analyzer.weird.WeirdLogEntry;
import org.brocapi.analyzer.tunnel.TunnelDecoder;
import org.brocapi.analyzer.tunnel.TunnelLogEntry;
import org.brocapi.analyzer.tunnel.TunnelLogger;

/**
 * One analysis: the stages wired for one capture, run on the calling thread.
 *
 * <pre>
 *   PacketSource ─▶ TimerQueue.advance ─▶ TunnelDecoder ─▶ PacketDecoder ─▶ ConnTracker ─▶ Transport (TCP/UDP/ICMP/other)
 *                                              ▲  inner packets (IP-in-IP, GRE, UDP tunnels)   │        │
 *                                              └───────────────────────────────────────────────┘        │
 *                                                          ConnTable ◀── timers, reuse, end of input
 *                                                               │
 *                                                          ConnLogger ─▶ LogOutput (conn.log)
 *
 *   Transport (TCP stream / UDP datagrams) ─▶ ConnAnalyzers (port analyzers + Dpd probes) ─▶ protocol logs
 *                                                                              │ file contents
 *                                                                         FileManager ─▶ files.log
 * </pre>
 */
final class AnalysisRun implements ConnTracker.Transports {
    private final ScriptConfig config;
    private final LogOutput logs;
    private final ConnTracker tracker;
    private final WeirdLog weirds;
    private final Dpd dpd;
    private final TunnelDecoder tunnels;
    private final FileManager files;
    private long packets;

    AnalysisRun(ScriptConfig config, Path outDir, Uid uids, boolean jsonOverride) {
        this.config = config;
        var logOptions = LogOptions.defaults()
                .withJson(config.json() || jsonOverride)
                .withScopeSep(config.scopeSep())
                .withFieldNameMap(config.fieldNameMap());
        this.logs = new LogOutput(outDir, logOptions);
        var decoder = new PacketDecoder(!config.policy().ignoreChecksums());
        ConnLogger connLogger = config.connLog()
                ? new ConnLogger(logs.stream("conn", LogSchema.deferred(ConnLogEntry.class, config.connFeatures()))::write,
                        config.localNets(), config.connFeatures().contains("mac-logging"))
                : null;
        TunnelLogger tunnelLogger = config.tunnelLog()
                ? new TunnelLogger(logs.stream("tunnel", LogSchema.deferred(TunnelLogEntry.class, Set.of()))::write) : null;
        // removal-hooks.zeek's connection_state_remove handler builds every connection's script value
        boolean removalHandled = config.invocation().loads("base/protocols/conn/removal-hooks");
        var table = new ConnTable(new Listener(connLogger, tunnelLogger, removalHandled));
        if (tunnelLogger != null) tunnelLogger.attach(table);
        if (config.weirdLog()) {
            LogStream<WeirdLogEntry> weird = logs.stream("weird", LogSchema.deferred(WeirdLogEntry.class, Set.of()));
            weirds = new WeirdLog(weird::write, () -> table.timers().now());
        } else {
            weirds = null;
        }
        var run = new RunContext(config, logs, table.timers(), uids,
                tunnelLogger != null ? tunnelLogger::register : e -> { });
        this.files = run.files();
        this.dpd = new Dpd(run, Protocols.ALL);
        CommunityId communityId = config.connFeatures().contains("community-id-logging")
                ? new CommunityId(config.communityIdSeed()) : null;
        // a new_connection handler (conn or tunnels framework) builds the script value, drawing the uid
        boolean newConnectionHandled = config.connLog() || config.tunnelLog();
        this.tracker = new ConnTracker(table, this, uids::next, newConnectionHandled, communityId);
        var tunnelPolicy = config.tunnelPolicy();
        tracker.tunnels(tunnelLogger, newConnectionHandled, tunnelPolicy.maxChangesPerConnection());
        this.tunnels = new TunnelDecoder(decoder, tracker, tunnelPolicy, uids::next, this::packetWeird);
    }

    /** Reads the whole source; returns packets read. */
    long run(PacketSource source, AnalysisOptions.Progress progress) throws IOException {
        long lastReport = 0;
        ConnTable table = tracker.table();
        for (CapturedPacket cp; (cp = source.next()) != null; ) {
            packets++;
            // Zeek moves network time and runs due timers before it looks at the packet
            table.timers().advance(cp.ts);
            tunnels.packet(cp); // decode, track, decapsulate
            if ((packets & 0x3ff) == 0) {
                long read = source.bytesRead();
                if (read - lastReport >= 1 << 20) {
                    progress.bytesRead(read);
                    lastReport = read;
                }
            }
        }
        progress.bytesRead(source.bytesRead());
        table.finish();
        // Zeek's terminate_zeek runs file_mgr->Terminate() after the connections were flushed
        files.finish();
        return packets;
    }

    /**
     * A weird of the packet layers (session::Manager::Weird): between the packet's addresses once
     * IP.cc accepted its header ({@code flow_weird}), without addresses before ({@code net_weird});
     * {@code source} names the packet analyzer that raised it.
     */
    private void packetWeird(String name, Packet p, String addl, boolean flow, String source) {
        if (weirds == null || name == null) return;
        if (flow && p.ipVersion != 0) weirds.flow(p.src, p.dst, name, addl, source);
        else weirds.net(name, addl, source);
    }

    /**
     * Connection events from the table, in Zeek's order at removal: conn.log's row, then the
     * tunnels framework's finalize hook, then the tunnel analyzers forget the connection.
     */
    private final class Listener implements ConnTable.Listener {
        private final ConnLogger conn;
        private final TunnelLogger tunnel;

        private final boolean removalHandled;

        Listener(ConnLogger conn, TunnelLogger tunnel, boolean removalHandled) {
            this.conn = conn;
            this.tunnel = tunnel;
            this.removalHandled = removalHandled;
        }

        @Override
        public void removed(Connection c) {
            if (removalHandled) c.uid(); // the value built for connection_state_remove draws the uid
            if (conn != null) conn.removed(c);
            if (tunnel != null) tunnel.removed(c);
            tunnels.removed(c);
        }

        @Override
        public void flipped(Connection c) {
            if (conn != null) conn.flipped(c);
        }

        @Override
        public void weird(Connection c, String name, String addl, String source) {
            if (weirds != null) weirds.conn(c, name, addl, source);
        }
    }

    Map<String, Long> close() {
        return new LinkedHashMap<>(logs.close());
    }

    // --- ConnTracker.Transports ---------------------------------------------------------------

    /** Zeek's {@code WantConnection}: guess the true originator from likely server ports. */
    @Override
    public boolean flip(Packet first, int srcPort, int dstPort) {
        switch (first.proto) {
            case Packet.TCP -> {
                int f = first.tcpFlags;
                boolean syn = (f & Packet.SYN) != 0, ack = (f & Packet.ACK) != 0;
                if (syn && !ack) return false; // a proper SYN: the sender is the originator
                if (!config.isLikelyServerPort(srcPort, Packet.TCP)) return false;
                // both plausible: flip only if this isn't a SYN-ACK (stealth scans) and the
                // destination port is higher (Zeek compares the numbers, favouring low server ports)
                if (config.isLikelyServerPort(dstPort, Packet.TCP)) return !syn && srcPort < dstPort;
                return true;
            }
            case Packet.UDP -> {
                return config.isLikelyServerPort(srcPort, Packet.UDP) && !config.isLikelyServerPort(dstPort, Packet.UDP);
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    public Transport create(Connection c) {
        var policy = config.policy();
        ConnAnalyzers apps = dpd.attach(c);
        return switch (c.ipProto) {
            case Packet.TCP -> new TcpSession(c, policy, apps != null ? apps : StreamSink.NONE,
                    (conn, isOrig, len) -> conn.missedBytes += len);
            case Packet.UDP -> apps != null ? new UdpTransport(c, policy, apps) : new UdpTransport(c, policy);
            case Packet.ICMP, Packet.ICMP6 -> new IcmpTransport(c, policy);
            default -> new UnknownIpTransport(c, policy);
        };
    }
}
