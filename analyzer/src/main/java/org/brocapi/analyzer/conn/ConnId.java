package org.brocapi.analyzer.conn;

import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/**
 * Zeek's {@code conn_id}: the connection's endpoints, originator first. Addresses are 16 bytes,
 * IPv4 in v4-mapped form.
 */
public record ConnId(
        /* The originator's IP address. */
        @Column(type = ZeekType.ADDR) byte[] origH,
        /* The originator's port (ICMP: the message type). */
        @Column(type = ZeekType.PORT) int origP,
        /* The responder's IP address. */
        @Column(type = ZeekType.ADDR) byte[] respH,
        /* The responder's port (ICMP: the counterpart type or code). */
        @Column(type = ZeekType.PORT) int respP) {
}
