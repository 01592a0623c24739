package org.brocapi.analyzer.tcp;

/**
 * Receives one direction of a TCP stream, in order. Lifecycle, in order: {@link #data} and
 * {@link #gap} interleaved in sequence order (relative sequence numbers, 1 = first byte after the
 * SYN), then nothing after the connection ends.
 */
public interface StreamSink {
    StreamSink NONE = new StreamSink() {
        @Override
        public void data(boolean isOrig, long seq, byte[] buf, int off, int len) { }

        @Override
        public void gap(boolean isOrig, long seq, long len) { }
    };

    /** Contiguous payload; {@code buf} is only valid during the call. */
    void data(boolean isOrig, long seq, byte[] buf, int off, int len);

    /** Bytes that will never arrive (Zeek's {@code Undelivered}). */
    void gap(boolean isOrig, long seq, long len);
}
