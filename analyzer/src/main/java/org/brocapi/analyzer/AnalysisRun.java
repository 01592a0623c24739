package org.brocapi.analyzer;

import java.io.IOException;
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
import org.brocapi.analyzer.protocol.ConnAnalyzers;
import org.brocapi.analyzer.protocol.Dpd;
import org.brocapi.analyzer.protocol.Protocols;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.script.ScriptConfig;
import org.brocapi.analyzer.tcp.StreamSink;
import org.brocapi.analyzer.tcp.TcpSession;
import org.brocapi.analyzer.weird.WeirdLog;
import org.brocapi.analyzer.weird.WeirdLogEntry;

/**
 * One analysis: the stages wired for one capture, run on the calling thread.
 *
 * <pre>
 *   PacketSource ─▶ PacketDecoder ─▶ TimerQueue.advance ─▶ ConnTracker ─▶ Transport (TCP/UDP/ICMP/other)
 *                                                               │                │
 *                                                          ConnTable ◀── timers, reuse, end of input
 *                                                               │
 *                                                          ConnLogger ─▶ LogOutput (conn.log)
 *
 *   Transport (TCP stream / UDP datagrams) ─▶ ConnAnalyzers (port analyzers + Dpd probes) ─▶ protocol logs
 * </pre>
 */
final class AnalysisRun implements ConnTracker.Transports {
    private final ScriptConfig config;
    private final LogOutput logs;
    private final PacketDecoder decoder;
    private final Packet packet = new Packet();
    private final ConnTracker tracker;
    private final WeirdLog weirds;
    private final Dpd dpd;
    private long packets;

    AnalysisRun(ScriptConfig config, Path outDir, Uid uids, boolean jsonOverride) {
        this.config = config;
        var logOptions = LogOptions.defaults()
                .withJson(config.json() || jsonOverride)
                .withScopeSep(config.scopeSep())
                .withFieldNameMap(config.fieldNameMap());
        this.logs = new LogOutput(outDir, logOptions);
        this.decoder = new PacketDecoder(!config.policy().ignoreChecksums());
        ConnLogger connLogger = null;
        if (config.connLog()) {
            LogStream<ConnLogEntry> conn = logs.stream("conn", LogSchema.of(ConnLogEntry.class, config.connFeatures()));
            connLogger = new ConnLogger(conn::write, config.localNets());
        }
        var table = new ConnTable(new Listener(connLogger));
        if (config.weirdLog()) {
            LogStream<WeirdLogEntry> weird = logs.stream("weird", LogSchema.of(WeirdLogEntry.class));
            weirds = new WeirdLog(weird::write, () -> table.timers().now());
        } else {
            weirds = null;
        }
        this.dpd = new Dpd(new RunContext(config, logs), Protocols.ALL);
        CommunityId communityId = config.connFeatures().contains("community-id-logging")
                ? new CommunityId(config.communityIdSeed()) : null;
        this.tracker = new ConnTracker(table, this, uids::next, config.connLog(), communityId);
    }

    /** Reads the whole source; returns packets read. */
    long run(PacketSource source, AnalysisOptions.Progress progress) throws IOException {
        long lastReport = 0;
        ConnTable table = tracker.table();
        for (CapturedPacket cp; (cp = source.next()) != null; ) {
            packets++;
            // Zeek moves network time and runs due timers before it looks at the packet
            table.timers().advance(cp.ts);
            var result = decoder.decode(cp, packet);
            packetWeirds();
            switch (result) {
                case OK, UNKNOWN_TRANSPORT -> tracker.packet(packet);
                // a bad checksum still reaches the transport (UDP counts it first); a broken header does not
                case CONN_WEIRD -> tracker.packet(packet, !packet.checksumOk);
                case WEIRD -> packetWeird(packet.weird, packet.weirdAddl);
                default -> { } // not IP, or a fragment waiting for the rest of its datagram
            }
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

    /** Weirds the decoder raised on the way that did not stop it (fragment overlaps, …). */
    private void packetWeirds() {
        for (int i = 0; i < packet.packetWeirdCount; i++) packetWeird(packet.packetWeirds[i], packet.packetWeirdAddls[i]);
    }

    /**
     * A weird of the packet layers: Zeek reports it between the packet's addresses once the IP
     * header is known ({@code flow_weird}), and without addresses before ({@code net_weird}).
     */
    private void packetWeird(String name, String addl) {
        if (weirds == null || name == null) return;
        if (packet.ipVersion != 0) weirds.flow(packet.src, packet.dst, name, addl, null);
        else weirds.net(name, addl, null);
    }

    /** Connection events from the table: conn.log rows and connection weirds. */
    private final class Listener implements ConnTable.Listener {
        private final ConnLogger conn;

        Listener(ConnLogger conn) {
            this.conn = conn;
        }

        @Override
        public void removed(Connection c) {
            if (conn != null) conn.removed(c);
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
