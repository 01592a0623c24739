package org.brocapi.analyzer.protocol.quic;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of quic.log (Zeek's {@code QUIC::Info}), columns in Zeek's order. */
public record QuicLogEntry(
        /* Timestamp of first QUIC packet for this entry. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID for the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* QUIC version as found in the first INITIAL packet from the client. */
        String version,
        /* First Destination Connection ID used by client (hex); random, used for Initial keys. */
        String clientInitialDcid,
        /* Client's Source Connection ID from the first INITIAL packet (hex). */
        String clientScid,
        /* Server chosen Connection ID usually from server's first INITIAL packet (hex). */
        String serverScid,
        /* Server name extracted from SNI extension in ClientHello packet if available. */
        String serverName,
        /* First protocol extracted from ALPN extension in ClientHello packet if available. */
        String clientProtocol,
        /* QUIC history: one letter per packet kind or event, upper case from the client. */
        String history) {
}
