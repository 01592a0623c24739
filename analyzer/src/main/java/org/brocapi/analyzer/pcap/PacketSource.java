package org.brocapi.analyzer.pcap;

import java.io.Closeable;
import java.io.IOException;

/**
 * A capture file, read packet by packet. Implementations: classic pcap and pcapng.
 *
 * <p>Lifecycle: {@link #next()} until it returns null (end of capture), then {@link #close()}.
 * Damage after a valid header (a truncated record, an absurd length) ends the capture early and is
 * reported through {@link #problem()}, never as an exception; only a file that is not a capture at
 * all fails, at open time, with {@link org.brocapi.analyzer.CaptureFormatException}.
 */
public interface PacketSource extends Closeable {
    /** The next packet, or null at the end. The returned instance is reused by the next call. */
    CapturedPacket next() throws IOException;

    /** Capture bytes consumed so far (of the uncompressed stream), for progress reporting. */
    long bytesRead();

    /** Why reading stopped early, as a Zeek-style weird name, or null if it did not. */
    String problem();
}
