package org.brocapi.analyzer.protocol.framing;

/**
 * The not yet consumed bytes of one stream direction, for parsers that need a whole message
 * before they can parse it: {@link #append} what arrives, parse from {@link #array()} at
 * {@link #start()} for {@link #length()} bytes, {@link #consume} what was used. The array is
 * reused and compacted on append; offsets are only valid until the next append.
 */
public final class StreamBuffer {
    private byte[] buf = new byte[256];
    private int start, end;

    public void append(byte[] data, int off, int len) {
        if (end + len > buf.length) {
            int have = end - start;
            byte[] target = have + len > buf.length ? new byte[Math.max(buf.length * 2, have + len)] : buf;
            System.arraycopy(buf, start, target, 0, have);
            buf = target;
            start = 0;
            end = have;
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
    }

    public byte[] array() {
        return buf;
    }

    public int start() {
        return start;
    }

    public int length() {
        return end - start;
    }

    /** The byte {@code i} bytes after {@link #start()}; the caller checks {@code i < length()}. */
    public int u8(int i) {
        return buf[start + i] & 0xff;
    }

    /** Big-endian unsigned 32 bits at {@code i} bytes after {@link #start()}. */
    public long u32(int i) {
        return (long) u8(i) << 24 | u8(i + 1) << 16 | u8(i + 2) << 8 | u8(i + 3);
    }

    public void consume(int n) {
        start += n;
        if (start == end) start = end = 0;
    }

    public void clear() {
        start = end = 0;
    }
}
