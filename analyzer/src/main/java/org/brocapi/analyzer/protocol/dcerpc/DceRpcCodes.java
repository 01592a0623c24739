package org.brocapi.analyzer.protocol.dcerpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Interface UUIDs and opnums → the names dce_rpc.log shows, from our table
 * {@code dce-rpc-interfaces.tsv}, with Zeek's fallbacks for the rest ({@code unknown-<uuid>} and
 * {@code unknown-<opnum>}, the {@code &default} functions in consts.zeek).
 */
final class DceRpcCodes {
    private record Iface(String endpoint, String[] operations) { }

    private static final Map<String, Iface> IFACES = new HashMap<>();
    private static final Map<String, String> PIPES = new HashMap<>();

    /** {@code DCE_RPC::ignored_operations} (main.zeek): noisy calls that are never logged. */
    private static final Map<String, Set<String>> IGNORED = Map.of(
            "winreg", Set.of("BaseRegCloseKey", "BaseRegGetVersion", "BaseRegOpenKey", "BaseRegQueryValue",
                    "BaseRegDeleteKeyEx", "OpenLocalMachine", "BaseRegEnumKey", "OpenClassesRoot"),
            "spoolss", Set.of("RpcSplOpenPrinter", "RpcClosePrinter"),
            "wkssvc", Set.of("NetrWkstaGetInfo"));

    static {
        var in = DceRpcCodes.class.getResourceAsStream("dce-rpc-interfaces.tsv");
        if (in == null) throw new IllegalStateException("dce-rpc-interfaces.tsv missing from the classpath");
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                switch (f[0]) {
                    case "iface" -> IFACES.put(f[1], new Iface(f[2], f.length > 3 ? f[3].split(" ") : new String[0]));
                    case "pipe" -> PIPES.put(f[1], f[2]);
                    default -> throw new IllegalStateException("dce-rpc-interfaces.tsv: bad line: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DceRpcCodes() { }

    /** {@code uuid_endpoint_map[uuid]}. */
    static String endpoint(String uuid) {
        Iface i = IFACES.get(uuid);
        return i != null ? i.endpoint : "unknown-" + uuid;
    }

    /** {@code operations[uuid, opnum]}. */
    static String operation(String uuid, int opnum) {
        Iface i = uuid == null ? null : IFACES.get(uuid);
        if (i != null && opnum < i.operations.length && !i.operations[opnum].equals("-")) return i.operations[opnum];
        return "unknown-" + opnum;
    }

    /** {@code pipe_name_to_common_uuid[name]} for a normalized pipe name, or null. */
    static String pipeUuid(String normalizedPipe) {
        return PIPES.get(normalizedPipe);
    }

    /** True when {@code DCE_RPC::ignored_operations} suppresses this call's log line. */
    static boolean ignored(String endpoint, String operation) {
        Set<String> ops = IGNORED.get(endpoint);
        return ops != null && (ops.contains(operation) || ops.contains("*"));
    }

    /**
     * Zeek's {@code normalize_named_pipe_name}: the part after {@code \pipe\} (any case) if there
     * is one, lower-cased.
     */
    static String normalizePipe(String pipe) {
        String lower = asciiLower(pipe);
        int at = lower.indexOf("\\pipe\\");
        if (at < 0) return lower;
        String rest = lower.substring(at + 6);
        int next = rest.indexOf("\\pipe\\");
        return next < 0 ? rest : rest.substring(0, next);
    }

    /** Zeek's {@code to_lower}: ASCII letters only. */
    private static String asciiLower(String s) {
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    /**
     * Zeek's {@code uuid_to_string}: the 16 wire bytes read as a little-endian GUID (Zeek reads the
     * struct in host order, whatever the PDU's data representation says).
     */
    static String uuidString(byte[] b, int off) {
        return String.format("%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                le(b, off, 4), le(b, off + 4, 2), le(b, off + 6, 2),
                b[off + 8] & 0xff, b[off + 9] & 0xff, b[off + 10] & 0xff, b[off + 11] & 0xff,
                b[off + 12] & 0xff, b[off + 13] & 0xff, b[off + 14] & 0xff, b[off + 15] & 0xff);
    }

    private static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = v << 8 | (b[off + i] & 0xff);
        return v;
    }
}
