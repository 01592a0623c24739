package org.brocapi.analyzer.log;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;

/**
 * Zeek's {@code LogAscii::use_json=T} format (threading/formatters/JSON.cc through rapidjson's
 * Writer): one object per line, keys in column order, unset fields omitted (or {@code null} with
 * {@code json_include_unset_fields}), no header or {@code #close} lines.
 *
 * <p>Values: count/int/port as integers, bool as {@code true/false}, addr/subnet/string/enum as
 * strings, set/vector as arrays, double/interval (and time under {@code JSON::TS_EPOCH}) as
 * rapidjson prints doubles ({@link ZeekText#jsonDouble}), NaN/inf as {@code null}. Strings first
 * pass {@code json_escape_utf8} (bytes of a run that is not clean UTF-8 become the text
 * {@code \xNN}, whose backslash JSON then escapes: {@code \\xNN}), then JSON escaping.
 */
public final class ZeekJsonWriter implements LogFormatter {
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final LogField[] fields;
    private final ZeekType[] types;
    private final byte[][] keys;
    private final LogOptions.JsonTimestamps timestamps;
    private final boolean includeUnset;

    public ZeekJsonWriter(LogSchema<?> schema, LogOptions options) {
        List<LogField> fl = schema.fields();
        this.fields = fl.toArray(LogField[]::new);
        this.types = fl.stream().map(LogField::type).toArray(ZeekType[]::new);
        String[] names = options.columnNames(schema);
        this.keys = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            LineBuffer k = new LineBuffer(names[i].length() + 4);
            jsonString(k, names[i].getBytes(StandardCharsets.UTF_8), false);
            k.append((byte) ':');
            keys[i] = k.toByteArray();
        }
        this.timestamps = options.jsonTimestamps();
        this.includeUnset = options.jsonIncludeUnset();
    }

    @Override
    public void header(LineBuffer out, ZonedDateTime openedAt) {
        // Ascii::InitFormatter: "Using JSON implicitly turns off the header meta fields."
    }

    @Override
    public void footer(LineBuffer out, ZonedDateTime closedAt) {
    }

    @Override
    public void row(Object entry, LineBuffer out) {
        out.append((byte) '{');
        boolean first = true;
        for (int i = 0; i < fields.length; i++) {
            Object v = fields[i].get(entry);
            if (v == null && !includeUnset) {
                continue;
            }
            if (!first) {
                out.append((byte) ',');
            }
            first = false;
            out.append(keys[i]);
            if (v == null) {
                out.ascii("null");
            } else if (types[i] == ZeekType.SET || types[i] == ZeekType.VECTOR) {
                out.append((byte) '[');
                boolean firstElement = true;
                for (Object e : (Collection<?>) v) {
                    if (!firstElement) {
                        out.append((byte) ',');
                    }
                    firstElement = false;
                    if (e == null) {
                        out.ascii("null");
                    } else {
                        value(out, e, fields[i].element());
                    }
                }
                out.append((byte) ']');
            } else {
                value(out, v, types[i]);
            }
        }
        out.append((byte) '}').append((byte) '\n');
    }

    private void value(LineBuffer out, Object v, ZeekType type) {
        switch (type) {
            case TIME -> time(out, ((Number) v).doubleValue());
            case DOUBLE, INTERVAL -> ZeekText.jsonDouble(out, ((Number) v).doubleValue());
            case COUNT -> out.unsignedDecimal(((Number) v).longValue());
            case INT, PORT -> out.decimal(((Number) v).longValue());
            case BOOL -> out.ascii((Boolean) v ? "true" : "false");
            case ADDR -> {
                LineBuffer a = new LineBuffer(48);
                if (v instanceof byte[] b) {
                    ZeekText.addr(a, b);
                } else {
                    ZeekText.addr(a, (InetAddress) v);
                }
                out.append((byte) '"').append(a.toByteArray()).append((byte) '"');
            }
            case SUBNET -> jsonString(out, v.toString().getBytes(StandardCharsets.UTF_8), false);
            case STRING, ENUM -> {
                byte[] b = v instanceof byte[] raw ? raw : v.toString().getBytes(StandardCharsets.UTF_8);
                jsonString(out, b, true);
            }
            default -> throw new IllegalArgumentException("cannot write a " + type + " value: " + v);
        }
    }

    private void time(LineBuffer out, double ts) {
        switch (timestamps) {
            case EPOCH -> ZeekText.jsonDouble(out, ts);
            case MILLIS -> out.decimal((long) (ts * 1000));
            case MILLIS_UNSIGNED -> out.unsignedDecimal((long) (ts * 1000));
            case ISO8601 -> {
                // JSON.cc: gmtime of floor(ts), then "%06.0f" of the fraction in microseconds
                double whole = Math.floor(ts);
                ZonedDateTime t = Instant.ofEpochSecond((long) whole).atZone(ZoneOffset.UTC);
                double frac = ts - (ts < 0 ? Math.ceil(ts) : Math.floor(ts));
                if (frac < 0) {
                    frac += 1;
                }
                long micros = (long) Math.rint(Math.abs(frac) * 1_000_000);
                out.append((byte) '"').zeroPadded(t.getYear(), 4).append((byte) '-').zeroPadded(t.getMonthValue(), 2)
                        .append((byte) '-').zeroPadded(t.getDayOfMonth(), 2).append((byte) 'T')
                        .zeroPadded(t.getHour(), 2).append((byte) ':').zeroPadded(t.getMinute(), 2)
                        .append((byte) ':').zeroPadded(t.getSecond(), 2).append((byte) '.').zeroPadded(micros, 6)
                        .append((byte) 'Z').append((byte) '"');
            }
        }
    }

    /**
     * A JSON string as rapidjson's Writer::String writes it ({@code "} and backslash escaped,
     * {@code \b \f \n \r \t}, other controls backslash-u {@code 00XX}, bytes from 0x80 raw), after
     * {@code json_escape_utf8(s, true)} when {@code zeekEscape}.
     */
    static void jsonString(LineBuffer out, byte[] b, boolean zeekEscape) {
        out.append((byte) '"');
        boolean clean = !zeekEscape || ZeekText.isCleanUtf8(b, 0, b.length, true);
        for (byte x : b) {
            int c = x & 0xff;
            if (!clean && !((c >= 32 && c < 127) || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')) {
                // json_escape_utf8 produced the four characters \xNN; JSON escapes that backslash
                out.append((byte) '\\').hexEscape(c);
                continue;
            }
            switch (c) {
                case '"' -> out.append((byte) '\\').append((byte) '"');
                case '\\' -> out.append((byte) '\\').append((byte) '\\');
                case '\b' -> out.append((byte) '\\').append((byte) 'b');
                case '\f' -> out.append((byte) '\\').append((byte) 'f');
                case '\n' -> out.append((byte) '\\').append((byte) 'n');
                case '\r' -> out.append((byte) '\\').append((byte) 'r');
                case '\t' -> out.append((byte) '\\').append((byte) 't');
                default -> {
                    if (c < 0x20) {
                        out.ascii("\\u00").append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xf]);
                    } else {
                        out.append(x);
                    }
                }
            }
        }
        out.append((byte) '"');
    }
}
