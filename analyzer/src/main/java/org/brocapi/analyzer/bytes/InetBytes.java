package org.brocapi.analyzer.bytes;

/**
 * Addresses as the analyzer keeps them: 16 bytes, IPv4 in its v4-mapped form
 * ({@code ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2).
 */
public final class InetBytes {
    private InetBytes() { }

    /** The IPv4 address in {@code b[off, off+4)} (network order), v4-mapped. */
    public static byte[] v4Mapped(byte[] b, int off) {
        byte[] a = new byte[16];
        a[10] = a[11] = (byte) 0xff;
        System.arraycopy(b, off, a, 12, 4);
        return a;
    }
}
