package org.brocapi.analyzer.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;

/**
 * One log ({@code <path>.log}) being written. The file is created, and its header written, on
 * the first {@link #write}: a log without entries leaves no file, as in Zeek. Rows are formatted
 * into one reused buffer and reach the file in 64 KiB chunks. Not thread-safe: one analysis
 * writes from one thread. Obtain through {@link LogOutput#stream}.
 */
public final class LogStream<R extends Record> {
    private static final int FLUSH_AT = 64 * 1024;

    private final String path;
    private final Path file;
    private final LogSchema<R> schema;
    private LogFormatter formatter; // made with the file: a stream that never writes derives no schema
    private final LogOutput owner;
    private LineBuffer buf;   // allocated with the file: streams that never write cost nothing
    private OutputStream out;
    private long rows;
    private boolean closed;

    LogStream(String path, Path file, LogSchema<R> schema, LogOutput owner) {
        this.path = path;
        this.file = file;
        this.schema = schema;
        this.owner = owner;
    }

    public void write(R entry) {
        if (closed) {
            throw new IllegalStateException("log stream " + path + " is closed");
        }
        if (out == null) {
            open();
        }
        int start = buf.size();
        try {
            formatter.row(entry, buf);
        } catch (RuntimeException e) {
            // drop the half-written row; the rows before it stay intact
            buf.truncate(start);
            throw new IllegalArgumentException("log " + path + ": cannot write " + entry + ": " + e, e);
        }
        rows++;
        if (buf.size() >= FLUSH_AT) {
            drain();
        }
    }

    public String path() {
        return path;
    }

    public Path file() {
        return file;
    }

    public LogSchema<R> schema() {
        return schema;
    }

    public long rows() {
        return rows;
    }

    /** Whether the file exists, i.e. at least one row was written. */
    public boolean created() {
        return out != null;
    }

    /** Pushes buffered rows to the file (not to the disk: no fsync). */
    public void flush() {
        if (out != null) {
            drain();
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("flushing " + file, e);
            }
        }
    }

    private void open() {
        formatter = LogFormatter.create(path, schema, owner.options());
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("creating log " + file, e);
        }
        buf = new LineBuffer(FLUSH_AT + 4096);
        formatter.header(buf, ZonedDateTime.now(owner.options().clock()));
        owner.created(this);
    }

    private void drain() {
        try {
            buf.writeTo(out);
            buf.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("writing log " + file, e);
        }
    }

    /** Writes the footer ({@code #close}) and closes the file; idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (out == null) {
            return;
        }
        formatter.footer(buf, ZonedDateTime.now(owner.options().clock()));
        try (OutputStream o = out) {
            buf.writeTo(o);
            buf.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("closing log " + file, e);
        }
    }
}
