package org.brocapi.analyzer.protocol.ssl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The names ssl.log writes for codes (Zeek's {@code base/protocols/ssl/consts.zeek}): cipher
 * suites, curves, alerts (from {@code ssl-names.tsv}, see scripts/gen-ssl-names.py) and versions.
 * Unknown codes read {@code unknown-<decimal>}, as Zeek's table defaults do.
 */
final class SslNames {
    private static final Map<Integer, String> CIPHERS = new HashMap<>(), CURVES = new HashMap<>(),
            ALERTS = new HashMap<>();

    static {
        try (var in = SslNames.class.getResourceAsStream("ssl-names.tsv");
             var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isEmpty()) continue;
                String[] f = line.split("\t", 3);
                Map<Integer, String> table = switch (f[0]) {
                    case "cipher_desc" -> CIPHERS;
                    case "ec_curves" -> CURVES;
                    case "alert_descriptions" -> ALERTS;
                    default -> throw new IllegalStateException("ssl-names.tsv: unknown table " + f[0]);
                };
                table.put(Integer.parseInt(f[1]), f[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SslNames() { }

    static String cipher(int code) {
        return CIPHERS.getOrDefault(code, "unknown-" + code);
    }

    static String curve(int code) {
        return CURVES.getOrDefault(code, "unknown-" + code);
    }

    static String alert(int code) {
        return ALERTS.getOrDefault(code, "unknown-" + code);
    }

    /** {@code SSL::version_strings}: TLS 1.3 drafts read {@code TLSv13-draft<n>}. */
    static String version(int v) {
        return switch (v) {
            case SslCodes.SSLV20 -> "SSLv2";
            case SslCodes.SSLV30 -> "SSLv3";
            case SslCodes.TLSV10 -> "TLSv10";
            case SslCodes.TLSV11 -> "TLSv11";
            case SslCodes.TLSV12 -> "TLSv12";
            case SslCodes.TLSV13 -> "TLSv13";
            case SslCodes.DTLSV10 -> "DTLSv10";
            case SslCodes.DTLSV12 -> "DTLSv12";
            case SslCodes.DTLSV13 -> "DTLSv13";
            default -> v / 0xff == 0x7f ? "TLSv13-draft" + v % 0x7f : "unknown-" + v;
        };
    }
}
