package org.brocapi.service.syslog;

/** The transport of a destination. */
public enum TransportProtocol {
    /** RFC 5426: one message per datagram. */
    UDP,
    /** RFC 6587: a plain TCP stream. */
    TCP,
    /** RFC 5425: a TCP stream inside TLS. */
    TLS;

    public static TransportProtocol parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "udp" -> UDP;
            case "tcp" -> TCP;
            case "tls", "tcp+tls", "ssl" -> TLS;
            default -> throw new IllegalArgumentException(
                    "unknown syslog protocol '" + text + "' (tcp, udp or tls)");
        };
    }
}
