package org.brocapi.service.syslog;

/** How messages are delimited on a TCP or TLS stream (RFC 6587 §3.4). */
public enum Framing {
    /** Non-transparent framing, LF after each message (1.0; RFC 6587 §3.4.2). */
    LF,
    /** Octet counting: {@code LEN SP MSG} (RFC 6587 §3.4.1, RFC 5425 §4.3). */
    OCTET_COUNTING;

    public static Framing parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "lf", "newline", "non-transparent" -> LF;
            case "octet-counting", "octet_counting", "octet-counted", "octets" -> OCTET_COUNTING;
            default -> throw new IllegalArgumentException(
                    "unknown framing '" + text + "' (lf or octet-counting)");
        };
    }
}
