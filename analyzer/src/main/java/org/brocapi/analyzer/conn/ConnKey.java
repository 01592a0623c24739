package org.brocapi.analyzer.conn;

/**
 * The session-table key of a connection: both endpoints in canonical order (lower address first,
 * then lower port, as Zeek's {@code addr_port_canon_lt}), plus the IP protocol. One-way ICMP
 * messages are not canonicalised, as in Zeek.
 *
 * <p>Its natural order is Zeek's byte order of the packed key ({@code ip1, ip2, port1, port2,
 * proto}), which decides the order connections are flushed at the end of the input.
 * A lookup key is mutable and reused per packet ({@link #set}); the table stores {@link #copy}s.
 */
public final class ConnKey implements Comparable<ConnKey> {
    long a1hi, a1lo, a2hi, a2lo;
    int port1, port2, proto;
    /** True when the packet's source is the key's second endpoint. */
    boolean srcIsSecond;
    private int hash;

    /**
     * Sets the key from a packet's endpoints. {@code src}/{@code dst} are 16-byte addresses
     * (IPv4 v4-mapped).
     */
    public ConnKey set(byte[] src, int srcPort, byte[] dst, int dstPort, int proto, boolean oneWay) {
        long shi = hi(src), slo = lo(src), dhi = hi(dst), dlo = lo(dst);
        boolean srcFirst = oneWay || canonLess(shi, slo, srcPort, dhi, dlo, dstPort);
        if (srcFirst) {
            a1hi = shi; a1lo = slo; a2hi = dhi; a2lo = dlo; port1 = srcPort; port2 = dstPort;
        } else {
            a1hi = dhi; a1lo = dlo; a2hi = shi; a2lo = slo; port1 = dstPort; port2 = srcPort;
        }
        this.proto = proto;
        srcIsSecond = !srcFirst;
        long h = a1hi * 31 + a1lo;
        h = h * 31 + a2hi;
        h = h * 31 + a2lo;
        h = h * 31 + ((long) port1 << 16 | port2);
        h = h * 31 + proto;
        hash = (int) (h ^ (h >>> 32));
        return this;
    }

    public ConnKey copy() {
        var k = new ConnKey();
        k.a1hi = a1hi; k.a1lo = a1lo; k.a2hi = a2hi; k.a2lo = a2lo;
        k.port1 = port1; k.port2 = port2; k.proto = proto; k.hash = hash;
        return k;
    }

    /**
     * Zeek compares the ports as stored, in network byte order, inside a host-order integer: on
     * the little-endian machines Zeek runs on that is the byte-swapped value.
     */
    static boolean canonLess(byte[] a, int ap, byte[] b, int bp) {
        return canonLess(hi(a), lo(a), ap, hi(b), lo(b), bp);
    }

    private static boolean canonLess(long ahi, long alo, int ap, long bhi, long blo, int bp) {
        int c = Long.compareUnsigned(ahi, bhi);
        if (c == 0) c = Long.compareUnsigned(alo, blo);
        if (c != 0) return c < 0;
        return Integer.reverseBytes(ap) >>> 16 < Integer.reverseBytes(bp) >>> 16;
    }

    static long hi(byte[] a) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (a[i] & 0xff);
        return v;
    }

    static long lo(byte[] a) {
        long v = 0;
        for (int i = 8; i < 16; i++) v = v << 8 | (a[i] & 0xff);
        return v;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnKey k && a1lo == k.a1lo && a2lo == k.a2lo && port1 == k.port1 && port2 == k.port2
                && proto == k.proto && a1hi == k.a1hi && a2hi == k.a2hi;
    }

    /** Byte order of Zeek's packed key: addresses, ports big-endian, then the protocol. */
    @Override
    public int compareTo(ConnKey o) {
        int c = Long.compareUnsigned(a1hi, o.a1hi);
        if (c == 0) c = Long.compareUnsigned(a1lo, o.a1lo);
        if (c == 0) c = Long.compareUnsigned(a2hi, o.a2hi);
        if (c == 0) c = Long.compareUnsigned(a2lo, o.a2lo);
        if (c == 0) c = Integer.compare(port1, o.port1);
        if (c == 0) c = Integer.compare(port2, o.port2);
        // the protocol is a host-order (little-endian) u16: its low byte is compared first
        if (c == 0) c = Integer.compare(Integer.reverseBytes(proto) >>> 16, Integer.reverseBytes(o.proto) >>> 16);
        return c;
    }
}
