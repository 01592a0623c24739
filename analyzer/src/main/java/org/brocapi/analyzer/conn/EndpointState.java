package org.brocapi.analyzer.conn;

/** Endpoint states as Zeek's scripts see them ({@code TCP_INACTIVE} …, {@code UDP_ACTIVE}). */
public enum EndpointState {
    TCP_INACTIVE, TCP_SYN_SENT, TCP_SYN_ACK_SENT, TCP_PARTIAL, TCP_ESTABLISHED, TCP_CLOSED, TCP_RESET,
    UDP_INACTIVE, UDP_ACTIVE,
    /** ICMP and other protocols: Zeek's conn_state gives OTH whatever the state. */
    NONE
}
