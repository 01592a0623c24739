package org.brocapi.service.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * One message per datagram (RFC 5426). The channel is connected, so an ICMP port-unreachable
 * from a missing receiver surfaces as an exception on a later send (that is all UDP can tell;
 * datagrams dropped anywhere else are lost without a trace).
 *
 * <p>Oversize rule: a message longer than {@code maxMessage} bytes keeps the header and as much
 * of the line as fits, cut at a UTF-8 character boundary, followed by the marker
 * {@code " [brocapi: truncated N bytes]"}; the send returns true so the caller counts it.
 */
public final class UdpConnection implements SyslogConnection {
    private final DatagramChannel channel;
    private final ByteBuffer datagram;
    private final int maxMessage;
    private final boolean trailingLf;
    private long written;

    /** @param trailingLf append LF to each datagram (1.0's legacy frame ended with it) */
    public UdpConnection(InetSocketAddress address, int maxMessage, boolean trailingLf) throws IOException {
        this.channel = DatagramChannel.open();
        try {
            channel.connect(address);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        this.maxMessage = maxMessage;
        this.trailingLf = trailingLf;
        this.datagram = ByteBuffer.allocate(maxMessage + 1);
    }

    @Override
    public boolean send(byte[] header, int headerLength, byte[] body, int offset, int length) throws IOException {
        datagram.clear();
        int room = maxMessage - headerLength - (trailingLf ? 1 : 0);
        boolean truncated = length > room;
        datagram.put(header, 0, headerLength);
        if (truncated) {
            // sized for the longest count the marker can show; the final marker is never longer
            int markerMax = (" [brocapi: truncated " + length + " bytes]").length();
            int keep = Math.max(0, room - markerMax);
            while (keep > 0 && (body[offset + keep] & 0xC0) == 0x80) {
                keep--; // do not split a UTF-8 sequence: back up to the start of the cut character
            }
            byte[] marker = (" [brocapi: truncated " + (length - keep) + " bytes]").getBytes(StandardCharsets.US_ASCII);
            datagram.put(body, offset, keep).put(marker);
        } else {
            datagram.put(body, offset, length);
        }
        if (trailingLf) {
            datagram.put((byte) '\n');
        }
        datagram.flip();
        written += datagram.remaining();
        channel.write(datagram);
        return truncated;
    }

    @Override
    public void flush() {
        // every send is already a datagram
    }

    @Override
    public void drain() throws IOException {
        close();
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    @Override
    public long sendBufferSize() {
        return 0;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
