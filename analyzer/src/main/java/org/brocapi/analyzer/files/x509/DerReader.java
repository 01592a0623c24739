package org.brocapi.analyzer.files.x509;

import org.brocapi.analyzer.bytes.ByteCursor;

/**
 * Reads DER TLVs (ITU-T X.690 §8.1) from a {@link ByteCursor}. Malformed input never throws: a
 * bad tag or length, or a value running past its container, sets {@link #failed()}, which stays
 * set, so a parser reads a structure element by element and checks once.
 */
final class DerReader {
    static final int BOOLEAN = 0x01, INTEGER = 0x02, BIT_STRING = 0x03, OCTET_STRING = 0x04, OID = 0x06,
            UTC_TIME = 0x17, GENERALIZED_TIME = 0x18, SEQUENCE = 0x30, SET = 0x31;

    private final ByteCursor in;
    private boolean failed;

    DerReader(ByteCursor in) {
        this.in = in;
    }

    static DerReader of(byte[] b, int off, int len) {
        return new DerReader(ByteCursor.of(b, off, len));
    }

    boolean failed() {
        return failed || in.truncated();
    }

    boolean hasMore() {
        return !failed() && in.remaining() > 0;
    }

    /** The next element's identifier octet without consuming it; -1 at the end. */
    int peekTag() {
        return failed() ? -1 : in.peekU8(0);
    }

    /** One element; its tag must be {@code tag} (a single identifier octet), else failure. */
    Tlv read(int tag) {
        Tlv t = read();
        if (t != null && t.tag != tag) {
            failed = true;
            return null;
        }
        return t;
    }

    /** The next element of any tag; null (and failure) when it cannot be read. */
    Tlv read() {
        if (failed() || in.remaining() == 0) {
            failed = true;
            return null;
        }
        int start = in.position();
        int tag = in.u8();
        // high tag numbers (X.690 §8.1.2.4) do not occur in certificates' structure; reject them
        if ((tag & 0x1f) == 0x1f) {
            failed = true;
            return null;
        }
        int first = in.u8();
        long len;
        if (first < 0x80) {
            len = first;
        } else {
            int n = first & 0x7f;
            // indefinite length (0x80) is not DER; more than 4 length octets cannot fit an array
            if (n == 0 || n > 4) {
                failed = true;
                return null;
            }
            len = 0;
            for (int i = 0; i < n; i++) len = len << 8 | in.u8();
        }
        if (in.truncated() || len > in.remaining()) {
            failed = true;
            return null;
        }
        int valueOff = in.position();
        in.skip((int) len);
        return new Tlv(tag, in.array(), start, valueOff, (int) len);
    }

    /** One element: identifier, the value's window in {@code b}, and where the whole TLV starts. */
    record Tlv(int tag, byte[] b, int start, int off, int len) {
        DerReader contents() {
            return DerReader.of(b, off, len);
        }

        /** The whole encoding, identifier and length included. */
        byte[] encoding() {
            return java.util.Arrays.copyOfRange(b, start, off + len);
        }

        byte[] value() {
            return java.util.Arrays.copyOfRange(b, off, off + len);
        }

        int tagNumber() {
            return tag & 0x1f;
        }

        boolean constructed() {
            return (tag & 0x20) != 0;
        }
    }

    /**
     * An OBJECT IDENTIFIER's dotted form (X.690 §8.19); null when malformed (empty, a
     * sub-identifier not ending, or one too large for a long).
     */
    static String oid(Tlv t) {
        if (t == null || t.len == 0) return null;
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean firstArc = true;
        for (int i = 0; i < t.len; i++) {
            int x = t.b[t.off + i] & 0xff;
            if (v > (Long.MAX_VALUE >>> 7)) return null;
            v = v << 7 | (x & 0x7f);
            if ((x & 0x80) != 0) continue;
            if (firstArc) {
                // the first sub-identifier packs the first two arcs: 40 * X + Y, X at most 2
                long a = v < 80 ? v / 40 : 2;
                sb.append(a).append('.').append(v - 40 * a);
                firstArc = false;
            } else {
                sb.append('.').append(v);
            }
            v = 0;
        }
        return (t.b[t.off + t.len - 1] & 0x80) != 0 ? null : sb.toString();
    }
}
