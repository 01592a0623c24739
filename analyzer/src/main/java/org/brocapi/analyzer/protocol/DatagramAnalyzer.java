package org.brocapi.analyzer.protocol;

/**
 * A protocol analyzer on one UDP connection: one call per accepted datagram. Lifecycle:
 * {@link #datagram} per packet in capture order, then {@link #end} once when the connection is
 * removed. Nothing is delivered after a violation.
 */
public interface DatagramAnalyzer {
    /** One datagram's captured payload; {@code buf} is only valid during the call. */
    void datagram(Direction dir, byte[] buf, int off, int len);

    /** The connection is being removed (Zeek's {@code Done()}). */
    default void end() { }
}
