package org.brocapi.analyzer.protocol.websocket;

import java.util.List;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of websocket.log (Zeek's {@code WebSocket::Info}): the handshake of an upgraded connection. */
public record WebSocketLogEntry(
        /* Timestamp. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID for the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* Same as in the HTTP log. */
        byte[] host,
        /* Same as in the HTTP log. */
        byte[] uri,
        /* Same as in the HTTP log. */
        byte[] userAgent,
        /* The WebSocket subprotocol as selected by the server. */
        byte[] subprotocol,
        /* The protocols requested by the client, if any. */
        @Column(type = ZeekType.VECTOR) List<byte[]> clientProtocols,
        /* The extensions selected by the server, if any. */
        @Column(type = ZeekType.VECTOR) List<byte[]> serverExtensions,
        /* The extensions requested by the client, if any. */
        @Column(type = ZeekType.VECTOR) List<byte[]> clientExtensions) {
}
