package org.brocapi.analyzer.conn;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP subnet over 16-byte addresses (IPv4 as v4-mapped, so an IPv4 /n is a /96+n), parsed from
 * Zeek's literal forms {@code 10.0.0.0/8} and {@code [2002::]/24}.
 */
public record Subnet(long hi, long lo, int bits) {

    public static Subnet parse(String text) {
        String t = text.strip();
        int slash = t.lastIndexOf('/');
        if (slash < 0) throw new IllegalArgumentException("not a subnet: " + text);
        String addr = t.substring(0, slash).replace("[", "").replace("]", "");
        int len = Integer.parseInt(t.substring(slash + 1).strip());
        byte[] a;
        try {
            if (!addr.matches("[0-9a-fA-F:.]+")) throw new IllegalArgumentException("not a subnet: " + text);
            a = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a subnet: " + text);
        }
        byte[] a16 = new byte[16];
        if (a.length == 4) {
            a16[10] = (byte) 0xff;
            a16[11] = (byte) 0xff;
            System.arraycopy(a, 0, a16, 12, 4);
            len += 96;
        } else {
            a16 = a;
        }
        if (len < 0 || len > 128) throw new IllegalArgumentException("bad prefix length: " + text);
        return new Subnet(ConnKey.hi(a16) & mask(len, 0), ConnKey.lo(a16) & mask(len, 64), len);
    }

    private static long mask(int bits, int from) {
        int n = Math.max(0, Math.min(64, bits - from));
        return n == 0 ? 0 : -1L << (64 - n);
    }

    public boolean contains(byte[] addr16) {
        return (ConnKey.hi(addr16) & mask(bits, 0)) == hi && (ConnKey.lo(addr16) & mask(bits, 64)) == lo;
    }
}
