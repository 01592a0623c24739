package org.brocapi.analyzer.protocol.websocket;

import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * WebSocket frames (RFC 6455 §5.2) on each direction, as Zeek's binpac WebSocket analyzer reads
 * them: a message is a first frame with a non-zero opcode and continuation frames (opcode 0) up
 * to the one with FIN; anything else is a violation. Each complete message confirms. Payload is
 * unmasked and, for text and binary messages, forwarded to content detection (Zeek's
 * {@code WebSocket::use_dpd_default}). After a content gap the direction is no longer parsed.
 */
final class WebSocketAnalyzer implements StreamAnalyzer {
    static final int OPCODE_CONTINUATION = 0, OPCODE_TEXT = 1, OPCODE_BINARY = 2;
    private static final int MAX_HEADER = 14;

    /** One direction's frame state; the header and payload buffers are reused. */
    private static final class Side {
        final byte[] header = new byte[MAX_HEADER];
        int have;
        boolean inPayload;
        long remaining;
        boolean fin;
        boolean masked;
        final byte[] mask = new byte[4];
        long maskIndex;
        boolean firstFrame = true;
        int messageOpcode;
        boolean hadGap;
        byte[] chunk = new byte[256];
    }

    private final Session session;
    private final Side orig = new Side(), resp = new Side();
    private final StreamAnalyzer payload;

    WebSocketAnalyzer(Session session) {
        this.session = session;
        this.payload = session.startDetector();
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        Side s = dir.isOrig() ? orig : resp;
        if (s.hadGap) return;
        int end = off + len;
        while (off < end && !session.isDisabled()) {
            if (!s.inPayload) {
                off = header(dir, s, buf, off, end);
                continue;
            }
            int n = (int) Math.min(s.remaining, end - off);
            payload(dir, s, buf, off, n);
            off += n;
            s.remaining -= n;
            if (s.remaining == 0) frameDone(s);
        }
    }

    /** Collects a frame header: 2 bytes, the extended length, the masking key. */
    private int header(Direction dir, Side s, byte[] buf, int off, int end) {
        while (off < end) {
            s.header[s.have++] = buf[off++];
            if (s.have < 2) continue;
            int len1 = s.header[1] & 0x7f;
            boolean masked = (s.header[1] & 0x80) != 0;
            int need = 2 + (len1 == 126 ? 2 : len1 == 127 ? 8 : 0) + (masked ? 4 : 0);
            if (s.have < need) continue;
            int opcode = s.header[0] & 0x0f;
            // binpac's &enforce: a message starts with a non-continuation frame, and goes on with continuations
            if (s.firstFrame == (opcode == OPCODE_CONTINUATION)) {
                session.violation("binpac exception: &enforce violation : WebSocket_FrameHeader:first2", s.header,
                        0, s.have);
                s.have = 0;
                return end;
            }
            long length = len1;
            int i = 2;
            if (len1 == 126) {
                length = (s.header[2] & 0xff) << 8 | s.header[3] & 0xff;
                i = 4;
            } else if (len1 == 127) {
                length = 0;
                for (; i < 10; i++) length = length << 8 | s.header[i] & 0xff;
            }
            s.masked = masked;
            if (masked) System.arraycopy(s.header, i, s.mask, 0, 4);
            s.maskIndex = 0;
            s.fin = (s.header[0] & 0x80) != 0;
            if (s.firstFrame) s.messageOpcode = opcode;
            s.remaining = length;
            s.have = 0;
            if (length == 0) frameDone(s);
            else s.inPayload = true;
            return off;
        }
        return off;
    }

    private void payload(Direction dir, Side s, byte[] buf, int off, int n) {
        if (s.messageOpcode != OPCODE_TEXT && s.messageOpcode != OPCODE_BINARY) {
            s.maskIndex += n;
            return;
        }
        if (s.chunk.length < n) s.chunk = new byte[Math.max(n, s.chunk.length * 2)];
        for (int k = 0; k < n; k++) {
            byte b = buf[off + k];
            if (s.masked) b ^= s.mask[(int) (s.maskIndex++ & 3)];
            s.chunk[k] = b;
        }
        if (payload != null) payload.data(dir, s.chunk, 0, n);
    }

    private void frameDone(Side s) {
        s.inPayload = false;
        if (s.fin) {
            s.firstFrame = true;
            session.confirm(); // a complete message
        } else s.firstFrame = false;
    }

    @Override
    public void gap(Direction dir, long len) {
        (dir.isOrig() ? orig : resp).hadGap = true;
    }
}
