package org.brocapi.analyzer.protocol.quic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * One side's CRYPTO stream (RFC 9000 §19.6) as Zeek reassembles it: a Spicy sink (first data
 * wins on overlap, in-order delivery) feeding a unit that reads the first TLS handshake message's
 * type and 24-bit length, then hands that message to the SSL child wrapped in one handshake
 * record ({@code 16 03 03} + 16-bit length), header first and the body as it arrives. Once the
 * message is complete the side is {@link #finished()}; more in-order data after that is a parse
 * error, as Spicy raises for a sink whose unit is done.
 */
final class QuicCryptoSink {
    /** RFC 8446 §5.1: a record's plaintext is at most 2^14 bytes; Zeek allows 256 more. */
    private static final int MAX_MESSAGE = (1 << 14) + 256;
    /** Zeek's arbitrary limit on CRYPTO data before the message length is known. */
    private static final int MAX_WITHOUT_LENGTH = 2000;

    private record Chunk(long rseq, long rupper, byte[] data) { }

    /** Receives the complete handshake message (type, length, body) once the unit finished. */
    @FunctionalInterface
    interface MessageHandler {
        void message(Direction dir, byte[] message);
    }

    private final Direction dir;
    private final StreamAnalyzer ssl;
    private final MessageHandler handler;
    private byte[] message;
    private final List<Chunk> chunks = new ArrayList<>();
    private long size, curRseq, lastReassem, trimRseq;
    // the connected unit
    private final byte[] header = new byte[4];
    private int headerLen;
    private long length, bodySeen;
    private boolean finished, failed;

    /** {@code ssl} may be null (SSL not loaded): the message is then parsed but goes nowhere. */
    QuicCryptoSink(Direction dir, StreamAnalyzer ssl, MessageHandler handler) {
        this.dir = dir;
        this.ssl = ssl;
        this.handler = handler;
    }

    boolean finished() {
        return finished;
    }

    /**
     * One CRYPTO frame, then Zeek's size check: more in-order bytes than the announced message
     * (or over 2000 while no length is known) is a parse error.
     */
    void frame(long offset, byte[] data) throws QuicParseException {
        write(data, offset);
        if (length > 0) {
            if (size > length) throw new QuicParseException("too much crypto data received " + size + " > " + length);
        } else if (size > MAX_WITHOUT_LENGTH) {
            throw new QuicParseException("too much crypto data without length received " + size);
        }
    }

    private void write(byte[] data, long rseq) throws QuicParseException {
        if (data.length == 0) return;
        long len = data.length;
        if (chunks.isEmpty() && rseq == curRseq) {
            deliver(data, rseq + len);
            return;
        }
        long rupper = rseq + len;
        if (rupper <= trimRseq) return; // old data
        if (rseq < trimRseq) {
            data = Arrays.copyOfRange(data, (int) (trimRseq - rseq), data.length);
            rseq = trimRseq;
        }
        int c;
        if (chunks.isEmpty()) {
            // Spicy keeps the untrimmed length here: the chunk's upper bound is rseq + len
            chunks.add(new Chunk(rseq, rseq + len, data));
            c = 0;
        } else {
            c = addAndCheck(data, rseq, rupper, 0);
        }
        Chunk at = chunks.get(c);
        if (at.rseq() > lastReassem || at.rupper() <= lastReassem) return;
        tryDeliver(c);
    }

    /** Inserts new data in order; where it overlaps buffered data the old bytes stay. Returns the index to deliver from. */
    private int addAndCheck(byte[] data, long rseq, long rupper, int from) {
        if (rseq == chunks.get(chunks.size() - 1).rupper()) {
            chunks.add(new Chunk(rseq, rupper, data));
            return chunks.size() - 1;
        }
        int i = from;
        while (i < chunks.size() && chunks.get(i).rupper() <= rseq) i++;
        if (i == chunks.size()) {
            chunks.add(new Chunk(rseq, rupper, data));
            return i;
        }
        Chunk c = chunks.get(i);
        if (rupper <= c.rseq()) {
            chunks.add(i, new Chunk(rseq, rupper, data));
            return i;
        }
        int result = i;
        if (rseq < c.rseq()) {
            int prefix = (int) (c.rseq() - rseq);
            chunks.add(i, new Chunk(rseq, rseq + prefix, Arrays.copyOfRange(data, 0, prefix)));
            i++; // c moved up
            data = Arrays.copyOfRange(data, prefix, data.length);
            rseq += prefix;
        }
        long overlap = Math.min(rupper - rseq, c.rupper() - rseq);
        if (overlap < rupper - rseq) {
            data = Arrays.copyOfRange(data, (int) overlap, data.length);
            rseq += overlap;
            int added = addAndCheck(data, rseq, rupper, i);
            if (result == i) result = added;
        }
        return result;
    }

    private void tryDeliver(int from) throws QuicParseException {
        for (int i = from; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            if (c.rseq() == lastReassem) {
                lastReassem += c.rupper() - c.rseq();
                deliver(c.data(), c.rupper());
            }
        }
        while (!chunks.isEmpty() && chunks.get(0).rseq() < lastReassem) chunks.remove(0);
        trimRseq = lastReassem;
    }

    private void deliver(byte[] data, long rupper) throws QuicParseException {
        if (data.length == 0) return;
        size += data.length;
        if (!failed) {
            if (finished) throw new QuicParseException("more data after sink's unit has already completed parsing");
            unit(data);
        }
        curRseq = rupper;
        lastReassem = rupper;
    }

    /** The connected unit: handshake type + 24-bit length, then the message body forwarded in chunks. */
    private void unit(byte[] data) {
        int p = 0;
        while (p < data.length && !finished && !failed) {
            if (headerLen < 4) {
                header[headerLen++] = data[p++];
                if (headerLen < 4) continue;
                length = ((header[1] & 0xffL) << 16 | (header[2] & 0xff) << 8 | header[3] & 0xff) + 4;
                if (length > MAX_MESSAGE) {
                    failed = true; // an error in a connected unit stops its delivery silently
                    return;
                }
                byte[] rec = {0x16, 0x03, 0x03, (byte) (length >> 8), (byte) length,
                        header[0], header[1], header[2], header[3]};
                message = new byte[(int) length];
                System.arraycopy(header, 0, message, 0, 4);
                forward(rec, 0, rec.length);
                if (length == 4) finish();
                continue;
            }
            int n = (int) Math.min(length - 4 - bodySeen, data.length - p);
            System.arraycopy(data, p, message, 4 + (int) bodySeen, n);
            forward(data, p, n);
            bodySeen += n;
            p += n;
            if (bodySeen == length - 4) finish();
        }
    }

    private void finish() {
        finished = true;
        handler.message(dir, message);
    }

    private void forward(byte[] b, int off, int len) {
        if (ssl != null && len > 0) ssl.data(dir, b, off, len);
    }
}
