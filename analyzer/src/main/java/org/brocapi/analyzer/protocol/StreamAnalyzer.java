package org.brocapi.analyzer.protocol;

/**
 * A protocol analyzer on one TCP connection (Zeek's {@code TCP_ApplicationAnalyzer}). Receives
 * each direction's bytes in order as the reassembler releases them. Lifecycle: {@link #data} and
 * {@link #gap} interleaved in delivery order, then {@link #end} once when the connection is
 * removed. Nothing is delivered after the analyzer reported a violation (it is disabled).
 */
public interface StreamAnalyzer {
    /** Contiguous payload of one direction; {@code buf} is only valid during the call. */
    void data(Direction dir, byte[] buf, int off, int len);

    /** {@code len} bytes of this direction will never arrive (a content gap). */
    default void gap(Direction dir, long len) { }

    /** The connection is being removed (Zeek's {@code Done()}). */
    default void end() { }
}
