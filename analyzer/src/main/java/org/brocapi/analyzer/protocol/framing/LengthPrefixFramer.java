package org.brocapi.analyzer.protocol.framing;

/**
 * Splits one direction of a stream into messages that each follow a 2-byte big-endian length
 * (DNS over TCP, RFC 1035 §4.2.2 / RFC 7766 §8), as Zeek's {@code Contents_DNS} does: a
 * zero-length message is delivered too. The message buffer is reused: a delivered message is
 * only valid during the callback.
 */
public final class LengthPrefixFramer {
    /** Receives one complete message. */
    @FunctionalInterface
    public interface Handler {
        void message(byte[] buf, int off, int len);
    }

    private enum State { LEN_HI, LEN_LO, BODY }

    private State state = State.LEN_HI;
    private int size, have;
    private byte[] msg = new byte[512];

    /** Feeds bytes; calls {@code handler} per completed message, in order, while {@code more} says so. */
    public void feed(byte[] data, int off, int len, Handler handler, java.util.function.BooleanSupplier more) {
        int end = off + len;
        while (off < end && more.getAsBoolean()) {
            switch (state) {
                case LEN_HI -> {
                    size = (data[off++] & 0xff) << 8;
                    state = State.LEN_LO;
                }
                case LEN_LO -> {
                    size |= data[off++] & 0xff;
                    have = 0;
                    if (msg.length < size) msg = new byte[size];
                    state = State.BODY;
                    // fall through to the body on the next turn: a zero-length message completes only
                    // when more bytes arrive, as in Zeek
                }
                case BODY -> {
                    int n = Math.min(size - have, end - off);
                    System.arraycopy(data, off, msg, have, n);
                    have += n;
                    off += n;
                    if (have == size) {
                        state = State.LEN_HI;
                        handler.message(msg, 0, size);
                    }
                }
            }
        }
    }
}
