package org.brocapi.analyzer.files.x509;

import java.util.ArrayList;
import java.util.List;

import org.brocapi.analyzer.files.x509.DerReader.Tlv;

/**
 * A Name (RFC 5280 §4.1.2.4) as Zeek prints subject and issuer: OpenSSL's
 * {@code X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253)}. That is RFC 2253 order (last RDN
 * first), {@code ,} between RDNs and {@code +} inside a multi-valued one, short attribute names
 * ({@code CN}, {@code O}, …; an unknown type as its OID with the value dumped as {@code #}hex of
 * its DER), and values escaped per RFC 2253 §2.4: {@code ,+"\<>;} with a backslash, a leading
 * {@code #} or space and a trailing space likewise, control characters and every byte of a
 * non-ASCII character (as UTF-8) as {@code \XX}.
 */
final class X509NameFormatter {
    private X509NameFormatter() { }

    private static final int MAX = 2047;

    /** Null when the Name is malformed (OpenSSL's d2i_X509 then fails). */
    static String format(Tlv name) {
        record Entry(int set, String oid, Tlv value) { }
        List<Entry> entries = new ArrayList<>();
        DerReader rdns = name.contents();
        int set = 0;
        while (rdns.hasMore()) {
            Tlv rdn = rdns.read(DerReader.SET);
            if (rdn == null) return null;
            DerReader atvs = rdn.contents();
            // an empty RDN is not a valid Name for OpenSSL's decoder
            if (!atvs.hasMore()) return null;
            while (atvs.hasMore()) {
                Tlv atv = atvs.read(DerReader.SEQUENCE);
                if (atv == null) return null;
                DerReader a = atv.contents();
                String oid = DerReader.oid(a.read(DerReader.OID));
                Tlv value = a.read();
                if (oid == null || value == null || a.hasMore()) return null;
                entries.add(new Entry(set, oid, value));
            }
            set++;
        }
        if (rdns.failed()) return null;
        StringBuilder sb = new StringBuilder();
        int prev = -1;
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (prev != -1) sb.append(prev == e.set ? '+' : ',');
            prev = e.set;
            String sn = X509Names.attribute(e.oid);
            sb.append(sn != null ? sn : e.oid).append('=');
            value(sb, e.value, sn == null);
        }
        return sb.length() > MAX ? sb.substring(0, MAX) : sb.toString();
    }

    /** do_print_ex: the characters of a known string type, or {@code #}hex of the DER encoding. */
    private static void value(StringBuilder sb, Tlv v, boolean dumpAll) {
        int width = dumpAll || v.constructed() || (v.tag() & 0xc0) != 0 ? -1 : charWidth(v.tagNumber());
        if (width < 0) {
            sb.append('#');
            for (byte x : v.encoding()) {
                sb.append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(x & 0xf, 16)));
            }
            return;
        }
        byte[] b = v.b();
        int end = v.off() + v.len();
        for (int p = v.off(); p < end; ) {
            boolean first = p == v.off();
            if (p + width > end) return; // a partial BMP/Universal character: OpenSSL stops with an error
            int c = 0;
            for (int k = 0; k < width; k++) c = c << 8 | (b[p + k] & 0xff);
            p += width;
            boolean last = p == end;
            if (width == 1 && v.tagNumber() == 12) {
                // UTF8String under UTF8_CONVERT is taken one byte per character (no re-encoding)
                escape(sb, c, first, last);
            } else if (!utf8(sb, c & 0xffffffffL, first, last)) {
                return; // beyond U+10FFFF: UTF8_putc fails and so does the print
            }
        }
    }

    /** UTF8_putc (surrogates included, as OpenSSL does), each byte escaped. */
    private static boolean utf8(StringBuilder sb, long c, boolean first, boolean last) {
        if (c < 0x80) {
            escape(sb, (int) c, first, last);
        } else if (c < 0x800) {
            escape(sb, (int) (0xc0 | c >> 6), first, last);
            escape(sb, (int) (0x80 | c & 0x3f), first, last);
        } else if (c < 0x10000) {
            escape(sb, (int) (0xe0 | c >> 12), first, last);
            escape(sb, (int) (0x80 | c >> 6 & 0x3f), first, last);
            escape(sb, (int) (0x80 | c & 0x3f), first, last);
        } else if (c <= 0x10ffff) {
            escape(sb, (int) (0xf0 | c >> 18), first, last);
            escape(sb, (int) (0x80 | c >> 12 & 0x3f), first, last);
            escape(sb, (int) (0x80 | c >> 6 & 0x3f), first, last);
            escape(sb, (int) (0x80 | c & 0x3f), first, last);
        } else {
            return false;
        }
        return true;
    }

    /** OpenSSL's tag2nbyte: bytes per character of the string types, -1 for the rest. */
    private static int charWidth(int tag) {
        return switch (tag) {
            case 12, 18, 19, 20, 22, 23, 24, 26 -> 1;
            case 28 -> 4;
            case 30 -> 2;
            default -> -1;
        };
    }

    /** do_esc_char with ESC_2253 | ESC_CTRL | ESC_MSB. */
    private static void escape(StringBuilder sb, int c, boolean first, boolean last) {
        boolean bs = c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';'
                || first && (c == '#' || c == ' ') || last && c == ' ';
        if (bs) {
            sb.append('\\').append((char) c);
        } else if (c < 0x20 || c >= 0x7f) {
            sb.append('\\').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        } else {
            sb.append((char) c);
        }
    }
}
