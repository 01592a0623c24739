package org.brocapi.analyzer.protocol.dhcp;

/** Zeek's {@code DHCP::message_types} (base/protocols/dhcp/consts.zeek). */
public final class DhcpCodes {
    private static final String[] MESSAGE_TYPES = {null, "DISCOVER", "OFFER", "REQUEST", "DECLINE", "ACK", "NAK",
        "RELEASE", "INFORM", "FORCERENEW", "LEASEQUERY", "LEASEUNASSIGNED", "LEASEUNKNOWN", "LEASEACTIVE",
        "BULKLEASEQUERY", "LEASEQUERYDONE", "ACTIVELEASEQUERY", "LEASEQUERYSTATUS", "TLS"};

    private DhcpCodes() { }

    /** The name of a message type (option 53, RFC 2132 §9.6 and later RFCs), Zeek's default for others. */
    public static String messageType(int code) {
        if (code > 0 && code < MESSAGE_TYPES.length) return MESSAGE_TYPES[code];
        return "unknown-message-type-" + code;
    }
}
