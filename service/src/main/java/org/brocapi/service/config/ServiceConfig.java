package org.brocapi.service.config;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.brocapi.service.queue.RedisSettings;
import org.brocapi.service.syslog.SyslogSettings;

/**
 * Everything the service reads from its configuration, validated once at start-up.
 *
 * <p>Sources, later wins: built-in defaults, the INI file ({@code --config}, else {@code
 * BROCAPI_CONFIG}, else {@code /etc/brocapi.conf} when it exists, else none), environment
 * variables {@code BROCAPI_<SECTION>_<KEY>} (e.g. {@code BROCAPI_BRO_PROCESSING_DIR}), then
 * command-line overrides. Keys are listed in {@code brocapi.conf.example}. {@link #raw()} keeps
 * the merged file so other components (syslog delivery) can read keys of their own.
 *
 * @param noPcapsStatus   HTTP status of "no pcaps supplied": 400, or 500 as 1.0 sent it
 * @param zeekBin         {@code zeek_bin}, else 1.0's {@code bro_bin}; null when not configured
 * @param jobTimeout      whole-job analysis limit; {@link Duration#ZERO} for none
 * @param logBlacklist    log file names ({@code conn.log}) not delivered to syslog
 * @param syslog          delivery settings from {@code [syslog]} (and {@code [bro] log_blacklist}); delivery
 *                        runs only when they name a receiver or an {@code export_dir}, see {@link #deliveryEnabled}
 */
