package org.brocapi.analyzer.conn;

import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Builds conn.log rows when connections are removed, as base/protocols/conn/main.zeek does in
 * {@code set_conn} and {@code conn_state} at {@code connection_state_remove}.
 */
public final class ConnLogger implements ConnTable.Listener {
    private final Consumer<ConnLogEntry> out;
    private final LocalNets localNets;

    private final boolean macs;

    /** @param macs whether conn.log has the mac-logging columns (only then are they formatted) */
    public ConnLogger(Consumer<ConnLogEntry> out, LocalNets localNets, boolean macs) {
        this.out = out;
        this.localNets = localNets;
        this.macs = macs;
    }

    public ConnLogger(Consumer<ConnLogEntry> out, LocalNets localNets) {
        this(out, localNets, true);
    }

    @Override
    public void removed(Connection c) {
        out.accept(entry(c));
    }

    @Override
    public void flipped(Connection c) {
        c.flippedLater = true;
    }

    ConnLogEntry entry(Connection c) {
        Transport tr = c.transport;
        double duration = c.lastTime - c.startTime;
        boolean hasDuration = duration > 0;
        Boolean localOrig = null, localResp = null;
        if (!localNets.isEmpty() || c.flippedLater) {
            localOrig = localNets.contains(c.origAddr);
            localResp = localNets.contains(c.respAddr);
        }
        String history = c.history();
        String service = c.services.isEmpty() ? null : String.join(",", c.services).toLowerCase(java.util.Locale.ROOT);
        return new ConnLogEntry(
                c.startTime, c.uid(),
                c.id(),
                c.protoName(), service,
                hasDuration ? duration : null,
                hasDuration ? tr.size(true) : null,
                hasDuration ? tr.size(false) : null,
                connState(c, history),
                localOrig, localResp,
                c.missedBytes,
                history.isEmpty() ? null : history,
                c.origPkts, c.origIpBytes, c.respPkts, c.respIpBytes,
                c.tunnelParents.isEmpty() ? null : new java.util.LinkedHashSet<>(c.tunnelParents),
                (long) c.ipProto,
                macs && c.hasMac && !isZero(c.origMac) ? mac(c.origMac) : null,
                macs && c.hasMac && !isZero(c.respMac) ? mac(c.respMac) : null,
                c.vlan >= 0 ? c.vlan : null,
                c.innerVlan >= 0 ? c.innerVlan : null,
                c.communityId,
                c.pppoeSession >= 0 ? (long) c.pppoeSession : null,
                c.failedServices.isEmpty() ? null : new java.util.LinkedHashSet<>(c.failedServices));
    }

    /** conn_state() of base/protocols/conn/main.zeek. */
    static String connState(Connection c, String history) {
        Transport tr = c.transport;
        EndpointState os = tr.state(true), rs = tr.state(false);
        return switch (c.ipProto) {
            case 6 -> tcpState(os, rs, tr.size(true), tr.size(false), history);
            case 17 -> os == EndpointState.UDP_ACTIVE
                    ? (rs == EndpointState.UDP_ACTIVE ? "SF" : "S0")
                    : (rs == EndpointState.UDP_ACTIVE ? "SHR" : "OTH");
            default -> "OTH";
        };
    }

    private static String tcpState(EndpointState os, EndpointState rs, long origSize, long respSize, String history) {
        boolean oInactive = os == EndpointState.TCP_INACTIVE || os == EndpointState.TCP_PARTIAL;
        boolean rInactive = rs == EndpointState.TCP_INACTIVE || rs == EndpointState.TCP_PARTIAL;
        if (rs == EndpointState.TCP_RESET) {
            if (os == EndpointState.TCP_SYN_SENT || os == EndpointState.TCP_SYN_ACK_SENT
                    || (os == EndpointState.TCP_RESET && origSize == 0 && respSize == 0)) return "REJ";
            return oInactive ? "RSTRH" : "RSTR";
        }
        if (os == EndpointState.TCP_RESET) {
            if (rInactive) return RSTOS0_HISTORY.matcher(history).matches() ? "RSTOS0" : "OTH";
            return "RSTO";
        }
        if (rs == EndpointState.TCP_CLOSED && os == EndpointState.TCP_CLOSED) return "SF";
        if (os == EndpointState.TCP_CLOSED) return rInactive ? "SH" : "S2";
        if (rs == EndpointState.TCP_CLOSED) return oInactive ? "SHR" : "S3";
        if (os == EndpointState.TCP_SYN_SENT && rs == EndpointState.TCP_INACTIVE) return "S0";
        if (os == EndpointState.TCP_ESTABLISHED && rs == EndpointState.TCP_ESTABLISHED) return "S1";
        return "OTH";
    }

    /** {@code /\^?S[^HAFGIQ]*R.*​/}: Zeek's patterns match the whole string. */
    private static final java.util.regex.Pattern RSTOS0_HISTORY = java.util.regex.Pattern.compile("\\^?S[^HAFGIQ]*R.*", java.util.regex.Pattern.DOTALL);

    private static boolean isZero(byte[] mac) {
        for (byte b : mac) if (b != 0) return false;
        return true;
    }

    /** Zeek's {@code fmt_mac}: lower-case hex pairs joined by colons. */
    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    static String mac(byte[] m) {
        return MAC.formatHex(m);
    }
}
