package org.brocapi.analyzer.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A large heap buffer refilled from a channel or a stream. Records are parsed in place and handed
 * out as (array, offset) pairs, so reading costs one bulk copy per chunk and no per-packet
 * allocation. {@link #ensure} may move unread bytes to the front: anything handed out before is
 * valid only until the next {@code ensure}.
 */
final class ChunkInput {
    /**
     * 1 MiB: a thousand reads per GB, so system calls cost nothing measurable, and small enough
     * that the buffer (live in the young generation until its first collections copy and promote
     * it) does not dominate those first pauses, as 8 MiB did.
     */
    static final int DEFAULT_CAPACITY = 1 << 20;

    /** Starts small (tiny captures and fuzz inputs stay cheap) and doubles per refill up to the capacity. */
    private static final int INITIAL_CAPACITY = 64 << 10;

    byte[] buf;
    private final int maxCapacity;
    int pos;
    int lim;
    private final ReadableByteChannel channel;
    private ByteBuffer channelView;
    private final InputStream stream;
    private long discarded;
    private boolean eof;
    private boolean damaged;

    ChunkInput(ReadableByteChannel channel, int capacity) {
        this.maxCapacity = capacity;
        this.buf = new byte[Math.min(capacity, INITIAL_CAPACITY)];
        this.channel = channel;
        this.channelView = ByteBuffer.wrap(buf);
        this.stream = null;
    }

    ChunkInput(InputStream stream, int capacity) {
        this.maxCapacity = capacity;
        this.buf = new byte[Math.min(capacity, INITIAL_CAPACITY)];
        this.channel = null;
        this.channelView = null;
        this.stream = stream;
    }

    int available() {
        return lim - pos;
    }

    /** Bytes consumed so far (everything before {@link #pos}). */
    long consumed() {
        return discarded + pos;
    }

    /**
     * Makes at least {@code n} bytes available from {@link #pos}; false when the input ends first
     * (then {@link #available()} tells how many there were). {@code n} must not exceed the capacity.
     */
    boolean ensure(int n) throws IOException {
        if (lim - pos >= n) return true;
        if (n > maxCapacity) throw new IllegalArgumentException("record larger than buffer: " + n);
        int rem = lim - pos;
        if (buf.length < maxCapacity) {
            byte[] bigger = new byte[Math.min(maxCapacity, Math.max(buf.length * 2, n))];
            System.arraycopy(buf, pos, bigger, 0, rem);
            buf = bigger;
            if (channel != null) channelView = ByteBuffer.wrap(buf);
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, rem);
        }
        discarded += pos;
        pos = 0;
        lim = rem;
        while (lim < n && !eof) {
            int got;
            if (channel != null) {
                channelView.limit(buf.length).position(lim);
                got = channel.read(channelView);
            } else {
                try {
                    got = stream.read(buf, lim, buf.length - lim);
                } catch (java.util.zip.ZipException | java.io.EOFException e) {
                    // GZIPInputStream: corrupt or cut-off compressed data; keep what came before
                    damaged = true;
                    got = -1;
                }
            }
            if (got < 0) {
                eof = true;
            } else {
                lim += got;
            }
        }
        return lim - pos >= n;
    }

    /** Skips {@code n} bytes (possibly beyond the buffer); false when the input ends first. */
    boolean skip(long n) throws IOException {
        while (n > 0) {
            if (pos == lim && !ensure(1)) return false;
            int step = (int) Math.min(n, lim - pos);
            pos += step;
            n -= step;
        }
        return true;
    }

    /** The compressed stream was corrupt or cut off; the input ended there. */
    boolean damaged() {
        return damaged;
    }

    void close() throws IOException {
        if (channel != null) channel.close();
        if (stream != null) stream.close();
    }
}
