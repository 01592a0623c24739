package org.brocapi.analyzer.protocol.dhcp;

import org.brocapi.analyzer.bytes.ByteCursor;

/**
 * Parses a DHCP message as Zeek's binpac grammar (dhcp-protocol.pac) does: the 236-byte BOOTP
 * header (RFC 2131 §2), the cookie, then options up to and including the end option 255
 * (pad 0 and end have no length byte, RFC 2132 §3.1–3.2). Pure.
 */
public final class DhcpParser {
    private static final int MSG_TYPE_OPTION = 53;

    private DhcpParser() { }

    /** The message, or null when the grammar runs out of data (Zeek: a binpac exception). */
    public static DhcpMessage parse(byte[] buf, int off, int len) {
        var in = ByteCursor.of(buf, off, len);
        int op = in.u8();
        in.skip(3); // htype, hlen, hops
        long xid = in.u32();
        in.skip(2 + 2 + 16 + 16 + 64 + 128); // secs, flags, 4 addresses, chaddr, sname, file
        long cookie = in.u32();
        int type = 0;
        while (!in.truncated()) {
            int code = in.u8();
            if (in.truncated() || code == 255) break;
            if (code == 0) continue;
            int optLen = in.u8();
            if (code == MSG_TYPE_OPTION && type == 0 && optLen >= 1) {
                int start = in.position();
                type = in.u8();
                in.skip(optLen - (in.position() - start));
            } else {
                in.skip(optLen);
            }
        }
        return in.truncated() ? null : new DhcpMessage(op, xid, cookie, type);
    }
}
