package org.brocapi.analyzer.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Builds frames for tests in plain Java (no scapy): link headers, IPv4/IPv6 with correct lengths
 * and checksums, TCP/UDP/ICMP with correct pseudo-header checksums. Checksums are computed here
 * independently of the analyzer's own code.
 */
public final class Frames {
    private Frames() { }

    public static final byte[] MAC_A = {2, 0, 0, 0, 0, 1}, MAC_B = {2, 0, 0, 0, 0, 2};

    public static byte[] addr(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) b.put(p);
        return b.array();
    }

    public static byte[] ethernet(int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put(MAC_B).put(MAC_A).putShort((short) etherType).put(payload);
        return b.array();
    }

    /** An 802.1Q / 802.1ad tag: TPID is the caller's ethertype, this is TCI + inner type. */
    public static byte[] vlanTag(int vlanId, int innerType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.putShort((short) vlanId).putShort((short) innerType).put(payload);
        return b.array();
    }

    public static byte[] mplsLabel(int label, boolean bottom, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.putInt(label << 12 | (bottom ? 0x100 : 0) | 64).put(payload);
        return b.array();
    }

    public static byte[] pppoeSession(int session, int pppProto, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.put((byte) 0x11).put((byte) 0).putShort((short) session).putShort((short) (payload.length + 2))
                .putShort((short) pppProto).put(payload);
        return b.array();
    }

    public static byte[] linuxSll(int proto, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(MAC_A).putShort((short) 0)
                .putShort((short) proto).put(payload);
        return b.array();
    }

    public static byte[] linuxSll2(int proto, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) proto).putShort((short) 0).putInt(2).putShort((short) 1).put((byte) 0).put((byte) 6)
                .put(MAC_A).putShort((short) 0).put(payload);
        return b.array();
    }

    /** NFLOG (LINKTYPE_NFLOG): header, a prefix TLV, then the payload TLV; TLVs little-endian. */
    public static byte[] nflog(int family, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 12 + 4 + payload.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) family).put((byte) 0).putShort((short) 0);
        b.putShort((short) 9).putShort((short) 10).put("abcde".getBytes()).put(new byte[3]); // NFULA_PREFIX, padded
        b.putShort((short) (4 + payload.length)).putShort((short) 9).put(payload);
        return b.array();
    }

    /** BSD loopback header; {@code littleEndian} for DLT_NULL written on x86, false for LOOP. */
    public static byte[] bsdLoopback(int af, boolean littleEndian, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.putInt(littleEndian ? Integer.reverseBytes(af) : af).put(payload);
        return b.array();
    }

    // ------------------------------------------------------------------ IP

    public static Ipv4 ipv4(String src, String dst, int proto) {
        return new Ipv4(addr(src), addr(dst), proto);
    }

    /** An IPv4 header builder; {@link #build} fills the total length and the header checksum. */
    public static final class Ipv4 {
        final byte[] src, dst;
        final int proto;
        int id = 1, ttl = 64, flagsOffset;
        byte[] options = new byte[0];
        Integer totalLenOverride;
        boolean breakChecksum;

        Ipv4(byte[] src, byte[] dst, int proto) {
            this.src = src;
            this.dst = dst;
            this.proto = proto;
        }

        public Ipv4 id(int v) { id = v; return this; }
        public Ipv4 ttl(int v) { ttl = v; return this; }
        /** Fragment: {@code offset} in bytes (multiple of 8), more-fragments flag. */
        public Ipv4 fragment(int offset, boolean mf) { flagsOffset = (flagsOffset & 0x4000) | (mf ? 0x2000 : 0) | offset / 8; return this; }
        public Ipv4 dontFragment() { flagsOffset |= 0x4000; return this; }
        public Ipv4 options(byte[] o) { options = o; return this; }
        public Ipv4 totalLen(int v) { totalLenOverride = v; return this; }
        public Ipv4 badChecksum() { breakChecksum = true; return this; }

        public byte[] build(byte[] payload) {
            int hl = 20 + options.length;
            ByteBuffer b = ByteBuffer.allocate(hl + payload.length);
            b.put((byte) (0x40 | hl / 4)).put((byte) 0)
                    .putShort((short) (totalLenOverride != null ? totalLenOverride : hl + payload.length))
                    .putShort((short) id).putShort((short) flagsOffset).put((byte) ttl).put((byte) proto)
                    .putShort((short) 0).put(src).put(dst).put(options).put(payload);
            byte[] a = b.array();
            int c = checksum(a, 0, hl, 0) ^ (breakChecksum ? 0x0101 : 0);
            a[10] = (byte) (c >>> 8);
            a[11] = (byte) c;
            return a;
        }
    }

    /** An IPv6 header; {@code extAndPayload} starts with the first extension header if any. */
    public static byte[] ipv6(String src, String dst, int nextHeader, byte[] extAndPayload) {
        ByteBuffer b = ByteBuffer.allocate(40 + extAndPayload.length);
        b.putInt(0x60000000).putShort((short) extAndPayload.length).put((byte) nextHeader).put((byte) 64)
                .put(addr(src)).put(addr(dst)).put(extAndPayload);
        return b.array();
    }

    /** A generic extension header (hop-by-hop, destination options) padded with PadN to a multiple of 8. */
    public static byte[] extHeader(int next, byte[] options) {
        int len = (2 + options.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(len);
        b.put((byte) next).put((byte) (len / 8 - 1)).put(options);
        int pad = len - 2 - options.length;
        if (pad == 1) b.put((byte) 0);
        else if (pad > 1) b.put((byte) 1).put((byte) (pad - 2));
        return b.array();
    }

    public static byte[] fragmentHeader(int next, int offset, boolean mf, long id) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.put((byte) next).put((byte) 0).putShort((short) (offset | (mf ? 1 : 0))).putInt((int) id);
        return b.array();
    }

    // ------------------------------------------------------------------ transport

    public static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16;

    public static byte[] tcp(byte[] src, byte[] dst, int sport, int dport, long seq, long ack, int flags,
                             byte[] options, byte[] payload) {
        int hl = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(hl + payload.length);
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack)
                .put((byte) (hl / 4 << 4)).put((byte) flags).putShort((short) 65535).putShort((short) 0)
                .putShort((short) 0).put(options).put(payload);
        byte[] a = b.array();
        int c = checksum(a, 0, a.length, pseudo(src, dst, 6, a.length));
        a[16] = (byte) (c >>> 8);
        a[17] = (byte) c;
        return a;
    }

    public static byte[] udp(byte[] src, byte[] dst, int sport, int dport, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0).put(payload);
        byte[] a = b.array();
        int c = checksum(a, 0, a.length, pseudo(src, dst, 17, a.length));
        if (c == 0) c = 0xffff; // RFC 768: a computed zero is sent as all ones
        a[6] = (byte) (c >>> 8);
        a[7] = (byte) c;
        return a;
    }

    public static byte[] icmp(int type, int code, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(8 + rest.length);
        b.put((byte) type).put((byte) code).putShort((short) 0).putShort((short) 0x1234).putShort((short) 1).put(rest);
        byte[] a = b.array();
        int c = checksum(a, 0, a.length, 0);
        a[2] = (byte) (c >>> 8);
        a[3] = (byte) c;
        return a;
    }

    public static byte[] icmp6(byte[] src, byte[] dst, int type, int code, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(8 + rest.length);
        b.put((byte) type).put((byte) code).putShort((short) 0).putShort((short) 0x1234).putShort((short) 1).put(rest);
        byte[] a = b.array();
        int c = checksum(a, 0, a.length, pseudo(src, dst, 58, a.length));
        a[2] = (byte) (c >>> 8);
        a[3] = (byte) c;
        return a;
    }

    /** Flips bits in a 16-bit checksum field at {@code at}, making it wrong. */
    public static byte[] corrupt(byte[] a, int at) {
        byte[] c = a.clone();
        c[at] ^= 0x5a;
        return c;
    }

    private static long pseudo(byte[] src, byte[] dst, int proto, int len) {
        long s = 0;
        for (int i = 0; i < src.length; i += 2) s += (src[i] & 0xff) << 8 | (src[i + 1] & 0xff);
        for (int i = 0; i < dst.length; i += 2) s += (dst[i] & 0xff) << 8 | (dst[i + 1] & 0xff);
        return s + proto + len;
    }

    /** RFC 1071, word by word: the value to store in the checksum field. */
    static int checksum(byte[] a, int off, int len, long initial) {
        long s = initial;
        for (int i = 0; i < len; i += 2) {
            int hi = a[off + i] & 0xff;
            int lo = i + 1 < len ? a[off + i + 1] & 0xff : 0;
            s += hi << 8 | lo;
        }
        while ((s >> 16) != 0) s = (s & 0xffff) + (s >> 16);
        return (int) (~s & 0xffff);
    }
}
