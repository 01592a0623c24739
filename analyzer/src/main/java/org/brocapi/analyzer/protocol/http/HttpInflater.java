package org.brocapi.analyzer.protocol.http;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Zeek's {@code ZIP_Analyzer} for a gzip/deflate Content-Encoding: zlib's
 * {@code inflateInit2(MAX_WBITS + 32)} accepts a gzip or a zlib header; when the first inflate
 * of a delivery fails with a data error (servers sending raw deflate without the zlib header)
 * it restarts as raw deflate on that delivery's bytes. The end of the compressed stream, or a
 * later error ({@code inflate_failed}), ends decoding; further input is ignored.
 */
final class HttpInflater implements org.brocapi.analyzer.protocol.mime.MimeEntity.BodyDecoder {
    /** Receives decompressed bytes; the buffer is reused after the call. */
    interface Sink {
        void inflated(byte[] buf, int off, int len);
    }

    private enum State { DETECT, GZIP_HEADER, INFLATE, DONE }

    private static final int GZIP_HEADER_FIXED = 10;
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;

    private final byte[] out = new byte[4096];
    private final Sink sink;
    private final Runnable failed;
    private State state = State.DETECT;
    private Inflater inflater;
    /** The gzip header so far (it may span deliveries). */
    private byte[] header = new byte[0];

    HttpInflater(Sink sink, Runnable failed) {
        this.sink = sink;
        this.failed = failed;
    }

    @Override
    public void feed(byte[] b, int off, int len) {
        if (len == 0 || state == State.DONE) return;
        int start = off, end = off + len;
        if (state == State.DETECT || state == State.GZIP_HEADER) {
            byte[] joined = new byte[header.length + len];
            System.arraycopy(header, 0, joined, 0, header.length);
            System.arraycopy(b, off, joined, header.length, len);
            if (joined.length < 2) {
                header = joined;
                return;
            }
            if ((joined[0] & 0xff) == 0x1f && (joined[1] & 0xff) == 0x8b) {
                state = State.GZIP_HEADER;
                int body = gzipHeaderEnd(joined);
                if (body < 0) {
                    header = joined;
                    return;
                }
                header = null;
                inflater = new Inflater(true);
                state = State.INFLATE;
                b = joined;
                start = body;
                end = joined.length;
            } else {
                header = null;
                inflater = new Inflater(!zlibHeader(joined[0] & 0xff, joined[1] & 0xff));
                state = State.INFLATE;
                b = joined;
                start = 0;
                end = joined.length;
            }
        }
        inflate(b, start, end);
    }

    private void inflate(byte[] b, int start, int end) {
        inflater.setInput(b, start, end - start);
        boolean allowRestart = true;
        while (true) {
            int n;
            try {
                n = inflater.inflate(out);
            } catch (DataFormatException e) {
                if (allowRestart) {
                    // some servers omit the zlib header: retry this delivery as raw deflate
                    inflater.end();
                    inflater = new Inflater(true);
                    inflater.setInput(b, start, end - start);
                    allowRestart = false;
                    continue;
                }
                state = State.DONE;
                inflater.end();
                failed.run();
                return;
            }
            allowRestart = false;
            if (n > 0) sink.inflated(out, 0, n);
            if (inflater.finished()) {
                state = State.DONE;
                inflater.end();
                return;
            }
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) return;
        }
    }

    /** zlib's check of a zlib stream header (RFC 1950 §2.2): deflate, window ≤ 32K, FCHECK. */
    private static boolean zlibHeader(int cmf, int flg) {
        return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (cmf << 8 | flg) % 31 == 0;
    }

    /** Where the deflate data starts after a gzip header (RFC 1952 §2.3), or -1 while incomplete. */
    private static int gzipHeaderEnd(byte[] h) {
        if (h.length < GZIP_HEADER_FIXED) return -1;
        int flags = h[3] & 0xff;
        int i = GZIP_HEADER_FIXED;
        if ((flags & FEXTRA) != 0) {
            if (h.length < i + 2) return -1;
            i += 2 + ((h[i] & 0xff) | (h[i + 1] & 0xff) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) == 0) continue;
            while (i < h.length && h[i] != 0) i++;
            if (i >= h.length) return -1;
            i++;
        }
        if ((flags & FHCRC) != 0) i += 2;
        return i <= h.length ? i : -1;
    }

    /** Releases the native inflater when the entity ends before the stream does. */
    @Override
    public void end() {
        if (inflater != null && state != State.DONE) inflater.end();
        state = State.DONE;
    }
}
