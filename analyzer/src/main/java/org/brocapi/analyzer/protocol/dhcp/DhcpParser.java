package org.brocapi.analyzer.protocol.dhcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.brocapi.analyzer.bytes.ByteCursor;

/**
 * Parses a DHCP message as Zeek's binpac grammar (dhcp-protocol.pac, dhcp-options.pac) does: the
 * 236-byte BOOTP header (RFC 2131 §2), the cookie, then options up to and including the end
 * option 255 (pad 0 and end have no length byte, RFC 2132 §3.1–3.2). Like the grammar, a value
 * is read by its option's type, not by the length byte alone: an address option always takes 4
 * bytes, an address list {@code 4 * (len / 4)}, and the relay agent option (82) reads
 * sub-options until their running byte sum equals its length. Pure.
 */
public final class DhcpParser {
    private static final int MSG_TYPE = 53, HOST_NAME = 12, DOMAIN_NAME = 15, ADDR_REQUEST = 50, LEASE = 51,
            MESSAGE = 56, CLIENT_ID = 61, CLIENT_FQDN = 81, RELAY_AGENT = 82;

    private DhcpParser() { }

    /** The message, or null when the grammar runs out of data (Zeek: a binpac exception). */
    public static DhcpMessage parse(byte[] buf, int off, int len) {
        return parse(buf, off, len, 0);
    }

    /**
     * As {@link #parse(byte[], int, int)}, with the relay-agent byte sum the flow carried over
     * from its previous message: Zeek keeps that sum per flow and never resets it.
     */
    public static DhcpMessage parse(byte[] buf, int off, int len, int relaySumLen) {
        var in = ByteCursor.of(buf, off, len);
        int op = in.u8();
        in.skip(3); // htype, hlen, hops
        long xid = in.u32();
        in.skip(2 + 2 + 4); // secs, flags, ciaddr
        byte[] yiaddr = new byte[4];
        in.read(yiaddr, 0, 4);
        in.skip(4 + 4); // siaddr, giaddr
        byte[] chaddr = new byte[16];
        in.read(chaddr, 0, 16);
        in.skip(64 + 128); // sname, file
        long cookie = in.u32();
        if (in.truncated()) return null;

        int type = 0;
        boolean typeSeen = false;
        byte[] message = null, hostName = null, clientFqdn = null, addrRequest = null, domainName = null;
        Integer clientIdType = null;
        String clientIdAddr = null;
        Long lease = null;
        List<DhcpMessage.SubOption> subOptions = null;
        int sumLen = relaySumLen;
        while (true) {
            int code = in.u8();
            if (in.truncated()) return null;
            if (code == 255) break;
            if (code == 0) continue;
            int optLen = in.u8();
            switch (code) {
                case MSG_TYPE -> {
                    int t = in.u8();
                    if (!typeSeen) type = t;
                    typeSeen = true;
                }
                case ADDR_REQUEST -> addrRequest = bytes(in, 4);
                case LEASE -> lease = in.u32();
                case 1, 2, 28, 54, 58, 59 -> in.skip(4); // subnet, time offset, broadcast, server id, T1, T2
                case 3, 4, 5, 6, 42, 44 -> in.skip(4 * (optLen / 4)); // address lists
                case 19, 116 -> in.skip(1); // forwarding, auto-config
                case 57 -> in.skip(2); // maximum message size
                case HOST_NAME -> hostName = bytes(in, optLen);
                case DOMAIN_NAME -> domainName = trimNuls(bytes(in, optLen));
                case MESSAGE -> message = bytes(in, optLen);
                case CLIENT_ID -> {
                    if (optLen < 1) return null; // a negative string length in the grammar
                    int hwtype = in.u8();
                    byte[] hwaddr = bytes(in, optLen - 1);
                    clientIdType = hwtype;
                    // type 0 is an opaque identifier; anything else is a hardware address
                    clientIdAddr = hwtype == 0 ? new String(hwaddr, StandardCharsets.ISO_8859_1)
                            : mac(hwaddr, hwaddr.length);
                }
                case CLIENT_FQDN -> {
                    if (optLen < 3) return null;
                    in.skip(3); // flags, rcode1, rcode2 (RFC 4702 §2)
                    clientFqdn = bytes(in, optLen - 3);
                }
                case RELAY_AGENT -> {
                    subOptions = new ArrayList<>();
                    do {
                        int subCode = in.u8(), subLen = in.u8();
                        byte[] value = bytes(in, subLen);
                        if (in.truncated()) return null;
                        subOptions.add(new DhcpMessage.SubOption(subCode, value));
                        sumLen = (sumLen + ((subLen + 2) & 0xff)) & 0xff; // uint8 arithmetic, as Zeek's
                    } while (sumLen != optLen);
                }
                default -> in.skip(optLen);
            }
            if (in.truncated()) return null;
        }
        var options = new DhcpMessage.Options(message, hostName, clientFqdn, clientIdType, clientIdAddr, addrRequest,
                domainName, lease, subOptions);
        return new DhcpMessage(op, xid, yiaddr, mac(chaddr, chaddr.length), cookie, type, options, sumLen);
    }

    private static byte[] bytes(ByteCursor in, int n) {
        byte[] v = new byte[Math.max(0, Math.min(n, in.remaining()))];
        if (n > in.remaining()) {
            in.skip(n);
            return v;
        }
        in.read(v, 0, n);
        return v;
    }

    /** The domain-name option up to its last non-NUL byte; Zeek's loop makes a one-byte name empty. */
    private static byte[] trimNuls(byte[] v) {
        int last = 0;
        for (int i = 0; i < v.length; i++) if (v[i] != 0) last = i;
        return Arrays.copyOf(v, last == 0 ? 0 : last + 1);
    }

    /**
     * Zeek's {@code fmt_mac}: EUI-48, or EUI-64 when 8+ bytes are given and bytes 6–7 are not both
     * zero; empty for other lengths.
     */
    static String mac(byte[] m, int len) {
        if (len < 8 && len != 6) return "";
        int n = len == 6 || (m[6] == 0 && m[7] == 0) ? 6 : 8;
        var sb = new StringBuilder(3 * n);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(':');
            sb.append(Character.forDigit((m[i] >> 4) & 0xf, 16)).append(Character.forDigit(m[i] & 0xf, 16));
        }
        return sb.toString();
    }
}
