package org.brocapi.analyzer.protocol.ldap;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of ldap.log (Zeek's {@code LDAP::MessageInfo}): an operation other than search. */
public record LdapLogEntry(
        /* Timestamp for when the event happened. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID for the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* Message ID. */
        @Column(type = ZeekType.INT) Long messageId,
        /* LDAP version. */
        @Column(type = ZeekType.INT) Long version,
        /* Normalized operation (e.g., bind_request and bind_response to "bind"). */
        String opcode,
        /* Result code. */
        String result,
        /* Result diagnostic message. */
        String diagnosticMessage,
        /* Object. */
        String object,
        /* Argument. */
        String argument) {
}
