package org.brocapi.analyzer.tunnel;

/**
 * Teredo's protocol detection on UDP payloads (Teredo.cc {@code DetectProtocol}): a bare IPv6
 * header with a Teredo (2001:0::/32) address, or authentication / origin indication headers
 * (RFC 4380 §5.1.1) in front of an IPv6 header.
 */
final class TeredoProbe {
    private TeredoProbe() { }

    static boolean matches(byte[] d, int off, int len) {
        if (len < 40) return false;
        int b0 = d[off] & 0xff, b1 = d[off + 1] & 0xff;
        if (b0 >>> 4 != 6 && (b0 != 0 || (b1 != 0 && b1 != 1))) return false;
        // the old dpd_teredo signature, a prefix match in which '.' matches any byte
        if (b0 >>> 4 == 6 && (teredoPrefix(d, off + 8) || teredoPrefix(d, off + 24))) return true;
        int val = b1;
        if (val == 1) {
            // authentication: client id and authenticator lengths, then nonce (8) and confirmation (1)
            int skip = 13 + (d[off + 2] & 0xff) + (d[off + 3] & 0xff);
            if (len < skip) return false;
            off += skip;
            len -= skip;
            if (len < 40) return false;
            val = (d[off] & 0xff) << 8 | (d[off + 1] & 0xff);
        }
        if (val == 0) {
            // origin indication (8 bytes), then the IPv6 header
            off += 8;
            len -= 8;
            return len >= 40 && (d[off] & 0xff) >>> 4 == 6;
        }
        return false;
    }

    private static boolean teredoPrefix(byte[] d, int at) {
        return d[at] == 0x20 && d[at + 1] == 0x01 && d[at + 2] == 0 && d[at + 3] == 0;
    }
}
