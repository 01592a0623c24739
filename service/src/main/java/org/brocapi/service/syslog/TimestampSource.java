package org.brocapi.service.syslog;

/** Which time goes into the syslog header. */
public enum TimestampSource {
    /** The time the line is sent (1.0 froze the job's start time instead; users expect this). */
    SEND,
    /** The line's {@code ts} field (Zeek's event time); the send time when a line has none. */
    EVENT;

    public static TimestampSource parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "send", "now" -> SEND;
            case "event", "ts" -> EVENT;
            default -> throw new IllegalArgumentException("unknown timestamp '" + text + "' (send or event)");
        };
    }
}
