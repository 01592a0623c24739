package org.brocapi.analyzer.protocol.dhcp;

/**
 * One DHCP/BOOTP message: the fixed header fields used so far, the magic cookie, and the DHCP
 * message type (option 53; 0 when absent).
 */
public record DhcpMessage(int op, long xid, long cookie, int type) {
    /** RFC 2131 §3: the options field starts with 99.130.83.99. */
    public static final long MAGIC_COOKIE = 0x63825363L;
}
