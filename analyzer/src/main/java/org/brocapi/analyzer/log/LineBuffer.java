package org.brocapi.analyzer.log;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer the log writers format rows into. Everything here is bytes: log output
 * never depends on the platform charset. Reused for every row of a stream; not thread-safe.
 */
public final class LineBuffer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MIN_LONG = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;

    public LineBuffer() {
        this(256);
    }

    public LineBuffer(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return len;
    }

    public byte byteAt(int i) {
        return buf[i];
    }

    public void clear() {
        len = 0;
    }

    public void truncate(int newLen) {
        len = newLen;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public LineBuffer append(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    public LineBuffer append(char asciiChar) {
        return append((byte) asciiChar);
    }

    public LineBuffer append(byte[] b) {
        return append(b, 0, b.length);
    }

    public LineBuffer append(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends a string known to be ASCII (names, numbers, fixed tokens), one byte per char. */
    public LineBuffer ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** {@code \xNN} with lower-case hex, Zeek's {@code bytetohex} escape. */
    public LineBuffer hexEscape(int b) {
        ensure(4);
        buf[len++] = '\\';
        buf[len++] = 'x';
        buf[len++] = HEX[(b >> 4) & 0xf];
        buf[len++] = HEX[b & 0xf];
        return this;
    }

    public LineBuffer decimal(long v) {
        if (v == Long.MIN_VALUE) {
            return append(MIN_LONG);
        }
        if (v < 0) {
            append((byte) '-');
            v = -v;
        }
        return unsignedDecimal(v);
    }

    public LineBuffer unsignedDecimal(long v) {
        if (v < 0) {
            return ascii(Long.toUnsignedString(v));
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        ensure(digits);
        int end = len + digits;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        len = end;
        return this;
    }

    /** Decimal digits of {@code v} (non-negative), left-padded with '0' to {@code width}. */
    public LineBuffer zeroPadded(long v, int width) {
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            append((byte) '0');
        }
        return unsignedDecimal(v);
    }

    /** Inserts {@code ins} at {@code at}, shifting the rest right (rare path: row starting with '#'). */
    void replaceByte(int at, byte[] ins) {
        ensure(ins.length - 1);
        System.arraycopy(buf, at + 1, buf, at + ins.length, len - at - 1);
        System.arraycopy(ins, 0, buf, at, ins.length);
        len += ins.length - 1;
    }
}
