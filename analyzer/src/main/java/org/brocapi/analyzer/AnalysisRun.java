package org.brocapi.analyzer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
import org.brocapi.analyzer.log.LogOptions;
import org.brocapi.analyzer.log.LogOutput;
import org.brocapi.analyzer.log.LogSchema;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.packet.Packet;
import org.brocapi.analyzer.packet.PacketDecoder;
import org.brocapi.analyzer.pcap.CapturedPacket;
import org.brocapi.analyzer.pcap.PacketSource;
import org.brocapi.analyzer.script.ScriptConfig;
import org.brocapi.analyzer.tcp.StreamSink;
import org.brocapi.analyzer.tcp.TcpSession;
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
 * </pre>
 */
final class AnalysisRun implements ConnTracker.Transports {
    private final ScriptConfig config;
    private final LogOutput logs;
    private final ConnTracker tracker;
    private final TunnelDecoder tunnels;
    private long packets;

    AnalysisRun(ScriptConfig config, Path outDir, Uid uids, boolean jsonOverride) {
        this.config = config;
        var logOptions = LogOptions.defaults()
                .withJson(config.json() || jsonOverride)
                .withScopeSep(config.scopeSep())
                .withFieldNameMap(config.fieldNameMap());
        this.logs = new LogOutput(outDir, logOptions);
        var decoder = new PacketDecoder(!config.policy().ignoreChecksums());
        ConnTable.Listener connLogger;
        if (config.connLog()) {
            LogStream<ConnLogEntry> conn = logs.stream("conn", LogSchema.of(ConnLogEntry.class, config.connFeatures()));
            connLogger = new ConnLogger(conn::write, config.localNets());
        } else {
            connLogger = c -> { };
        }
        TunnelLogger tunnelLogger = config.tunnelLog()
                ? new TunnelLogger(logs.stream("tunnel", LogSchema.of(TunnelLogEntry.class))::write) : null;
        TunnelDecoder[] tunnelDecoder = new TunnelDecoder[1];
        // removal: conn.log's row, then the tunnels framework's finalize_tunnel hook, then tunnel state
        var listener = new ConnTable.Listener() {
            @Override
            public void removed(Connection c) {
                connLogger.removed(c);
                if (tunnelLogger != null) tunnelLogger.removed(c);
                tunnelDecoder[0].removed(c);
            }

            @Override
            public void flipped(Connection c) {
                connLogger.flipped(c);
            }

            @Override
            public void weird(Connection c, String name, String addl) {
                connLogger.weird(c, name, addl);
            }
        };
        var table = new ConnTable(listener);
        if (tunnelLogger != null) tunnelLogger.attach(table);
        CommunityId communityId = config.connFeatures().contains("community-id-logging")
                ? new CommunityId(config.communityIdSeed()) : null;
        // a new_connection handler (conn or tunnels framework) builds the script value, drawing the uid
        boolean newConnectionHandled = config.connLog() || config.tunnelLog();
        this.tracker = new ConnTracker(table, this, uids::next, newConnectionHandled, communityId);
        var tunnelPolicy = config.tunnelPolicy();
        tracker.tunnels(tunnelLogger, newConnectionHandled, tunnelPolicy.maxChangesPerConnection());
        this.tunnels = new TunnelDecoder(decoder, tracker, tunnelPolicy, uids::next, null);
        tunnelDecoder[0] = tunnels;
    }

    /** Reads the whole source; returns packets read. */
    long run(PacketSource source, AnalysisOptions.Progress progress) throws IOException {
        long lastReport = 0;
        ConnTable table = tracker.table();
        for (CapturedPacket cp; (cp = source.next()) != null; ) {
            packets++;
            // Zeek moves network time and runs due timers before it looks at the packet
            table.timers().advance(cp.ts);
            tunnels.packet(cp); // decode, track, decapsulate (packet-level weirds: no weird.log yet)
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
        return packets;
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
        return switch (c.ipProto) {
            case Packet.TCP -> new TcpSession(c, policy, StreamSink.NONE, (conn, isOrig, len) -> conn.missedBytes += len);
            case Packet.UDP -> new UdpTransport(c, policy);
            case Packet.ICMP, Packet.ICMP6 -> new IcmpTransport(c, policy);
            default -> new UnknownIpTransport(c, policy);
        };
    }

    static void warn(PrintStream err, ScriptConfig config) {
        for (String w : config.warnings()) err.println("brocapi: warning: " + w);
    }
}
