package org.brocapi.analyzer.log;

import java.math.BigInteger;

/**
 * Florian Loitsch's Grisu2 ("Printing Floating-Point Numbers Quickly and Accurately with
 * Integers", PLDI 2010) in the variant rapidjson's {@code internal/dtoa.h} uses, which Zeek's JSON
 * writer prints doubles with. Grisu2 output always reads back as the same double but is not
 * always the shortest such string, so Java's {@code Double.toString} digits would differ from
 * Zeek's now and then; this reproduces them.
 */
final class Grisu2 {
    private Grisu2() {
    }

    // Cached powers 10^k for k = -348, -340, …, 340: 64-bit significand rounded to nearest and
    // binary exponent (the table of the paper, computed here instead of pasted)
    private static final long[] POW_F = new long[87];
    private static final int[] POW_E = new int[87];
    private static final long[] POW10 = new long[20];

    static {
        for (int i = 0; i < 87; i++) {
            int k = -348 + 8 * i;
            BigInteger num = k >= 0 ? BigInteger.TEN.pow(k) : BigInteger.ONE;
            BigInteger den = k >= 0 ? BigInteger.ONE : BigInteger.TEN.pow(-k);
            // find e with 2^63 <= 10^k / 2^e < 2^64
            int e = num.bitLength() - den.bitLength() - 64;
            BigInteger q;
            BigInteger[] qr;
            while (true) {
                BigInteger n = e >= 0 ? num : num.shiftLeft(-e);
                BigInteger d = e >= 0 ? den.shiftLeft(e) : den;
                qr = n.divideAndRemainder(d);
                q = qr[0];
                if (q.bitLength() > 64) {
                    e++;
                } else if (q.bitLength() < 64) {
                    e--;
                } else {
                    if (qr[1].shiftLeft(1).compareTo(d) >= 0) {
                        q = q.add(BigInteger.ONE);
                    }
                    break;
                }
            }
            POW_F[i] = q.longValue();
            POW_E[i] = e;
        }
        long p = 1;
        for (int i = 0; i < 20; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    static long cachedPowerF(int index) {
        return POW_F[index];
    }

    static int cachedPowerE(int index) {
        return POW_E[index];
    }

    /**
     * Digits of positive finite {@code value} into {@code buf}; returns {@code length | K << 32}
     * where value ≈ digits × 10^K.
     */
    static long digits(double value, byte[] buf) {
        long bits = Double.doubleToRawLongBits(value);
        int biasedE = (int) ((bits >>> 52) & 0x7ff);
        long significand = bits & 0x000f_ffff_ffff_ffffL;
        long f;
        int e;
        if (biasedE != 0) {
            f = significand | (1L << 52);
            e = biasedE - 1075;
        } else {
            f = significand;
            e = -1074;
        }
        // boundaries m+ and m-, normalized to m+'s exponent
        long plF = (f << 1) + 1;
        int plE = e - 1;
        while ((plF & (1L << 53)) == 0) {
            plF <<= 1;
            plE--;
        }
        plF <<= 10;
        plE -= 10;
        long miF;
        int miE;
        if (f == (1L << 52)) {
            miF = (f << 2) - 1;
            miE = e - 2;
        } else {
            miF = (f << 1) - 1;
            miE = e - 1;
        }
        miF <<= miE - plE;

        // cached power c = 10^-K with the product's exponent in [-60, -32]
        double dk = (-61 - plE) * 0.30102999566398114 + 347;
        int k = (int) dk;
        if (dk - k > 0.0) {
            k++;
        }
        int index = (k >> 3) + 1;
        int bigK = -(-348 + (index << 3));
        long cF = POW_F[index];
        int cE = POW_E[index];

        int s = Long.numberOfLeadingZeros(f);
        long wF = mul(f << s, cF);
        int wE = e - s + cE + 64;
        long wpF = mul(plF, cF) - 1;
        int wpE = plE + cE + 64;
        long wmF = mul(miF, cF) + 1;
        long delta = wpF - wmF;

        // DigitGen
        int oneE = wpE;   // one = 2^-oneE, same exponent as W+ (wE == wpE here)
        int shift = -oneE;
        long oneF = 1L << shift;
        long wpw = wpF - wF;
        int p1 = (int) (wpF >>> shift);
        long p2 = wpF & (oneF - 1);
        int kappa = decimalDigits(p1);
        int len = 0;
        while (kappa > 0) {
            int div = (int) POW10[kappa - 1];
            int d = Integer.divideUnsigned(p1, div);
            p1 = Integer.remainderUnsigned(p1, div);
            if (d != 0 || len != 0) {
                buf[len++] = (byte) ('0' + d);
            }
            kappa--;
            long tmp = ((p1 & 0xffffffffL) << shift) + p2;
            if (Long.compareUnsigned(tmp, delta) <= 0) {
                bigK += kappa;
                round(buf, len, delta, tmp, POW10[kappa] << shift, wpw);
                return (len & 0xffffffffL) | ((long) bigK << 32);
            }
        }
        while (true) {
            p2 *= 10;
            delta *= 10;
            int d = (int) (p2 >>> shift);
            if (d != 0 || len != 0) {
                buf[len++] = (byte) ('0' + d);
            }
            p2 &= oneF - 1;
            kappa--;
            if (Long.compareUnsigned(p2, delta) < 0) {
                bigK += kappa;
                int idx = -kappa;
                round(buf, len, delta, p2, oneF, idx < 20 ? wpw * POW10[idx] : 0);
                return (len & 0xffffffffL) | ((long) bigK << 32);
            }
        }
    }

    // Grisu's "weed": step the last digit down while that stays in range and gets closer to w
    private static void round(byte[] buf, int len, long delta, long rest, long tenKappa, long wpw) {
        while (Long.compareUnsigned(rest, wpw) < 0 && Long.compareUnsigned(delta - rest, tenKappa) >= 0
                && (Long.compareUnsigned(rest + tenKappa, wpw) < 0
                        || Long.compareUnsigned(wpw - rest, rest + tenKappa - wpw) > 0)) {
            buf[len - 1]--;
            rest += tenKappa;
        }
    }

    private static int decimalDigits(int n) {
        long u = n & 0xffffffffL;
        int d = 1;
        while (u >= 10) {
            u /= 10;
            d++;
        }
        return d;
    }

    // 64x64 → high 64 bits, rounded on bit 63 of the low half (rapidjson DiyFp::operator*)
    private static long mul(long a, long b) {
        long hi = Math.unsignedMultiplyHigh(a, b);
        long lo = a * b;
        return lo < 0 ? hi + 1 : hi;
    }
}
