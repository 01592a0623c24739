package org.brocapi.service.syslog;

import java.util.List;
import java.util.Locale;

/**
 * Facility and severity names of RFC 5424 §6.2.1 (the names rsyslog and logger accept), and the
 * PRI value {@code facility * 8 + severity}.
 */
public final class SyslogPriority {
    private static final List<String> FACILITIES = List.of(
            "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
            "authpriv", "ftp", "ntp", "security", "console", "solaris-cron",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
    private static final List<String> SEVERITIES = List.of(
            "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug");

    /** 1.0's fixed PRI 29: facility daemon (3), severity notice (5). */
    public static final int DAEMON = 3;
    public static final int NOTICE = 5;

    private SyslogPriority() {
    }

    public static int pri(int facility, int severity) {
        return facility * 8 + severity;
    }

    /** A facility by name ({@code local0}) or number (0–23). */
    public static int facility(String text) {
        return lookup(text, FACILITIES, "facility");
    }

    /** A severity by name ({@code info}, also {@code warn}/{@code error}) or number (0–7). */
    public static int severity(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("warn")) {
            t = "warning";
        } else if (t.equals("error")) {
            t = "err";
        } else if (t.equals("emergency")) {
            t = "emerg";
        }
        return lookup(t, SEVERITIES, "severity");
    }

    public static String facilityName(int facility) {
        return FACILITIES.get(facility);
    }

    public static String severityName(int severity) {
        return SEVERITIES.get(severity);
    }

    private static int lookup(String text, List<String> names, String what) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int i = names.indexOf(t);
        if (i >= 0) {
            return i;
        }
        try {
            int n = Integer.parseInt(t);
            if (n >= 0 && n < names.size()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("unknown syslog " + what + " '" + text + "' (one of "
                + String.join(", ", names) + " or 0-" + (names.size() - 1) + ")");
    }
}
