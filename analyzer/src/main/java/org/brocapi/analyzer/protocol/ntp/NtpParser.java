package org.brocapi.analyzer.protocol.ntp;

import org.brocapi.analyzer.bytes.ByteCursor;

/**
 * Checks an NTP datagram the way Zeek's binpac grammar (ntp-protocol.pac, ntp-mode7.pac) accepts
 * it: modes 1–5 need the 48-byte standard header (RFC 5905 §7.3), mode 6 its 12-byte control
 * header plus {@code count} data bytes (RFC 9327 §2), mode 7 its 5-byte header plus data; other
 * modes carry opaque data. Pure.
 */
public final class NtpParser {
    private NtpParser() { }

    /** The message, or null when Zeek's parser would throw (the datagram is too short). */
    public static NtpMessage parse(byte[] buf, int off, int len) {
        var in = ByteCursor.of(buf, off, len);
        int first = in.u8();
        int mode = first & 0x07, version = (first & 0x38) >> 3;
        if (mode >= 1 && mode <= 5) {
            in.skip(47);
        } else if (mode == 6) {
            in.skip(9); // second byte, sequence, status, association id, offset
            int count = in.u16();
            in.skip(count);
        } else if (mode == 7) {
            int second = in.u8();
            in.skip(2); // implementation, request code
            int dataLen = in.u16() & 0x0fff;
            in.skip(dataLen);
            if ((second & 0x80) != 0) in.skip(20); // key id + MAC
        }
        return in.truncated() ? null : new NtpMessage(mode, version);
    }
}
