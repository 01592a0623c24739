package org.brocapi.analyzer.protocol.ntlm;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of ntlm.log (Zeek's {@code NTLM::Info}), columns in Zeek's order. */
public record NtlmLogEntry(
        /* Timestamp for when the event happened. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID for the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* Username given by the client. */
        byte[] username,
        /* Hostname given by the client. */
        byte[] hostname,
        /* Domainname given by the client. */
        byte[] domainname,
        /* NetBIOS name given by the server in a CHALLENGE. */
        byte[] serverNbComputerName,
        /* DNS name given by the server in a CHALLENGE. */
        byte[] serverDnsComputerName,
        /* Tree name given by the server in a CHALLENGE. */
        byte[] serverTreeName,
        /* Indicate whether or not the authentication was successful. */
        Boolean success) {
}
