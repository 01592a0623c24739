package org.brocapi.analyzer.protocol.dhcp;

import java.util.List;

import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/**
 * One row of dhcp.log (Zeek's {@code DHCP::Info}), columns in Zeek's order; the last three come
 * from policy/protocols/dhcp/sub-opts. Addresses are 4 or 16 bytes.
 */
public record DhcpLogEntry(
        /* The earliest time at which a DHCP message over the associated connection is observed. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique identifiers of the connections carrying this transaction's messages. */
        @Column(type = ZeekType.SET) List<String> uids,
        /* IP address of the client. */
        @Column(type = ZeekType.ADDR) byte[] clientAddr,
        /* IP address of the server that handed out the lease. */
        @Column(type = ZeekType.ADDR) byte[] serverAddr,
        /* The client's hardware address. */
        String mac,
        /* Name given by the client in Option 12. */
        byte[] hostName,
        /* FQDN given by the client in Option 81. */
        byte[] clientFqdn,
        /* Domain given by the server in Option 15. */
        byte[] domain,
        /* IP address requested by the client. */
        @Column(type = ZeekType.ADDR) byte[] requestedAddr,
        /* IP address assigned by the server. */
        @Column(type = ZeekType.ADDR) byte[] assignedAddr,
        /* IP address lease interval. */
        @Column(type = ZeekType.INTERVAL) Double leaseTime,
        /* Message typically accompanied with a DHCP_DECLINE so the client can tell the server why it rejected an address. */
        byte[] clientMessage,
        /* Message typically accompanied with a DHCP_NAK to let the client know why it rejected the request. */
        byte[] serverMessage,
        /* The DHCP message types seen by this DHCP transaction. */
        @Column(type = ZeekType.VECTOR) List<String> msgTypes,
        /* Duration of the DHCP "session" from the first message to the last. */
        @Column(type = ZeekType.INTERVAL) double duration,
        /* Added by DHCP relay agents which terminate switched or permanent circuits. */
        @Column(feature = DhcpLogEntry.SUB_OPTS) byte[] circuitId,
        /* A globally unique identifier added by relay agents to identify the remote host end of the circuit. */
        @Column(feature = DhcpLogEntry.SUB_OPTS) byte[] agentRemoteId,
        /* The subscriber ID is a value independent of the physical network configuration. */
        @Column(feature = DhcpLogEntry.SUB_OPTS) byte[] subscriberId) {
    /** The feature (policy script) that adds the relay agent columns. */
    public static final String SUB_OPTS = "sub-opts";
}
