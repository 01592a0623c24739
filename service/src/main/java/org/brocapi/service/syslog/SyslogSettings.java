package org.brocapi.service.syslog;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything log delivery needs from the configuration: the {@code [syslog]} section plus
 * {@code log_blacklist} from {@code [bro]}. Every key, its default and its meaning is listed in
 * {@code service/src/main/resources/syslog-settings.md}; a 1.0 file loads unchanged and gives
 * 1.0's behaviour (legacy frame, LF framing, send time instead of 1.0's frozen job time).
 *
 * @param destinations receivers, each delivered to independently; empty = export only
 * @param udpMaxMessage largest UDP message (header + line); longer lines are truncated with a marker
 * @param logBlacklist log types and file names never sent nor exported
 * @param batchLines lines per flushed batch (one checkpoint per batch)
 * @param resendWindow bytes a TCP/TLS checkpoint must lag behind what was written before it is
 *     persisted: whatever may still sit in socket buffers or in the receiver's memory queue when it
 *     stops is re-sent
 * @param retryBudget give up on a destination after failing for this long without progress
 * @param exportDir directory the job's logs are placed in after delivery, or null
 */
public record SyslogSettings(
        List<SyslogDestination> destinations,
        String prefix,
        TimestampSource timestamp,
        ZoneId zone,
        boolean json,
        int udpMaxMessage,
        TlsSettings tls,
        Set<String> logBlacklist,
        int batchLines,
        long resendWindow,
        Duration connectTimeout,
        Duration writeTimeout,
        Duration drainTimeout,
        Duration retryInitial,
        Duration retryMax,
        Duration retryBudget,
        Path exportDir) {

    /** Hard-coded in 1.0, which ignored its own {@code log_blacklist}. */
    public static final Set<String> DEFAULT_BLACKLIST = Set.of("capture_loss", "stats", "loaded_scripts", "packet_filter");
    public static final String DEFAULT_PREFIX = "bro25_%s";

    private static final Set<String> KEYS = Set.of(
            "syslog_host", "syslog_port", "syslog_proto", "syslog_prefix", "destinations",
            "frame", "framing", "facility", "severity", "timestamp", "timezone", "json",
            "udp_max_message", "tls_ca_file", "tls_truststore", "tls_truststore_password",
            "tls_keystore", "tls_keystore_password", "tls_verify_hostname", "batch_lines",
            "resend_window", "connect_timeout", "write_timeout", "drain_timeout",
            "retry_initial", "retry_max", "retry_budget", "export_dir");

    public SyslogSettings {
        destinations = List.copyOf(destinations);
        logBlacklist = Set.copyOf(logBlacklist);
        String err = ProgramName.validatePrefix(prefix);
        if (err != null) {
            throw new IllegalArgumentException(err);
        }
        Set<String> names = new java.util.HashSet<>();
        for (SyslogDestination d : destinations) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("two destinations are named " + d.name() + "; give one a name=");
            }
        }
        if (udpMaxMessage < 480 || udpMaxMessage > 65507) {
            // 480: RFC 5426 §3.2 minimum a receiver must accept; 65507: the IPv4 UDP payload limit
            throw new IllegalArgumentException("udp_max_message must be 480-65507, not " + udpMaxMessage);
        }
        if (batchLines < 1) {
            throw new IllegalArgumentException("batch_lines must be at least 1");
        }
    }

    /**
     * Reads the settings from configparser-style sections (keys are matched case-insensitively).
     * Throws {@link IllegalArgumentException} with a message naming the key on any bad value.
     *
     * @param syslog the {@code [syslog]} section, may be empty
     * @param bro the {@code [bro]} section (only {@code log_blacklist} is read), may be empty
     */
    public static SyslogSettings fromConfig(Map<String, String> syslog, Map<String, String> bro) {
        Map<String, String> s = lower(syslog);
        for (String k : s.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("[syslog] has an unknown key '" + k + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        try {
            FrameFormat frame = FrameFormat.parse(s.getOrDefault("frame", "legacy"));
            Framing framing = Framing.parse(s.getOrDefault("framing", "lf"));
            int facility = SyslogPriority.facility(s.getOrDefault("facility", "daemon"));
            int severity = SyslogPriority.severity(s.getOrDefault("severity", "notice"));
            List<SyslogDestination> dests = new ArrayList<>();
            String list = s.get("destinations");
            if (list != null && !list.isBlank()) {
                if (s.containsKey("syslog_host")) {
                    throw new IllegalArgumentException(
                            "set either syslog_host/syslog_port/syslog_proto or destinations, not both");
                }
                for (String item : list.split("[,\\s]+")) {
                    if (!item.isBlank()) {
                        dests.add(parseDestination(item.trim(), frame, framing, facility, severity));
                    }
                }
            } else if (s.containsKey("syslog_host") && !s.get("syslog_host").isBlank()) {
                TransportProtocol proto = TransportProtocol.parse(s.getOrDefault("syslog_proto", "tcp"));
                String host = s.get("syslog_host").trim();
                int port = parsePort(s.getOrDefault("syslog_port", "514"), "syslog_port");
                dests.add(new SyslogDestination(SyslogDestination.defaultName(proto, host, port), proto, host, port,
                        frame, framing, facility, severity));
            }
            TlsSettings tls = new TlsSettings(
                    path(s.get("tls_ca_file")), path(s.get("tls_truststore")), chars(s.get("tls_truststore_password")),
                    path(s.get("tls_keystore")), chars(s.get("tls_keystore_password")),
                    bool(s.getOrDefault("tls_verify_hostname", "on"), "tls_verify_hostname"));
            String zone = s.getOrDefault("timezone", "local").trim();
            return new SyslogSettings(dests,
                    s.getOrDefault("syslog_prefix", DEFAULT_PREFIX).trim(),
                    TimestampSource.parse(s.getOrDefault("timestamp", "send")),
                    zone.equalsIgnoreCase("local") ? ZoneId.systemDefault() : ZoneId.of(zone),
                    bool(s.getOrDefault("json", "off"), "json"),
                    (int) size(s.getOrDefault("udp_max_message", "8k"), "udp_max_message"),
                    tls,
                    parseBlacklist(lower(bro).get("log_blacklist")),
                    Integer.parseInt(s.getOrDefault("batch_lines", "1024").trim()),
                    size(s.getOrDefault("resend_window", "96m"), "resend_window"),
                    duration(s.getOrDefault("connect_timeout", "10s"), "connect_timeout"),
                    duration(s.getOrDefault("write_timeout", "60s"), "write_timeout"),
                    duration(s.getOrDefault("drain_timeout", "30s"), "drain_timeout"),
                    duration(s.getOrDefault("retry_initial", "500ms"), "retry_initial"),
                    duration(s.getOrDefault("retry_max", "30s"), "retry_max"),
                    duration(s.getOrDefault("retry_budget", "10m"), "retry_budget"),
                    path(s.get("export_dir")));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("[syslog]: " + e.getMessage(), e);
        }
    }

    /** A settings value with the destinations replaced (tests, per-job overrides). */
    public SyslogSettings withDestinations(List<SyslogDestination> list) {
        return new SyslogSettings(list, prefix, timestamp, zone, json, udpMaxMessage, tls, logBlacklist, batchLines,
                resendWindow, connectTimeout, writeTimeout, drainTimeout, retryInitial, retryMax, retryBudget,
                exportDir);
    }

    /** True when a log file (by type or by file name) must be neither sent nor exported. */
    public boolean blacklisted(String fileName) {
        return logBlacklist.contains(fileName) || logBlacklist.contains(ProgramName.logType(fileName));
    }

    /**
     * {@code proto://host:port[?frame=..&framing=..&facility=..&severity=..&name=..]}; IPv6 as
     * {@code [::1]}. Query values override the section-wide defaults for this destination.
     */
    static SyslogDestination parseDestination(String item, FrameFormat frame, Framing framing, int facility,
            int severity) {
        URI uri;
        try {
            uri = new URI(item);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("destination '" + item + "' is not proto://host:port: " + e.getMessage());
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("destination '" + item + "' is not proto://host:port");
        }
        TransportProtocol proto = TransportProtocol.parse(uri.getScheme());
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String name = SyslogDestination.defaultName(proto, host, uri.getPort());
        if (uri.getQuery() != null) {
            for (String kv : uri.getQuery().split("&")) {
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("destination '" + item + "': '" + kv + "' is not key=value");
                }
                String k = kv.substring(0, eq).toLowerCase(Locale.ROOT);
                String v = kv.substring(eq + 1);
                switch (k) {
                    case "frame" -> frame = FrameFormat.parse(v);
                    case "framing" -> framing = Framing.parse(v);
                    case "facility" -> facility = SyslogPriority.facility(v);
                    case "severity" -> severity = SyslogPriority.severity(v);
                    case "name" -> name = v;
                    default -> throw new IllegalArgumentException("destination '" + item + "': unknown option '" + k
                            + "' (frame, framing, facility, severity, name)");
                }
            }
        }
        return new SyslogDestination(name, proto, host, uri.getPort(), frame, framing, facility, severity);
    }

    /** {@code ["a.log", 'b']} (Python list, as 1.0 configs write it) or a comma/space separated list. */
    static Set<String> parseBlacklist(String value) {
        if (value == null) {
            return DEFAULT_BLACKLIST;
        }
        Set<String> out = new LinkedHashSet<>();
        String v = value.trim();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        for (String item : v.split(",|\\s+")) {
            String t = item.trim();
            if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
                t = t.substring(1, t.length() - 1);
            }
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg])?i?b?");

    static Duration duration(String text, String key) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " = '" + text + "' is not a duration like 500ms, 10s, 5m or 1h");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double ms = switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 1000;
        };
        return Duration.ofMillis(Math.round(ms));
    }

    static long size(String text, String key) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " = '" + text + "' is not a size like 8192, 64k or 32m");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2) == null ? n : switch (m.group(2)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            default -> n << 30;
        };
    }

    /** Python configparser's boolean words (1.0 read its flags with getboolean). */
    static boolean bool(String text, String key) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "on" -> true;
            case "0", "no", "false", "off" -> false;
            default -> throw new IllegalArgumentException(key + " = '" + text + "' is not one of on/off, yes/no, true/false, 1/0");
        };
    }

    private static int parsePort(String text, String key) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = '" + text + "' is not a port number");
        }
    }

    private static Path path(String v) {
        return v == null || v.isBlank() ? null : Path.of(v.trim());
    }

    private static char[] chars(String v) {
        return v == null ? null : v.toCharArray();
    }

    private static Map<String, String> lower(Map<String, String> m) {
        Map<String, String> out = new HashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k.trim().toLowerCase(Locale.ROOT), v == null ? "" : v));
        }
        return out;
    }
}
