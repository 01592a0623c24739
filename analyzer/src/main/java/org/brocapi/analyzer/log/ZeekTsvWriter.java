package org.brocapi.analyzer.log;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;

/**
 * Zeek's default ASCII log format (logging/writers/ascii/Ascii.cc with the Ascii formatter),
 * byte-exact: the {@code #separator … #types} header, tab-separated values, {@code #close}.
 *
 * <p>Value rules (threading/formatters/Ascii.cc, Desc.cc): unset is {@code -}; an empty string,
 * set or vector is {@code (empty)}; a string that equals {@code -} or {@code (empty)} gets its
 * first byte hex-escaped; set/vector elements are joined with {@code ,}. Escaping (ODesc::AddBytes):
 * backslash → {@code \\}, the separator (tab) and, inside a set/vector, the set separator
 * ({@code ,}) → {@code \xNN}; the bytes between those go through {@code json_escape_utf8} when
 * {@code enable_utf_8} (valid UTF-8 stays, else all non-printable bytes of that run are escaped),
 * otherwise every non-printable byte is escaped. A row that would start with {@code #} starts with
 * {@code \x23}.
 */
public final class ZeekTsvWriter implements LogFormatter {
    private static final byte[] EMPTY = ascii("(empty)");
    private static final byte[] ESCAPED_HASH = ascii("\\x23");

    private final LogField[] fields;
    private final ZeekType[] types;
    private final boolean utf8;
    private final byte[] headerBeforeOpen;
    private final byte[] headerAfterOpen;

