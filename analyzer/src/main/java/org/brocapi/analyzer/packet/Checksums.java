package org.brocapi.analyzer.packet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071): a one's-complement sum of 16-bit words. Summing 32-bit words into
 * a 64-bit accumulator and folding at the end gives the same result (RFC 1071 §2(B)) eight bytes
 * per step.
 */
final class Checksums {
    private Checksums() { }

    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Unfolded partial sum of {@code b[off, off+len)}, an odd last byte padded with zero. */
    static long sum(byte[] b, int off, int len, long acc) {
        int i = off;
        int end8 = off + (len & ~7);
        while (i < end8) {
            long v = (long) I64.get(b, i);
            acc += (v >>> 32) + (v & 0xffffffffL);
            i += 8;
        }
        int end = off + len;
        while (i + 1 < end) {
            acc += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
            i += 2;
        }
        if (i < end) acc += (b[i] & 0xff) << 8;
        return acc;
    }

    /** Folds a partial sum to 16 bits; a correct packet folds to 0xffff. */
    static int fold(long acc) {
        while ((acc >>> 16) != 0) acc = (acc & 0xffff) + (acc >>> 16);
        return (int) acc;
    }

    /** The pseudo-header of TCP/UDP/ICMPv6 (RFC 9293 §3.1, RFC 8200 §8.1) for v4-mapped or IPv6 addresses. */
    static long pseudoHeader(boolean v4, byte[] src, byte[] dst, int proto, int length) {
        long acc = v4 ? sum(src, 12, 4, 0) + sum(dst, 12, 4, 0) : sum(src, 0, 16, 0) + sum(dst, 0, 16, 0);
        return acc + proto + (length & 0xffff) + (length >>> 16);
    }
}
