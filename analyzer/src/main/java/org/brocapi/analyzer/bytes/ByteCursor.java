package org.brocapi.analyzer.bytes;

/**
 * Reads integers from a window {@code [offset, limit)} of a byte array, in wire order.
 *
 * <p>A read past the limit never throws: it returns 0 (or nothing), moves the position to the
 * limit and sets the sticky {@link #truncated()} flag. Parsers read a whole header field by field
 * and check the flag once, the way Arkime's {@code BSB} does. Slices are views of the same array.
 *
 * <p>A cursor is mutable and meant to be reused on the per-packet path via {@link #reset}.
 */
public final class ByteCursor {
    private byte[] data;
    private int pos;
    private int limit;
    private boolean truncated;

    public ByteCursor() {
        this.data = new byte[0];
    }

    private ByteCursor(byte[] data, int offset, int limit) {
        this.data = data;
        this.pos = offset;
        this.limit = limit;
    }

    public static ByteCursor of(byte[] data) {
        return new ByteCursor(data, 0, data.length);
    }

    public static ByteCursor of(byte[] data, int offset, int length) {
        checkWindow(data, offset, length);
        return new ByteCursor(data, offset, offset + length);
    }

    /** Points this cursor at a new window and clears the truncation flag. */
    public ByteCursor reset(byte[] data, int offset, int length) {
        checkWindow(data, offset, length);
        this.data = data;
        this.pos = offset;
        this.limit = offset + length;
        this.truncated = false;
        return this;
    }

    private static void checkWindow(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("window " + offset + "+" + length + " outside " + data.length);
        }
    }

    public byte[] array() {
        return data;
    }

    /** Absolute index into {@link #array()} of the next byte to read. */
    public int position() {
        return pos;
    }

    public int limit() {
        return limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining(int n) {
        return n <= limit - pos;
    }

    /** True once any read or skip wanted more bytes than there were; stays true until {@link #reset}. */
    public boolean truncated() {
        return truncated;
    }

    private boolean take(int n) {
        if (n <= limit - pos && n >= 0) {
            return true;
        }
        pos = limit;
        truncated = true;
        return false;
    }

    public int u8() {
        if (!take(1)) return 0;
        return data[pos++] & 0xff;
    }

    public int u16() {
        if (!take(2)) return 0;
        int v = (data[pos] & 0xff) << 8 | (data[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int u16le() {
        if (!take(2)) return 0;
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    /** Big-endian unsigned 32 bits. */
    public long u32() {
        return i32() & 0xffffffffL;
    }

    public long u32le() {
        return i32le() & 0xffffffffL;
    }

    /** Big-endian 32 bits as a Java int (for lengths compared against limits, and for flags). */
    public int i32() {
        if (!take(4)) return 0;
        int v = getI32(data, pos);
        pos += 4;
        return v;
    }

    public int i32le() {
        if (!take(4)) return 0;
        int v = getI32le(data, pos);
        pos += 4;
        return v;
    }

    public long i64() {
        if (!take(8)) return 0;
        long v = (long) getI32(data, pos) << 32 | (getI32(data, pos + 4) & 0xffffffffL);
        pos += 8;
        return v;
    }

    public long i64le() {
        if (!take(8)) return 0;
        long v = (long) getI32le(data, pos + 4) << 32 | (getI32le(data, pos) & 0xffffffffL);
        pos += 8;
        return v;
    }

    public ByteCursor skip(int n) {
        if (take(n)) pos += n;
        return this;
    }

    /** Copies {@code n} bytes into {@code dst[dstOff…]}; on truncation copies nothing. */
    public void read(byte[] dst, int dstOff, int n) {
        if (!take(n)) return;
        System.arraycopy(data, pos, dst, dstOff, n);
        pos += n;
    }

    /** The byte {@code i} bytes ahead of the position, or -1 when outside the window; moves nothing. */
    public int peekU8(int i) {
        int at = pos + i;
        return i >= 0 && at < limit ? data[at] & 0xff : -1;
    }

    /**
     * A view of the next {@code n} bytes, consumed from this cursor. When fewer remain, the view
     * holds what there is and both cursors are marked truncated.
     */
    public ByteCursor slice(int n) {
        int avail = Math.min(Math.max(n, 0), limit - pos);
        ByteCursor view = new ByteCursor(data, pos, pos + avail);
        if (!take(n)) {
            view.truncated = true;
        } else {
            pos += n;
        }
        return view;
    }

    /** Like {@link #slice} but reuses {@code into} (no allocation). */
    public ByteCursor slice(int n, ByteCursor into) {
        int avail = Math.min(Math.max(n, 0), limit - pos);
        into.data = data;
        into.pos = pos;
        into.limit = pos + avail;
        into.truncated = false;
        if (!take(n)) {
            into.truncated = true;
        } else {
            pos += n;
        }
        return into;
    }

    static int getI32(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    static int getI32le(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    @Override
    public String toString() {
        return "ByteCursor[pos=" + pos + ", limit=" + limit + (truncated ? ", truncated" : "") + "]";
    }
}
