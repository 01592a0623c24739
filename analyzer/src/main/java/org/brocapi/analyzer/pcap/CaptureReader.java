package org.brocapi.analyzer.pcap;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.ZipException;

/** What classic pcap and pcapng readers share: the buffer, the reused packet, early-stop reporting. */
abstract sealed class CaptureReader implements PacketSource permits PcapReader, PcapngReader {
    /** libpcap's largest accepted capture length (MAXIMUM_SNAPLEN): anything above is damage. */
    static final int MAX_CAPLEN = 262_144;

    static final VarHandle I32_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle I16_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I16_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    final ChunkInput in;
    final CapturedPacket packet = new CapturedPacket();
    private String problem;
    private boolean done;

    CaptureReader(ChunkInput in) {
        this.in = in;
    }

    @Override
    public final CapturedPacket next() throws IOException {
        if (done) return null;
        try {
            CapturedPacket p = read();
            if (p == null) {
                done = true;
                if (in.damaged()) problem = CaptureProblem.BAD_GZIP;
            }
            return p;
        } catch (ZipException | EOFException e) {
            // GZIPInputStream: corrupt data or a stream cut short after a valid capture header
            return stop(CaptureProblem.BAD_GZIP);
        }
    }

    /** The next packet, null at the end; {@link #stop} for damage. */
    abstract CapturedPacket read() throws IOException;

    final CapturedPacket stop(String why) {
        problem = why;
        done = true;
        return null;
    }

    @Override
    public final long bytesRead() {
        return in.consumed();
    }

    @Override
    public final String problem() {
        return problem;
    }

    @Override
    public final void close() throws IOException {
        in.close();
    }

    final int i32(boolean le, int at) {
        return le ? (int) I32_LE.get(in.buf, at) : (int) I32_BE.get(in.buf, at);
    }

    final int u16(boolean le, int at) {
        return (le ? (short) I16_LE.get(in.buf, at) : (short) I16_BE.get(in.buf, at)) & 0xffff;
    }

    /** Zeek's packet time: libpcap hands it seconds and microseconds; Zeek adds usec / 1e6. */
    static double zeekTime(long sec, long usec) {
        return sec + (double) usec / 1e6;
    }
}
