package org.brocapi.service.delivery;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a log file line by line from a byte offset, without decoding. After {@link #next}
 * returns true the line is {@code buffer()[start() .. start()+length())} without its LF, and
 * {@link #offset()} is the file offset just after it (where a resumed read starts).
 *
 * <p>Reused on the per-line path: the buffer is overwritten by the next call; copy what you keep.
 * A last line without LF is returned as a line.
 */
public final class LogLineReader implements Closeable {
    private final FileChannel channel;
    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean eof;
    private long bufferFileOffset;
    private int start;
    private int length;

    public LogLineReader(Path file, long offset) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        this.bufferFileOffset = offset;
    }

    public boolean next() throws IOException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    start = pos;
                    length = i - pos;
                    pos = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    start = pos;
                    length = limit - pos;
                    pos = limit;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            bufferFileOffset += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
        int n = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    public byte[] buffer() {
        return buf;
    }

    public int start() {
        return start;
    }

    public int length() {
        return length;
    }

    public long offset() {
        return bufferFileOffset + pos;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
