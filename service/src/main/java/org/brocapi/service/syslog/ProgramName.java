package org.brocapi.service.syslog;

/**
 * PROGRAM (RFC 3164 TAG, RFC 5424 APP-NAME) of a log: {@code syslog_prefix % type}, where the
 * type is the log file name before the first dot ({@code conn.log} → {@code conn}).
 *
 * <p>The prefix must contain exactly one {@code %s} (1.0 crashed jobs on anything else) and
 * otherwise only {@code A-Z a-z 0-9 . _ -}: rsyslog's program name stops at {@code : [ /}, a
 * space or the first non-ASCII byte. A type with other characters has them replaced by {@code _}.
 */
public final class ProgramName {
    /** RFC 5424 §6: APP-NAME is at most 48 characters. */
    public static final int MAX_APP_NAME = 48;

    private ProgramName() {
    }

    /** Null when the prefix is acceptable, else the error text. */
    public static String validatePrefix(String prefix) {
        if (prefix == null) {
            return "syslog_prefix is missing";
        }
        int first = prefix.indexOf("%s");
        if (first < 0 || prefix.indexOf("%s", first + 2) >= 0) {
            return "syslog_prefix '" + prefix + "' must contain exactly one %s (e.g. bro25_%s)";
        }
        String rest = prefix.substring(0, first) + prefix.substring(first + 2);
        for (int i = 0; i < rest.length(); i++) {
            if (!allowed(rest.charAt(i))) {
                return "syslog_prefix '" + prefix + "' may only contain A-Z a-z 0-9 . _ - besides %s"
                        + " (found '" + rest.charAt(i) + "')";
            }
        }
        if (rest.length() > 40) {
            return "syslog_prefix '" + prefix + "' is too long (at most 40 characters besides %s)";
        }
        return null;
    }

    /** The log type of a file name: the part before the first dot. */
    public static String logType(String fileName) {
        int dot = fileName.indexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    /** {@code prefix % type} with the type made safe; the prefix must have passed {@link #validatePrefix}. */
    public static String of(String prefix, String logType) {
        StringBuilder t = new StringBuilder(logType.length());
        for (int i = 0; i < logType.length(); i++) {
            char c = logType.charAt(i);
            t.append(allowed(c) ? c : '_');
        }
        return prefix.replace("%s", t.isEmpty() ? "_" : t);
    }

    static boolean allowed(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }
}