    public ZeekTsvWriter(String path, LogSchema<?> schema, LogOptions options) {
        List<LogField> fl = schema.fields();
        this.fields = fl.toArray(LogField[]::new);
        this.types = fl.stream().map(LogField::type).toArray(ZeekType[]::new);
        this.utf8 = options.utf8();
        String[] names = options.columnNames(schema);

        StringBuilder h = new StringBuilder(256);
        // Ascii::WriteHeader: "#separator " + get_escaped_string("\t", false), a space on purpose
        h.append("#separator \\x09\n");
        h.append("#set_separator\t,\n");
        h.append("#empty_field\t(empty)\n");
        h.append("#unset_field\t-\n");
        h.append("#path\t").append(escapeHeaderValue(path)).append('\n');
        h.append("#open\t");
        this.headerBeforeOpen = h.toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder t = new StringBuilder(256);
        t.append("\n#fields");
        for (String n : names) {
            t.append('\t').append(n);
        }
        t.append("\n#types");
        for (LogField f : fl) {
            t.append('\t').append(f.typeName());
        }
        t.append('\n');
        this.headerAfterOpen = t.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void header(LineBuffer out, ZonedDateTime openedAt) {
        out.append(headerBeforeOpen);
        timestamp(out, openedAt);
        out.append(headerAfterOpen);
    }

    @Override
    public void footer(LineBuffer out, ZonedDateTime closedAt) {
        out.ascii("#close\t");
        timestamp(out, closedAt);
        out.append((byte) '\n');
    }

    @Override
    public void row(Object entry, LineBuffer out) {
        int start = out.size();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append((byte) '\t');
            }
            Object v = fields[i].get(entry);
            if (v == null) {
                out.append((byte) '-');
            } else if (types[i] == ZeekType.SET || types[i] == ZeekType.VECTOR) {
                container(out, (Collection<?>) v, fields[i].element());
            } else {
                value(out, v, types[i], false);
            }
        }
        // Ascii::DoWrite: a line that would look like a meta line gets its '#' escaped
        if (out.size() > start && out.byteAt(start) == '#') {
            out.replaceByte(start, ESCAPED_HASH);
        }
        out.append((byte) '\n');
    }

    private void container(LineBuffer out, Collection<?> c, ZeekType element) {
        if (c.isEmpty()) {
            out.append(EMPTY);
            return;
        }
        boolean first = true;
        for (Object e : c) {
            if (!first) {
                out.append((byte) ',');
            }
            first = false;
            if (e == null) {
                out.append((byte) '-');
            } else {
                value(out, e, element, true);
            }
        }
    }

    private void value(LineBuffer out, Object v, ZeekType type, boolean inContainer) {
        switch (type) {
            case TIME, INTERVAL -> ZeekText.time(out, ((Number) v).doubleValue());
            case DOUBLE -> ZeekText.dbl(out, ((Number) v).doubleValue());
            case COUNT -> out.unsignedDecimal(((Number) v).longValue());
            case INT, PORT -> out.decimal(((Number) v).longValue());
            case BOOL -> out.append((byte) ((Boolean) v ? 'T' : 'F'));
            case ADDR -> {
                if (v instanceof byte[] b) {
                    ZeekText.addr(out, b);
                } else {
                    ZeekText.addr(out, (InetAddress) v);
                }
            }
            case SUBNET -> {
                byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
                escaped(out, b, 0, inContainer);
            }
            case STRING, ENUM -> string(out, v, inContainer);
            default -> throw new IllegalArgumentException("cannot write a " + type + " value: " + v);
        }
    }

    private void string(LineBuffer out, Object v, boolean inContainer) {
        if (v instanceof byte[] b) {
            bytes(out, b, inContainer);
            return;
        }
        String s = v.toString();
        int n = s.length();
        if (n == 0) {
            out.append(EMPTY);
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '\\' || (c == ',' && inContainer)) {
                bytes(out, s.getBytes(StandardCharsets.UTF_8), inContainer);
                return;
            }
        }
        // printable ASCII without escapes: only the reserved-content rule applies
        if (n == 1 && s.charAt(0) == '-') {
            out.hexEscape('-');
        } else if (n == 7 && s.equals("(empty)")) {
            out.hexEscape('(').ascii("empty)");
        } else {
            out.ascii(s);
        }
    }

    private void bytes(LineBuffer out, byte[] b, boolean inContainer) {
        if (b.length == 0) {
            out.append(EMPTY);
            return;
        }
        int from = 0;
        if ((b.length == 1 && b[0] == '-') || java.util.Arrays.equals(b, EMPTY)) {
            // escapeReservedContent: hex the first byte, the rest goes through normal escaping
            out.hexEscape(b[0]);
            from = 1;
        }
        escaped(out, b, from, inContainer);
    }

    private void escaped(LineBuffer out, byte[] b, int from, boolean inContainer) {
        int seg = from;
        for (int i = from; i < b.length; i++) {
            int c = b[i] & 0xff;
            boolean esc = c == '\\' || c == '\t' || (inContainer && c == ',') || (!utf8 && (c < 0x20 || c >= 0x7f));
            if (esc) {
                segment(out, b, seg, i - seg);
                if (c == '\\') {
                    out.append((byte) '\\').append((byte) '\\');
                } else {
                    out.hexEscape(c);
                }
                seg = i + 1;
            }
        }
        segment(out, b, seg, b.length - seg);
    }

    private void segment(LineBuffer out, byte[] b, int off, int n) {
        if (utf8) {
            ZeekText.utf8Escaped(out, b, off, n, false);
        } else {
            out.append(b, off, n);
        }
    }

    /** {@code %Y-%m-%d-%H-%M-%S} in the clock's zone (Ascii::Timestamp uses localtime_r). */
    static void timestamp(LineBuffer out, ZonedDateTime t) {
        out.zeroPadded(t.getYear(), 4).append((byte) '-').zeroPadded(t.getMonthValue(), 2).append((byte) '-')
                .zeroPadded(t.getDayOfMonth(), 2).append((byte) '-').zeroPadded(t.getHour(), 2).append((byte) '-')
                .zeroPadded(t.getMinute(), 2).append((byte) '-').zeroPadded(t.getSecond(), 2);
    }

    // util::get_escaped_string(s, false): whitespace and non-printable bytes as \xNN
    private static String escapeHeaderValue(String s) {
        LineBuffer b = new LineBuffer(s.length() + 8);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c <= 0x20 || c >= 0x7f) {
                b.hexEscape(c);
            } else {
                b.append(x);
            }
        }
        return new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
