package org.brocapi.analyzer.pcap;

/**
 * One packet record as read from a capture, before any decoding.
 *
 * <p>Readers reuse a single instance: each {@code next()} overwrites it and {@link #data} may be
 * the reader's own buffer. Copy what you keep beyond the next call.
 */
public final class CapturedPacket {
    /** Capture time, seconds since the epoch, as Zeek holds it (a double). */
    public double ts;
    /** The link type of the interface this packet was captured on ({@link LinkType}). */
    public int linkType;
    /** Bytes captured ({@code caplen}), i.e. valid bytes in {@code data[offset, offset+capLen)}. */
    public int capLen;
    /** Length of the packet on the wire ({@code len}); larger than capLen when snaplen cut it. */
    public int wireLen;
    public byte[] data;
    public int offset;
    /** Index of the packet in the capture, starting at 1 (as tcpdump and Wireshark count). */
    public long number;
}
