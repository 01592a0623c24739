package org.brocapi.service.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What delivery needs to know about one Zeek log's lines: the TSV header ({@code #separator},
 * {@code #fields}, {@code #types}, …) to find {@code ts} and to turn a TSV line into JSON.
 *
 * <p>TSV → JSON follows Zeek's JSON writer where it matters to a consumer: one object per line,
 * keys = field names, unset fields ({@code -}) left out, numbers ({@code count int port double
 * time interval}) and booleans ({@code T}/{@code F}) unquoted, sets and vectors as arrays.
 * Strings keep Zeek's TSV escapes ({@code \x09}) as text; for byte-identical Zeek JSON let the
 * analyzer write JSON logs, which are sent as they are.
 *
 * <p>Reused on the per-line path: {@link #toJson} overwrites one buffer ({@link #json()}).
 */
final class ZeekLineFormat {
    private byte separator = '\t';
    private String setSeparator = ",";
    private String emptyField = "(empty)";
    private String unsetField = "-";
    private String[] fields = new String[0];
    private String[] types = new String[0];
    private byte[][] keys = new byte[0][];
    private int tsIndex = -1;
    private byte[] json = new byte[4096];
    private int jsonLength;

    /** Takes one {@code #…} line; unknown directives ({@code #open}, {@code #close}, {@code #path}) are ignored. */
    void headerLine(byte[] b, int off, int len) {
        String line = new String(b, off, len, StandardCharsets.UTF_8);
        if (line.startsWith("#separator ")) {
            String v = line.substring("#separator ".length());
            // Zeek writes it escaped: "#separator \x09"
            separator = v.startsWith("\\x") && v.length() >= 4 ? (byte) Integer.parseInt(v.substring(2, 4), 16) : (byte) v.charAt(0);
            return;
        }
        String sep = new String(new byte[] {separator}, StandardCharsets.ISO_8859_1);
        String[] parts = line.split(java.util.regex.Pattern.quote(sep), -1);
        String[] values = Arrays.copyOfRange(parts, 1, parts.length);
        switch (parts[0]) {
            case "#set_separator" -> setSeparator = values.length > 0 ? values[0] : ",";
            case "#empty_field" -> emptyField = values.length > 0 ? values[0] : "(empty)";
            case "#unset_field" -> unsetField = values.length > 0 ? values[0] : "-";
            case "#fields" -> {
                fields = values;
                keys = new byte[fields.length][];
                tsIndex = -1;
                for (int i = 0; i < fields.length; i++) {
                    keys[i] = ("\"" + jsonEscape(fields[i]) + "\":").getBytes(StandardCharsets.UTF_8);
                    if (fields[i].equals("ts")) {
                        tsIndex = i;
                    }
                }
            }
            case "#types" -> types = values;
            default -> {
                // #open, #close, #path: nothing to do
            }
        }
    }

    boolean hasFields() {
        return fields.length > 0;
    }

    /**
     * The line's {@code ts} in microseconds since the epoch, or {@link Long#MIN_VALUE} when the
     * line has none. TSV: the {@code ts} column (epoch seconds, 6 decimals). JSON: the
     * {@code "ts"} member, epoch seconds or an ISO 8601 string ({@code JSON::TS_ISO8601}).
     */
    long eventMicros(byte[] b, int off, int len) {
        if (len > 0 && b[off] == '{') {
            int at = indexOf(b, off, off + len, TS_KEY);
            if (at < 0) {
                return Long.MIN_VALUE;
            }
            int p = at + TS_KEY.length;
            while (p < off + len && b[p] == ' ') {
                p++;
            }
            if (p < off + len && b[p] == '"') {
                int end = p + 1;
                while (end < off + len && b[end] != '"') {
                    end++;
                }
                try {
                    Instant t = Instant.parse(new String(b, p + 1, end - p - 1, StandardCharsets.US_ASCII));
                    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
                } catch (DateTimeParseException e) {
                    return Long.MIN_VALUE;
                }
            }
            return epochMicros(b, p, off + len);
        }
        if (tsIndex < 0) {
            return Long.MIN_VALUE;
        }
        int p = off;
        int end = off + len;
        for (int col = 0; col < tsIndex; col++) {
            while (p < end && b[p] != separator) {
                p++;
            }
            p++;
        }
        return p < end ? epochMicros(b, p, end) : Long.MIN_VALUE;
    }

    private static final byte[] TS_KEY = "\"ts\":".getBytes(StandardCharsets.US_ASCII);

    /** Parses {@code 1320279566.452687} up to the first non-number byte. */
    private static long epochMicros(byte[] b, int p, int end) {
        long sec = 0;
        int digits = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9' && digits < 12) {
            sec = sec * 10 + (b[p++] - '0');
            digits++;
        }
        if (digits == 0) {
            return Long.MIN_VALUE;
        }
        long micros = 0;
        int fracDigits = 0;
        if (p < end && b[p] == '.') {
            p++;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                if (fracDigits < 6) {
                    micros = micros * 10 + (b[p] - '0');
                    fracDigits++;
                }
                p++;
            }
        }
        for (; fracDigits < 6; fracDigits++) {
            micros *= 10;
        }
        return sec * 1_000_000L + micros;
    }

    /** Converts a TSV line to one JSON object in {@link #json()}; false if the line is not TSV with a known header. */
    boolean toJson(byte[] b, int off, int len) {
        if (fields.length == 0 || (len > 0 && b[off] == '{')) {
            return false;
        }
        jsonLength = 0;
        put((byte) '{');
        boolean first = true;
        int p = off;
        int end = off + len;
        for (int col = 0; col < fields.length && p <= end; col++) {
            int q = p;
            while (q < end && b[q] != separator) {
                q++;
            }
            String value = new String(b, p, q - p, StandardCharsets.UTF_8);
            p = q + 1;
            if (value.equals(unsetField)) {
                continue; // Zeek's JSON writer leaves unset fields out
            }
            if (!first) {
                put((byte) ',');
            }
            first = false;
            put(keys[col]);
            String type = col < types.length ? types[col] : "string";
            if (type.startsWith("set[") || type.startsWith("vector[")) {
                String inner = type.substring(type.indexOf('[') + 1, type.length() - 1);
                put((byte) '[');
                if (!value.equals(emptyField)) {
                    List<String> items = split(value, setSeparator);
                    for (int i = 0; i < items.size(); i++) {
                        if (i > 0) {
                            put((byte) ',');
                        }
                        value(inner, items.get(i));
                    }
                }
                put((byte) ']');
            } else {
                value(type, value);
            }
        }
        put((byte) '}');
        return true;
    }

    byte[] json() {
        return json;
    }

    int jsonLength() {
        return jsonLength;
    }

    private void value(String type, String v) {
        switch (type) {
            case "count", "int", "port", "double", "time", "interval" -> {
                if (isNumber(v)) {
                    put(v.getBytes(StandardCharsets.US_ASCII));
                } else {
                    string(v);
                }
            }
            case "bool" -> put((v.equals("T") ? "true" : "false").getBytes(StandardCharsets.US_ASCII));
            default -> string(v);
        }
    }

    private void string(String v) {
        put((byte) '"');
        put(jsonEscape(v).getBytes(StandardCharsets.UTF_8));
        put((byte) '"');
    }

    private static boolean isNumber(String v) {
        return v.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    }

    private static List<String> split(String v, String sep) {
        List<String> out = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = v.indexOf(sep, from)) >= 0) {
            out.add(v.substring(from, at));
            from = at + sep.length();
        }
        out.add(v.substring(from));
        return out;
    }

    static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private void put(byte c) {
        if (jsonLength == json.length) {
            json = Arrays.copyOf(json, json.length * 2);
        }
        json[jsonLength++] = c;
    }

    private void put(byte[] a) {
        if (jsonLength + a.length > json.length) {
            json = Arrays.copyOf(json, Math.max(json.length * 2, jsonLength + a.length));
        }
        System.arraycopy(a, 0, json, jsonLength, a.length);
        jsonLength += a.length;
    }

    private static int indexOf(byte[] b, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
