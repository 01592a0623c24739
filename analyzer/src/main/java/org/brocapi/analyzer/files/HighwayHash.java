package org.brocapi.analyzer.files;

/**
 * HighwayHash (Alakuijala, Cox, Wassenberg; the frozen 2017 definition), the keyed hash Zeek's
 * {@code KeyedHash::StaticHash128} uses for file ids. Written from the algorithm's description:
 * four lanes of 64-bit state ({@code v0, v1, mul0, mul1}), 32-byte packets, a length-dependent
 * remainder packet, then permute-and-update rounds (4 for 64 bits, 6 for 128). Checked against
 * the published known-answer vectors ({@code HighwayHashTest}). Stateless: every call hashes one
 * whole input.
 */
public final class HighwayHash {
    private static final long[] INIT0 = {
            0xdbe6d5d5fe4cce2fL, 0xa4093822299f31d0L, 0x13198a2e03707344L, 0x243f6a8885a308d3L};
    private static final long[] INIT1 = {
            0x3bd39e10cb0ef593L, 0xc0acf169b5f18a8cL, 0xbe5466cf34e90c6cL, 0x452821e638d01377L};

    private final long[] v0 = new long[4], v1 = new long[4], mul0 = new long[4], mul1 = new long[4];

    private HighwayHash(long[] key) {
        for (int i = 0; i < 4; i++) {
            mul0[i] = INIT0[i];
            mul1[i] = INIT1[i];
            v0[i] = INIT0[i] ^ key[i];
            v1[i] = INIT1[i] ^ swap32(key[i]);
        }
    }

    /** The 64-bit hash of {@code data[off, off+len)} under the 256-bit {@code key} (4 words). */
    public static long hash64(long[] key, byte[] data, int off, int len) {
        HighwayHash h = absorb(key, data, off, len);
        for (int i = 0; i < 4; i++) h.permuteAndUpdate();
        return h.v0[0] + h.v1[0] + h.mul0[0] + h.mul1[0];
    }

    /** The 128-bit hash as Zeek's {@code hash128_t}: {@code {low word, high word}}. */
    public static long[] hash128(long[] key, byte[] data, int off, int len) {
        HighwayHash h = absorb(key, data, off, len);
        for (int i = 0; i < 6; i++) h.permuteAndUpdate();
        return new long[] {
                h.v0[0] + h.mul0[0] + h.v1[2] + h.mul1[2],
                h.v0[1] + h.mul0[1] + h.v1[3] + h.mul1[3]};
    }

    private static HighwayHash absorb(long[] key, byte[] data, int off, int len) {
        if (key.length != 4) throw new IllegalArgumentException("a HighwayHash key has 4 words, got " + key.length);
        HighwayHash h = new HighwayHash(key);
        int end = off + len, p = off;
        for (; end - p >= 32; p += 32) {
            h.update(le64(data, p), le64(data, p + 8), le64(data, p + 16), le64(data, p + 24));
        }
        if (end > p) h.remainder(data, p, end - p);
        return h;
    }

    private void update(long a0, long a1, long a2, long a3) {
        lane(0, a0);
        lane(1, a1);
        lane(2, a2);
        lane(3, a3);
        // the zipper merge spreads the multiplications' best-mixed middle bytes across lanes
        long a = v1[1], b = v1[0];
        v0[1] += zipHi(a, b);
        v0[0] += zipLo(a, b);
        a = v1[3];
        b = v1[2];
        v0[3] += zipHi(a, b);
        v0[2] += zipLo(a, b);
        a = v0[1];
        b = v0[0];
        v1[1] += zipHi(a, b);
        v1[0] += zipLo(a, b);
        a = v0[3];
        b = v0[2];
        v1[3] += zipHi(a, b);
        v1[2] += zipLo(a, b);
    }

    private void lane(int i, long in) {
        v1[i] += mul0[i] + in;
        mul0[i] ^= (v1[i] & 0xffffffffL) * (v0[i] >>> 32);
        v0[i] += mul1[i];
        mul1[i] ^= (v0[i] & 0xffffffffL) * (v1[i] >>> 32);
    }

    /** Byte shuffle of the 128-bit value {@code hi:lo}: what is added to the low lane. */
    private static long zipLo(long hi, long lo) {
        return (((lo & 0xff000000L) | (hi & 0xff00000000L)) >>> 24)
                | (((lo & 0xff0000000000L) | (hi & 0xff000000000000L)) >>> 16)
                | (lo & 0xff0000L)
                | ((lo & 0xff00L) << 32)
                | ((hi & 0xff00000000000000L) >>> 8)
                | (lo << 56);
    }

    /** The same shuffle's part added to the high lane. */
    private static long zipHi(long hi, long lo) {
        return (((hi & 0xff000000L) | (lo & 0xff00000000L)) >>> 24)
                | (hi & 0xff0000L)
                | ((hi & 0xff0000000000L) >>> 16)
                | ((hi & 0xff00L) << 24)
                | ((lo & 0xff000000000000L) >>> 8)
                | ((hi & 0xffL) << 48)
                | (lo & 0xff00000000000000L);
    }

    /** The last {@code n} (1..31) bytes: the length enters the state, then one padded packet. */
    private void remainder(byte[] data, int p, int n) {
        for (int i = 0; i < 4; i++) {
            v0[i] += ((long) n << 32) + n;
            v1[i] = rotate32(v1[i], n);
        }
        byte[] packet = new byte[32];
        int whole4 = n & ~3, mod4 = n & 3;
        System.arraycopy(data, p, packet, 0, whole4);
        int rest = p + whole4;
        if ((n & 16) != 0) {
            // the last 4 bytes of the input (overlapping the copied part) fill the packet's end
            for (int i = 0; i < 4; i++) packet[28 + i] = data[rest + i + mod4 - 4];
        } else if (mod4 != 0) {
            packet[16] = data[rest];
            packet[17] = data[rest + (mod4 >> 1)];
            packet[18] = data[rest + mod4 - 1];
        }
        update(le64(packet, 0), le64(packet, 8), le64(packet, 16), le64(packet, 24));
    }

    private void permuteAndUpdate() {
        update(swap32(v0[2]), swap32(v0[3]), swap32(v0[0]), swap32(v0[1]));
    }

    /** Each 32-bit half rotated left by {@code count}. */
    private static long rotate32(long v, int count) {
        long lo = Integer.rotateLeft((int) v, count) & 0xffffffffL;
        long hi = Integer.rotateLeft((int) (v >>> 32), count) & 0xffffffffL;
        return hi << 32 | lo;
    }

    private static long swap32(long v) {
        return v >>> 32 | v << 32;
    }

    static long le64(byte[] b, int i) {
        long v = 0;
        for (int k = 7; k >= 0; k--) v = v << 8 | (b[i + k] & 0xffL);
        return v;
    }
}
