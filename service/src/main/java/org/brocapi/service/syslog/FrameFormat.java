package org.brocapi.service.syslog;

/** The syslog header written before each log line (see {@link SyslogFramer}). */
public enum FrameFormat {
    /** 1.0's exact bytes: {@code <29>Oct 05 14:03:07 HOST PROG: line} — day zero-padded (not RFC 3164). */
    LEGACY,
    /** RFC 3164 §4.1.2: as legacy but the day is space-padded ({@code Oct  5}). */
    RFC3164,
    /** RFC 5424 §6: version 1, RFC 3339 time with zone, APP-NAME, MSGID = log type, structured data. */
    RFC5424;

    public static FrameFormat parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "legacy", "1.0" -> LEGACY;
            case "rfc3164", "3164" -> RFC3164;
            case "rfc5424", "5424" -> RFC5424;
            default -> throw new IllegalArgumentException(
                    "unknown frame '" + text + "' (legacy, rfc3164 or rfc5424)");
        };
    }
}
