package org.brocapi.analyzer.log;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.InetAddress;

/**
 * Zeek's text renderings of single values, byte-exact, shared by the TSV and JSON writers.
 * Each method cites the Zeek function whose output it reproduces. {@link #time} and {@link #dbl}
 * were compared with the compiled modp_numtoa.c of zeek-3rdparty on 600,000 doubles (random bit
 * patterns, capture timestamps, rounding ties, NaN/inf), {@link #jsonDouble} with rapidjson at
 * Zeek 8's submodule commit 6089180 on 1,000,000: no difference.
 */
public final class ZeekText {
    private ZeekText() {
    }

    // modp_numtoa.c switches to printf formats at this threshold
    private static final double THRES_MAX = Integer.MAX_VALUE;

    /**
     * time and interval: Zeek's {@code modp_dtoa(d, buf, 6)} (Formatter::Render(double)): fixed
     * 6 decimals with modp's rounding, {@code nan}, and from 2^31-1 up printf {@code %.16e} with
     * trailing mantissa zeros stripped ({@code 1e+10}, {@code inf}).
     */
    public static void time(LineBuffer out, double value) {
        if (value != value) {
            out.ascii("nan");
            return;
        }
        boolean neg = value < 0;
        double v = neg ? -value : value;
        if (v >= THRES_MAX) {
            out.ascii(exponential(value));
            return;
        }
        long r = roundMicros(v);
        if (neg) {
            out.append((byte) '-');
        }
        out.unsignedDecimal(r >>> FRAC_BITS).append((byte) '.').zeroPadded(r & FRAC_MASK, 6);
    }

