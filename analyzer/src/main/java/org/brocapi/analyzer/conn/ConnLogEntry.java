package org.brocapi.analyzer.conn;

import java.util.Set;

import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/**
 * One row of conn.log (Zeek's {@code Conn::Info}), columns in Zeek's order; the last ones exist
 * only when the policy script that adds them is loaded.
 */
public record ConnLogEntry(
        /* Timestamp of the first packet. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique identifier of the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* The transport layer protocol of the connection. */
        @Column(type = ZeekType.ENUM) String proto,
        /* Application protocols found in the connection, in confirmation order. */
        String service,
        /* How long the connection lasted; unset unless longer than zero. */
        @Column(type = ZeekType.INTERVAL) Double duration,
        /* Payload bytes the originator sent (TCP: from sequence numbers). */
        Long origBytes,
        /* Payload bytes the responder sent. */
        Long respBytes,
        /* Connection state (S0, S1, SF, REJ, …). */
        String connState,
        /* Originated locally (Site::local_nets); unset when no local networks are known. */
        Boolean localOrig,
        /* Responded locally. */
        Boolean localResp,
        /* Bytes missed in content gaps. */
        long missedBytes,
        /* State history as letters. */
        String history,
        /* Packets the originator sent. */
        Long origPkts,
        /* IP-level bytes the originator sent. */
        Long origIpBytes,
        /* Packets the responder sent. */
        Long respPkts,
        /* IP-level bytes the responder sent. */
        Long respIpBytes,
        /* Uids of the tunnel connections this one was carried in. */
        @Column(type = ZeekType.SET) Set<String> tunnelParents,
        /* The IP protocol number. */
        Long ipProto,
        /* policy/protocols/conn/mac-logging: the originator's link-layer address. */
        @Column(feature = "mac-logging") String origL2Addr,
        /* policy/protocols/conn/mac-logging: the responder's link-layer address. */
        @Column(feature = "mac-logging") String respL2Addr,
        /* policy/protocols/conn/vlan-logging: the outer VLAN. */
        @Column(type = ZeekType.INT, feature = "vlan-logging") Integer vlan,
        /* policy/protocols/conn/vlan-logging: the inner VLAN. */
        @Column(type = ZeekType.INT, feature = "vlan-logging") Integer innerVlan,
        /* policy/protocols/conn/community-id-logging: the Community ID flow hash. */
        @Column(feature = "community-id-logging") String communityId,
        /* policy/protocols/conn/pppoe-session-id-logging: the PPPoE session id. */
        @Column(feature = "pppoe-session-id-logging") Long pppoeSessionId,
        /* policy/protocols/conn/failed-service-logging: analyzers removed by a violation after confirmation, in order. */
        @Column(type = ZeekType.SET, feature = "failed-service-logging") Set<String> failedService) {
}
