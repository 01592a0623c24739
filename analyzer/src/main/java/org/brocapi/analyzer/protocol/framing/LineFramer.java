package org.brocapi.analyzer.protocol.framing;

import java.util.Arrays;

/**
 * Splits one direction of a stream into lines ending in LF; a CR before the LF is dropped (the
 * line terminator of SMTP, FTP, POP3 and friends is CRLF, RFC 5321 §2.3.8, but bare LF is common).
 * Lines longer than {@code maxLine} are delivered in pieces of that size, flagged as not complete.
 * The line buffer is reused: a delivered line is only valid during the callback.
 */
public final class LineFramer {
    /** Receives one line without its terminator; {@code complete} is false for an over-long piece. */
    @FunctionalInterface
    public interface Handler {
        void line(byte[] buf, int off, int len, boolean complete);
    }

    private final int maxLine;
    private byte[] line = new byte[256];
    private int have;

    public LineFramer(int maxLine) {
        this.maxLine = maxLine;
    }

    public void feed(byte[] data, int off, int len, Handler handler) {
        int end = off + len;
        while (off < end) {
            int nl = -1;
            for (int i = off; i < end; i++) {
                if (data[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int stop = nl < 0 ? end : nl;
            append(data, off, stop - off, handler);
            off = stop;
            if (nl >= 0) {
                int n = have > 0 && line[have - 1] == '\r' ? have - 1 : have;
                have = 0;
                handler.line(line, 0, n, true);
                off = nl + 1;
            }
        }
    }

    /**
     * Like {@link #feed}, but stops right after the line during which {@code stop} became true
     * (STARTTLS: what follows is no longer lines); returns the bytes consumed.
     */
    public int feed(byte[] data, int off, int len, Handler handler, java.util.function.BooleanSupplier stop) {
        int end = off + len, start = off;
        while (off < end && !stop.getAsBoolean()) {
            int nl = off;
            while (nl < end && data[nl] != '\n') nl++;
            int n = nl < end ? nl + 1 - off : end - off;
            feed(data, off, n, handler);
            off += n;
        }
        return off - start;
    }

    /** Bytes held for an unfinished line. */
    public int pending() {
        return have;
    }

    private void append(byte[] data, int off, int len, Handler handler) {
        while (len > 0) {
            int room = maxLine - have;
            if (room == 0) {
                handler.line(line, 0, have, false);
                have = 0;
                room = maxLine;
            }
            int n = Math.min(room, len);
            if (line.length < have + n) line = Arrays.copyOf(line, Math.min(maxLine, Math.max(line.length * 2, have + n)));
            System.arraycopy(data, off, line, have, n);
            have += n;
            off += n;
            len -= n;
        }
    }
}
