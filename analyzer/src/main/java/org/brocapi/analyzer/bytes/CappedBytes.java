package org.brocapi.analyzer.bytes;

import java.util.Arrays;

/**
 * Appending to a byte array that keeps at most the first {@code cap} bytes of a stream (a file's
 * bof buffer, a connection's detection prefix). The array grows with the data, doubling, so the
 * many short streams never pay for the cap up front.
 */
public final class CappedBytes {
    private CappedBytes() { }

    /**
     * Appends what fits of {@code src[off, off+len)} after the {@code have} bytes of {@code buf}
     * and returns the array holding the result ({@code buf} or a larger copy); the new length is
     * {@code min(cap, have + len)}. {@code minGrowth} is the smallest array ever allocated.
     */
    public static byte[] append(byte[] buf, int have, byte[] src, int off, int len, int cap, int minGrowth) {
        int n = Math.min(len, cap - have);
        if (n <= 0) return buf;
        if (have + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(cap, Math.max(Math.max(have + n, 2 * buf.length), minGrowth)));
        }
        System.arraycopy(src, off, buf, have, n);
        return buf;
    }
}
