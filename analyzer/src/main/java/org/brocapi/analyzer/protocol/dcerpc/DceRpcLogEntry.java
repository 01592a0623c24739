package org.brocapi.analyzer.protocol.dcerpc;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of dce_rpc.log (Zeek's {@code DCE_RPC::Info}), columns in Zeek's order. */
public record DceRpcLogEntry(
        /* Timestamp for when the event happened. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID for the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* Round trip time from the request to the response. */
        @Column(type = ZeekType.INTERVAL) Double rtt,
        /* Remote pipe name (the bind_ack's secondary address: a pipe name or a port). */
        byte[] namedPipe,
        /* Endpoint name looked up from the uuid. */
        String endpoint,
        /* Operation seen in the call. */
        String operation) {
}
