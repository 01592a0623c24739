package org.brocapi.analyzer.conn;

/**
 * Receives the payload of each UDP datagram the transport accepted (checksum fine or ignored),
 * after the connection counted it: Zeek's {@code adapter->ForwardPacket} to the session's
 * application analyzers.
 */
public interface DatagramSink {
    DatagramSink NONE = (isOrig, buf, off, len) -> { };

    /** {@code buf} is only valid during the call; {@code len} is the captured part of the payload. */
    void datagram(boolean isOrig, byte[] buf, int off, int len);
}
