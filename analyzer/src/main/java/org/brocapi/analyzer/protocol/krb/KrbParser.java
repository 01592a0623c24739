package org.brocapi.analyzer.protocol.krb;

import java.util.Set;

import org.brocapi.analyzer.bytes.ByteCursor;

/**
 * Checks that bytes are one Kerberos message: an ASN.1 application tag naming a message type
 * (RFC 4120 §5.10) whose contents are well-formed DER all the way down. Zeek's binpac grammar
 * reads every field; this reads the structure only, which is what decides whether Zeek's parse
 * succeeds (confirmation) or throws (violation) on real traffic. Pure.
 */
final class KrbParser {
    /** AS-REQ 10, AS-REP 11, TGS-REQ 12, TGS-REP 13, AP-REQ 14, AP-REP 15, SAFE 20, PRIV 21, CRED 22, ERROR 30. */
    static final Set<Integer> MESSAGE_TYPES = Set.of(10, 11, 12, 13, 14, 15, 20, 21, 22, 30);
    /** ASN.1 application class, constructed: tag 0x60 + type. */
    private static final int APP_TAG_OFFSET = 0x60;
    /** Deeper nesting than any Kerberos message has; stops hostile recursion. */
    private static final int MAX_DEPTH = 32;

    private KrbParser() { }

    /** The message type, or -1 when the bytes are not a well-formed Kerberos message. */
    static int messageType(byte[] b, int off, int len) {
        var in = ByteCursor.of(b, off, len);
        int tag = in.u8();
        long n = length(in);
        if (in.truncated() || n > in.remaining()) return -1;
        int type = tag - APP_TAG_OFFSET;
        if (!MESSAGE_TYPES.contains(type)) return -1;
        return wellFormed(in.slice((int) n), 0) ? type : -1;
    }

    /** Every TLV inside fits its parent; constructed ones are checked recursively. */
    private static boolean wellFormed(ByteCursor in, int depth) {
        if (depth > MAX_DEPTH) return false;
        while (in.hasRemaining(1)) {
            int tag = in.u8();
            long n = length(in);
            if (in.truncated() || n > in.remaining()) return false;
            ByteCursor content = in.slice((int) n);
            if ((tag & 0x20) != 0 && !wellFormed(content, depth + 1)) return false;
        }
        return !in.truncated();
    }

    /** A DER length: short form, or 0x80|k then k big-endian bytes (Zeek's ASN1EncodingMeta). */
    private static long length(ByteCursor in) {
        int first = in.u8();
        if ((first & 0x80) == 0) return first;
        int k = first & 0x7f;
        if (k > 4) {
            in.skip(in.remaining() + 1); // longer than any message we could buffer: mark truncated
            return 0;
        }
        long n = 0;
        for (int i = 0; i < k; i++) n = n << 8 | in.u8();
        return n;
    }
}