public record ServiceConfig(
        boolean debug, Path workerLog, Path apiLog,
        String listenHost, int listenPort, int workers, String queue,
        long maxUploadBytes, int maxFiles, int noPcapsStatus,
        String engine, Path zeekBin, Path processingDir, List<String> logBlacklist, Duration jobTimeout,
        SyslogSettings syslog,
        IniFile raw) {

    public static final Path SYSTEM_CONFIG = Path.of("/etc/brocapi.conf");
    /** What 1.0 skipped, hard-coded, when no {@code log_blacklist} is configured. */
    public static final List<String> DEFAULT_BLACKLIST =
            List.of("capture_loss.log", "stats.log", "loaded_scripts.log", "packet_filter.log");

    public ServiceConfig {
        logBlacklist = List.copyOf(logBlacklist);
    }

    /**
     * True when jobs are delivered after analysis: {@code [syslog]} names a receiver ({@code syslog_host}
     * or {@code destinations}) or an {@code export_dir}. Without a config file nothing is configured, so a
     * fresh {@code brocapi serve} analyses only; every 1.0 config has {@code syslog_host}, so it delivers.
     */
    public boolean deliveryEnabled() {
        return !syslog.destinations().isEmpty() || syslog.exportDir() != null;
    }

    /** Where the queue and per-process lock files live: {@code <processing_dir>/.brocapi/}. */
    public Path stateDir() {
        return processingDir.resolve(".brocapi");
    }

    /** Finds, reads, overrides and validates; every problem is reported, one line each. */
    public static ServiceConfig load(Path explicit, Map<String, String> env, Map<String, String> overrides)
            throws ConfigException {
        Path file = explicit != null ? explicit
                : env.containsKey("BROCAPI_CONFIG") ? Path.of(env.get("BROCAPI_CONFIG"))
                : Files.isRegularFile(SYSTEM_CONFIG) ? SYSTEM_CONFIG : null;
        IniFile ini;
        if (file == null) {
            ini = IniFile.empty();
        } else if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist (given by "
                    + (explicit != null ? "--config" : "BROCAPI_CONFIG") + ")");
        } else {
            try {
                ini = IniFile.read(file);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
            }
        }
        for (var e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (name.startsWith("BROCAPI_") && !name.equals("BROCAPI_CONFIG") && name.indexOf('_', 8) > 8) {
                String rest = name.substring(8).toLowerCase(Locale.ROOT);
                int us = rest.indexOf('_');
                ini.set(rest.substring(0, us), rest.substring(us + 1), e.getValue());
            }
        }
        overrides.forEach((k, v) -> ini.set(k.substring(0, k.indexOf('.')), k.substring(k.indexOf('.') + 1), v));
        return from(ini);
    }

    /** Validates {@code ini} (already merged) into a config. */
    public static ServiceConfig from(IniFile ini) throws ConfigException {
        Reader r = new Reader(ini);
        Boolean debug = r.get("main", "debug", "off", Reader::bool);
        Path workerLog = r.get("main", "worker_log", "", Reader::path);
        Path apiLog = r.get("main", "api_log", "", Reader::path);
        String[] listen = r.get("main", "listen", "127.0.0.1:8080", Reader::hostPort);
        Integer workers = r.get("main", "workers", "2", v -> ConfigValues.intRange(v, 1, 256));
        String mainQueue = r.get("main", "queue", "sqlite", v -> Reader.oneOf(v, "sqlite", "redis"));
        // [queue] backend (new) wins over [main] queue; the rest of [queue] is RedisSettings'
        String queue = r.get("queue", "backend", mainQueue == null ? "sqlite" : mainQueue, v -> Reader.oneOf(v, "sqlite", "redis"));
        if ("redis".equals(queue)) {
            try {
                RedisSettings.from(ini);
            } catch (ConfigException e) {
                r.problems.addAll(e.problems());
            }
        }
        Long maxUpload = r.get("main", "max_upload_bytes", "4G", Reader::size);
        Integer maxFiles = r.get("main", "max_files", "100", v -> ConfigValues.intRange(v, 1, 100_000));
        Integer noPcaps = r.get("main", "no_pcaps_status", "400", v -> ConfigValues.intRange(v, 400, 599));

        String engine = r.get("bro", "engine", "embedded", v -> Reader.oneOf(v, "embedded", "zeek"));
        // 1.0's bro_bin may name a binary that is gone: it only has to exist when the zeek engine is used
        String binKey = ini.get("bro", "zeek_bin").isPresent() ? "zeek_bin" : "bro_bin";
        Path zeekBin = r.get("bro", binKey, "", v -> v.isBlank() ? null
                : "zeek".equals(engine) ? Reader.executable(v) : Path.of(v));
        if ("zeek".equals(engine) && zeekBin == null && ini.get("bro", binKey).orElse("").isBlank()) {
            r.problems.add("[bro] engine = zeek needs zeek_bin (or 1.0's bro_bin) set to the zeek binary");
        }
        Path processingDir = r.get("bro", "processing_dir", "brocapi-data", Reader::writableDir);
        List<String> blacklist = r.get("bro", "log_blacklist", null, Reader::list);
        Duration timeout = r.get("bro", "job_timeout", "3600", v -> Duration.ofSeconds(ConfigValues.intRange(v, 0, Integer.MAX_VALUE)));

        SyslogSettings syslog = syslog(ini, blacklist, r.problems);

        if (workerLog != null) {
            r.check("main", "worker_log", () -> Reader.writableFile(workerLog));
        }
        if (apiLog != null) {
            r.check("main", "api_log", () -> Reader.writableFile(apiLog));
        }
        if (!r.problems.isEmpty()) {
            throw new ConfigException(r.problems);
        }
        return new ServiceConfig(debug, workerLog, apiLog, listen[0], Integer.parseInt(listen[1]), workers, queue,
                maxUpload, maxFiles, noPcaps, engine, zeekBin, processingDir,
                blacklist == null ? DEFAULT_BLACKLIST : blacklist, timeout,
                syslog, ini);
    }

    /** Built-in defaults with {@code processing_dir} set: what tests and {@code serve} without a file use. */
    public static ServiceConfig defaults(Path processingDir) throws ConfigException {
        IniFile ini = IniFile.empty();
        ini.set("bro", "processing_dir", processingDir.toString());
        return from(ini);
    }

    public ServiceConfig withListen(String host, int port) {
        return new ServiceConfig(debug, workerLog, apiLog, host, port, workers, queue, maxUploadBytes, maxFiles,
                noPcapsStatus, engine, zeekBin, processingDir, logBlacklist, jobTimeout,
                syslog, raw);
    }

    /** The same values with another raw file (to compare configs by value). */
    public ServiceConfig withRaw(IniFile ini) {
        return new ServiceConfig(debug, workerLog, apiLog, listenHost, listenPort, workers, queue, maxUploadBytes, maxFiles,
                noPcapsStatus, engine, zeekBin, processingDir, logBlacklist, jobTimeout,
                syslog, ini);
    }

    /**
     * The {@code [syslog]} section through {@link SyslogSettings#fromConfig}, the one parser delivery
     * uses (so {@code syslog_prefix} is checked by {@code ProgramName} here, at start-up). It stops at
     * the first bad value, so each key is first tried on its own to get one line per bad key; the
     * whole section is read last for rules between keys (e.g. {@code destinations} with {@code syslog_host}).
     * {@code log_blacklist} is passed as already validated above.
     */
    private static SyslogSettings syslog(IniFile ini, List<String> blacklist, List<String> problems) {
        Map<String, String> section = new TreeMap<>();
        for (String key : ini.section("syslog").keySet()) {
            section.put(key, ini.get("syslog", key).orElse(""));
        }
        Map<String, String> bro = blacklist == null ? Map.of() : Map.of("log_blacklist", String.join(",", blacklist));
        int before = problems.size();
        for (var e : section.entrySet()) {
            Map<String, String> alone = new TreeMap<>(Map.of(e.getKey(), e.getValue()));
            if (e.getKey().equals("syslog_port") || e.getKey().equals("syslog_proto")) {
                // they are read only along with a host
                alone.put("syslog_host", section.getOrDefault("syslog_host", "").isBlank() ? "localhost" : section.get("syslog_host"));
            }
            try {
                SyslogSettings.fromConfig(alone, Map.of());
            } catch (IllegalArgumentException ex) {
                String msg = ex.getMessage();
                problems.add(msg.startsWith("[syslog]") ? msg : msg.startsWith(e.getKey()) ? "[syslog] " + msg
                        : "[syslog] " + e.getKey() + " = " + e.getValue() + ": " + msg);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return SyslogSettings.fromConfig(section, bro);
        } catch (IllegalArgumentException ex) {
            String msg = ex.getMessage();
            problems.add(msg.startsWith("[syslog]") ? msg : "[syslog] " + msg);
            return null;
        }
    }

    /** Collects one problem line per bad key instead of stopping at the first. */
    private static final class Reader {
        private final IniFile ini;
        private final List<String> problems = new ArrayList<>();

        Reader(IniFile ini) {
            this.ini = ini;
        }

        <T> T get(String section, String key, String fallback, Function<String, T> convert) {
            String value = ini.get(section, key).orElse(fallback);
            if (value == null) {
                return null;
            }
            try {
                return convert.apply(value);
            } catch (RuntimeException e) {
                problems.add("[" + section + "] " + key + " = " + value + ": " + e.getMessage());
                return null;
            }
        }

        void check(String section, String key, Runnable check) {
            try {
                check.run();
            } catch (RuntimeException e) {
                problems.add("[" + section + "] " + key + ": " + e.getMessage());
            }
        }

        // Python's RawConfigParser._boolean_states
        static boolean bool(String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "1", "yes", "true", "on" -> true;
                case "0", "no", "false", "off" -> false;
                default -> throw new IllegalArgumentException("not a boolean (1/yes/true/on or 0/no/false/off)");
            };
        }


        static String oneOf(String v, String... allowed) {
            for (String a : allowed) {
                if (a.equals(v)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown value, expected one of " + String.join(", ", allowed));
        }

        static long size(String v) {
            Matcher m = Pattern.compile("(?i)\\s*(\\d+)\\s*([kmgt]?)i?b?\\s*").matcher(v);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a size (bytes, or a number with K/M/G/T)");
            }
            int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                case "t" -> 40;
                default -> 0;
            };
            long n = Long.parseLong(m.group(1));
            if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
                throw new IllegalArgumentException("size out of range");
            }
            return n << shift;
        }

        static Path path(String v) {
            return v.isBlank() ? null : Path.of(v);
        }

        static String[] hostPort(String v) {
            int colon = v.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected HOST:PORT");
            }
            String host = v.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new String[] {host, Integer.toString(ConfigValues.intRange(v.substring(colon + 1), 0, 65535))};
        }

        static Path executable(String v) {
            Path p = Path.of(v);
            if (!v.contains(File.separator)) {
                for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                    Path candidate = Path.of(dir, v);
                    if (Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new IllegalArgumentException("not an executable file");
            }
            return p;
        }

        static Path writableDir(String v) {
            Path dir = Path.of(v).toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
                Files.delete(Files.createTempFile(dir, ".write-check", ""));
            } catch (IOException | SecurityException e) {
                throw new IllegalArgumentException("directory is not writable (" + e.getMessage() + ")");
            }
            return dir;
        }

        static void writableFile(Path file) {
            Path parent = file.toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
                if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(parent)) {
                    throw new IllegalArgumentException("cannot write " + file);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create directory " + parent + " (" + e.getMessage() + ")");
            }
        }

        /** 1.0 accepted a Python list literal; a plain comma/space separated list is accepted too. */
        static List<String> list(String v) {
            String s = v.strip();
            List<String> out = new ArrayList<>();
            if (s.startsWith("[")) {
                if (!s.endsWith("]")) {
                    throw new IllegalArgumentException("list literal without closing ']'");
                }
                Matcher m = Pattern.compile("\\s*(['\"])(.*?)\\1\\s*(,|$)").matcher(s.substring(1, s.length() - 1).strip());
                int at = 0;
                String inner = s.substring(1, s.length() - 1).strip();
                while (at < inner.length()) {
                    if (!m.find(at) || m.start() != at) {
                        throw new IllegalArgumentException("expected a list of quoted names like [\"stats.log\"]");
                    }
                    out.add(m.group(2));
                    at = m.end();
                }
            } else if (!s.isEmpty()) {
                for (String part : s.split("[,\\s]+")) {
                    out.add(part);
                }
            }
            return out;
        }
    }
}
