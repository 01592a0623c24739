package org.brocapi.service.queue;

import static org.brocapi.service.config.ConfigValues.intRange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.brocapi.service.config.ConfigException;
import org.brocapi.service.config.IniFile;

/**
 * The {@code [queue]} section when {@code backend = redis}: where Redis is and how long a silent
 * worker keeps its job. Every key is listed in {@code brocapi.conf.example}.
 *
 * @param database      Redis logical database ({@code SELECT n})
 * @param tlsCaFile     PEM bundle trusted for the server certificate; null: the JDK's trust store
 * @param claimTimeout  a job whose worker has not been heard of for this long is taken over by
 *                      another (its heartbeat runs every third of it)
 * @param maxAttempts   runs a job gets before a worker death on it ends it {@code failed}
 * @param keyPrefix     prefix of every key, so several Brocapi installations can share one database
 */
public record RedisSettings(String host, int port, String username, String password, int database,
                            boolean tls, Path tlsCaFile, boolean tlsVerifyHostname,
                            Duration claimTimeout, int maxAttempts, String keyPrefix) {

    private static final Set<String> KEYS = Set.of("backend", "host", "port", "username", "password", "database",
            "tls", "tls_ca_file", "tls_verify_hostname", "claim_timeout", "max_attempts", "key_prefix");

    public RedisSettings {
        if (claimTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("claim_timeout must be at least 1 second");
        }
    }

    /** Reads {@code [queue]}; every bad key is one line of the {@link ConfigException}. */
    public static RedisSettings from(IniFile ini) throws ConfigException {
        List<String> problems = new ArrayList<>();
        for (String k : ini.section("queue").keySet()) {
            if (!KEYS.contains(k)) {
                problems.add("[queue] has an unknown key '" + k + "' (known: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        }
        String host = get(ini, "host", "127.0.0.1", problems, v -> {
            if (v.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return v.strip();
        });
        Integer port = get(ini, "port", "6379", problems, v -> intRange(v, 1, 65535));
        String user = get(ini, "username", "", problems, v -> v.isEmpty() ? null : v);
        String password = get(ini, "password", "", problems, v -> v.isEmpty() ? null : v);
        Integer db = get(ini, "database", "0", problems, v -> intRange(v, 0, 1_000_000));
        Boolean tls = get(ini, "tls", "off", problems, RedisSettings::bool);
        Path ca = get(ini, "tls_ca_file", "", problems, v -> {
            if (v.isBlank()) {
                return null;
            }
            if (!Files.isReadable(Path.of(v))) {
                throw new IllegalArgumentException("not a readable file");
            }
            return Path.of(v);
        });
        Boolean verify = get(ini, "tls_verify_hostname", "on", problems, RedisSettings::bool);
        Integer timeout = get(ini, "claim_timeout", "300", problems, v -> intRange(v, 1, 7 * 24 * 3600));
        Integer attempts = get(ini, "max_attempts", "3", problems, v -> intRange(v, 1, 1000));
        String prefix = get(ini, "key_prefix", "brocapi:", problems, v -> v);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new RedisSettings(host, port, user, password, db, tls, ca, verify, Duration.ofSeconds(timeout),
                attempts, prefix);
    }

    /** For tests and tools: a local Redis without TLS or password. */
    public static RedisSettings local(int port, Duration claimTimeout, int maxAttempts, String keyPrefix) {
        return new RedisSettings("127.0.0.1", port, null, null, 0, false, null, true, claimTimeout, maxAttempts, keyPrefix);
    }

    public String address() {
        return (tls ? "rediss://" : "redis://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    private interface Convert<T> {
        T apply(String v);
    }

    private static <T> T get(IniFile ini, String key, String fallback, List<String> problems, Convert<T> convert) {
        String v = ini.get("queue", key).orElse(fallback);
        try {
            return convert.apply(v);
        } catch (RuntimeException e) {
            problems.add("[queue] " + key + " = " + ("password".equals(key) ? "…" : v) + ": " + e.getMessage());
            return null;
        }
    }


    // Python's RawConfigParser._boolean_states, as everywhere in the config
    private static boolean bool(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "on" -> true;
            case "0", "no", "false", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean (1/yes/true/on or 0/no/false/off)");
        };
    }
}
