package org.brocapi.service.syslog;

import java.io.Closeable;
import java.io.IOException;

/**
 * An open connection to one destination. Lifecycle: {@link #send} many times, {@link #flush}
 * after each batch, {@link #drain} once at the end (or {@link #close} on failure).
 */
public interface SyslogConnection extends Closeable {

    /**
     * Sends one message: {@code header} then {@code body}; the transport adds its framing.
     *
     * @return true when the body had to be truncated (UDP only, see {@link UdpConnection})
     */
    boolean send(byte[] header, int headerLength, byte[] body, int offset, int length) throws IOException;

    /** Pushes buffered messages to the socket. */
    void flush() throws IOException;

    /**
     * Flushes, then confirms that the receiver has read everything sent, and closes. TCP/TLS: our
     * side half-closes and waits until the receiver closes its side, which rsyslog does only after
     * reading all our bytes. UDP cannot confirm anything: this only closes.
     */
    void drain() throws IOException;

    /** Bytes handed to the socket layer so far, framing included. */
    long bytesWritten();

    /** Bytes the local send buffer can hold; they may be lost if the connection drops. */
    long sendBufferSize();
}