    /**
     * double: Zeek's {@code ODesc::Add(double, no_exp=true)}: {@code modp_dtoa3(d, 6)} (at most 6
     * decimals, trailing zeros trimmed; from 2^31-1 up printf {@code %.6f} trimmed), then
     * {@code .0} when the value is within 1e-9 of an integer and finite.
     */
    public static void dbl(LineBuffer out, double value) {
        if (value != value) {
            out.ascii("nan");
            return;
        }
        boolean neg = value < 0;
        double v = neg ? -value : value;
        if (v >= THRES_MAX) {
            if (Double.isInfinite(v)) {
                out.ascii(neg ? "-inf" : "inf");
                return;
            }
            String s = new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == '0') {
                end--;
            }
            if (end > 0 && s.charAt(end - 1) == '.') {
                end--;
            }
            out.ascii(s.substring(0, end));
        } else {
            long r = roundMicros(v);
            long frac = r & FRAC_MASK;
            if (neg) {
                out.append((byte) '-');
            }
            out.unsignedDecimal(r >>> FRAC_BITS);
            if (frac != 0) {
                int width = 6;
                while (frac % 10 == 0) {
                    frac /= 10;
                    width--;
                }
                out.append((byte) '.').zeroPadded(frac, width);
            }
        }
        // Desc.cc: "disambiguate from integer"; the %.6f path never has an 'e'
        if (Math.abs(value - Math.rint(value)) < 1e-9) {
            out.append((byte) '.').append((byte) '0');
        }
    }

    private static final int FRAC_BITS = 21; // holds 0..1_000_000
    private static final long FRAC_MASK = (1L << FRAC_BITS) - 1;

    /**
     * modp_dtoa's rounding of a non-negative value below 2^31 to 6 decimals, shared by time and
     * double: returns {@code whole << FRAC_BITS | frac}. A tie rounds up when odd or zero, and
     * there is no rollover check on that path (so frac can be 1_000_000, as in modp).
     */
    private static long roundMicros(double v) {
        int whole = (int) v;
        double tmp = (v - whole) * 1e6;
        long frac = (long) tmp;
        double diff = tmp - frac;
        if (diff > 0.5) {
            ++frac;
            if (frac >= 1_000_000) {
                frac = 0;
                ++whole;
            }
        } else if (diff == 0.5 && (frac == 0 || (frac & 1) != 0)) {
            ++frac;
        }
        return (long) whole << FRAC_BITS | frac;
    }

    /** printf {@code %.16e} (DBL_DECIMAL_DIG - 1) with modp's sn_strip_trailing_zeros. */
    private static String exponential(double value) {
        if (Double.isInfinite(value)) {
            return value < 0 ? "-inf" : "inf";
        }
        BigDecimal bd = new BigDecimal(value).round(new MathContext(17, RoundingMode.HALF_EVEN));
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale();
        // the unscaled value can carry fewer than 17 digits after rounding; pad to 17
        StringBuilder mant = new StringBuilder(digits);
        while (mant.length() < 17) {
            mant.append('0');
        }
        int end = mant.length();
        while (end > 1 && mant.charAt(end - 1) == '0') {
            end--;
        }
        StringBuilder sb = new StringBuilder(24);
        if (value < 0) {
            sb.append('-');
        }
        sb.append(mant.charAt(0));
        if (end > 1) {
            sb.append('.').append(mant, 1, end);
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int ae = Math.abs(exp);
        if (ae < 10) {
            sb.append('0');
        }
        sb.append(ae);
        return sb.toString();
    }

    /**
     * A double as rapidjson's {@code Writer::Double} prints it (internal/dtoa.h: {@link Grisu2}
     * digits, then Prettify): {@code 0.0}/{@code -0.0}, {@code 12.5}, {@code 100.0} up to 21 integer
     * digits, {@code 0.001234} down to 1e-6, else {@code 1e21}/{@code 1.5e-7} (no {@code +}, no
     * padding); NaN and infinities as {@code null} (Zeek's NullDoubleWriter).
     */
    public static void jsonDouble(LineBuffer out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.ascii("null");
            return;
        }
        if (d == 0) {
            out.ascii(Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0");
            return;
        }
        if (d < 0) {
            out.append((byte) '-');
            d = -d;
        }
        byte[] digits = new byte[24];
        long r = Grisu2.digits(d, digits);
        int length = (int) r;
        int k = (int) (r >> 32);
        int kk = length + k;
        if (k >= 0 && kk <= 21) {
            out.append(digits, 0, length);
            for (int i = 0; i < k; i++) {
                out.append((byte) '0');
            }
            out.ascii(".0");
        } else if (kk > 0 && kk <= 21) {
            out.append(digits, 0, kk).append((byte) '.').append(digits, kk, length - kk);
        } else if (kk > -6 && kk <= 0) {
            out.ascii("0.");
            for (int i = kk; i < 0; i++) {
                out.append((byte) '0');
            }
            out.append(digits, 0, length);
        } else {
            out.append(digits[0]);
            if (length > 1) {
                out.append((byte) '.').append(digits, 1, length - 1);
            }
            out.append((byte) 'e').decimal(kk - 1);
        }
    }

    /** addr: Zeek's {@code IPAddr} rendering (v4-mapped → dotted quad, else zeek_inet_ntop6). */
    public static void addr(LineBuffer out, byte[] a) {
        if (a.length == 4) {
            ipv4(out, a, 0);
        } else if (a.length == 16) {
            if (isV4Mapped(a)) {
                ipv4(out, a, 12);
            } else {
                ipv6(out, a);
            }
        } else {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + a.length);
        }
    }

    public static void addr(LineBuffer out, InetAddress a) {
        addr(out, a.getAddress());
    }

    /** The text {@link #addr(LineBuffer, byte[])} writes, as a String. */
    public static String addrString(byte[] a) {
        LineBuffer b = new LineBuffer(48);
        addr(b, a);
        return new String(b.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static void ipv4(LineBuffer out, byte[] a, int off) {
        out.unsignedDecimal(a[off] & 0xff).append((byte) '.')
                .unsignedDecimal(a[off + 1] & 0xff).append((byte) '.')
                .unsignedDecimal(a[off + 2] & 0xff).append((byte) '.')
                .unsignedDecimal(a[off + 3] & 0xff);
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    // zeek_inet_ntop6 (BIND's inet_ntop): longest zero run of >= 2 words becomes "::" (first
    // one on ties); an embedded IPv4 tail for the ::a.b.c.d, ::ffff:a.b.c.d, ::ffff:0:a.b.c.d forms
    private static void ipv6(LineBuffer out, byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    out.append((byte) ':');
                }
                continue;
            }
            if (i != 0) {
                out.append((byte) ':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 7 && w[7] != 0x0001)
                    || (bestLen == 5 && w[5] == 0xffff) || (bestLen == 4 && w[4] == 0xffff && w[5] == 0))) {
                ipv4(out, a, 12);
                return;
            }
            int v = w[i];
            boolean started = false;
            for (int shift = 12; shift >= 0; shift -= 4) {
                int nib = (v >> shift) & 0xf;
                if (nib != 0 || started || shift == 0) {
                    out.append(HEX[nib]);
                    started = true;
                }
            }
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            out.append((byte) ':');
        }
    }

    /**
     * Appends {@code b[off, off+n)} as Zeek's {@code json_escape_utf8(…, escape_printable_controls)}
     * returns it: unchanged when every byte is printable ASCII (or, with the flag, one of
     * {@code \b \f \n \r \t}) or part of an acceptable UTF-8 character; otherwise every other byte
     * becomes {@code \xNN}. Acceptable (util.cc check_ok_utf8): well-formed (strict, no overlongs
     * or surrogates, at most U+10FFFF) and not a C0/C1 control, DEL, private-use U+E000–U+F8FF or
     * U+FFF0–U+FFFF.
     */
    public static void utf8Escaped(LineBuffer out, byte[] b, int off, int n, boolean passControls) {
        if (n == 0) {
            return;
        }
        if (isCleanUtf8(b, off, n, passControls)) {
            out.append(b, off, n);
            return;
        }
        for (int i = off, end = off + n; i < end; i++) {
            int c = b[i] & 0xff;
            if ((c >= 32 && c < 127) || (passControls && isPrintableControl(c))) {
                out.append((byte) c);
            } else {
                out.hexEscape(c);
            }
        }
    }

    private static boolean isPrintableControl(int c) {
        return c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t';
    }

    static boolean isCleanUtf8(byte[] b, int off, int n, boolean passControls) {
        int i = off;
        int end = off + n;
        while (i < end) {
            int c = b[i] & 0xff;
            if ((c >= 32 && c < 127) || (passControls && isPrintableControl(c))) {
                i++;
                continue;
            }
            int size = utf8Size(c);
            if (i + size > end || !okUtf8(b, i, size)) {
                return false;
            }
            i += size;
        }
        return true;
    }

    // ConvertUTF.c trailingBytesForUTF8 + 1
    private static int utf8Size(int first) {
        if (first < 0xc0) {
            return 1;
        }
        if (first < 0xe0) {
            return 2;
        }
        if (first < 0xf0) {
            return 3;
        }
        if (first < 0xf8) {
            return 4;
        }
        if (first < 0xfc) {
            return 5;
        }
        return 6;
    }

    // ConvertUTF.c isLegalUTF8 (strict) + util.cc check_ok_utf8's excluded code points
    private static boolean okUtf8(byte[] b, int i, int size) {
        int first = b[i] & 0xff;
        if (size > 4) {
            return false;
        }
        if (size == 1) {
            // an ASCII control, DEL, or a lone continuation/overlong lead byte
            return false;
        }
        for (int k = 1; k < size; k++) {
            int t = b[i + k] & 0xff;
            if (t < 0x80 || t > 0xbf) {
                return false;
            }
        }
        int second = b[i + 1] & 0xff;
        switch (first) {
            case 0xe0 -> {
                if (second < 0xa0) {
                    return false;
                }
            }
            case 0xed -> {
                if (second > 0x9f) {
                    return false;
                }
            }
            case 0xf0 -> {
                if (second < 0x90) {
                    return false;
                }
            }
            case 0xf4 -> {
                if (second > 0x8f) {
                    return false;
                }
            }
            default -> {
            }
        }
        if (first < 0xc2 || first > 0xf4) {
            return false;
        }
        int cp;
        if (size == 2) {
            cp = ((first & 0x1f) << 6) | (second & 0x3f);
        } else if (size == 3) {
            cp = ((first & 0x0f) << 12) | ((second & 0x3f) << 6) | (b[i + 2] & 0x3f);
        } else {
            cp = ((first & 0x07) << 18) | ((second & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
        }
        return !((cp >= 0x80 && cp <= 0x9f) || (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xfff0 && cp <= 0xffff));
    }
}
