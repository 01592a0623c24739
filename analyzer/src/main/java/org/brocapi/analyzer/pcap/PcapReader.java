package org.brocapi.analyzer.pcap;

import java.io.IOException;
import org.brocapi.analyzer.CaptureFormatException;

/**
 * Classic libpcap files (wiki.wireshark.org/Development/LibpcapFileFormat): microsecond magic
 * a1b2c3d4 and nanosecond magic a1b23c4d in either byte order, and the Kuznetzov "modified" format
 * a1b2cd34 whose record headers carry 8 extra bytes.
 */
final class PcapReader extends CaptureReader {
    static final int MAGIC_US = 0xa1b2c3d4, MAGIC_NS = 0xa1b23c4d, MAGIC_MODIFIED = 0xa1b2cd34;

    private final boolean le;
    private final boolean nanos;
    private final int recordHeaderLen;
    private final int snaplen;
    private final int linkType;

    PcapReader(ChunkInput in) throws IOException {
        super(in);
        if (!in.ensure(24)) throw new CaptureFormatException("truncated pcap file header (" + in.available() + " of 24 bytes)");
        int be = (int) I32_BE.get(in.buf, in.pos);
        int magic = (int) I32_LE.get(in.buf, in.pos);
        le = magic == MAGIC_US || magic == MAGIC_NS || magic == MAGIC_MODIFIED;
        if (!le) magic = be;
        nanos = magic == MAGIC_NS;
        recordHeaderLen = magic == MAGIC_MODIFIED ? 24 : 16;
        int major = u16(le, in.pos + 4);
        if (major != 2) throw new CaptureFormatException("unsupported pcap version " + major + "." + u16(le, in.pos + 6));
        int snap = i32(le, in.pos + 16);
        // libpcap replaces an unset or oversized snaplen by its maximum
        snaplen = snap <= 0 || snap > MAX_CAPLEN ? MAX_CAPLEN : snap;
        // the upper bits of the link-type field carry FCS information (LINKTYPE_ext)
        linkType = i32(le, in.pos + 20) & 0x03ff_ffff;
        in.pos += 24;
        packet.linkType = linkType;
    }

    int linkType() {
        return linkType;
    }

    @Override
    CapturedPacket read() throws IOException {
        ChunkInput in = this.in;
        if (!in.ensure(recordHeaderLen)) {
            return in.available() == 0 ? null : stop(CaptureProblem.TRUNCATED_RECORD);
        }
        int h = in.pos;
        long sec = i32(le, h) & 0xffffffffL;
        long frac = i32(le, h + 4) & 0xffffffffL;
        int caplen = i32(le, h + 8);
        int wirelen = i32(le, h + 12);
        if (caplen < 0 || caplen > MAX_CAPLEN) return stop(CaptureProblem.BAD_RECORD_LENGTH);
        if (!in.ensure(recordHeaderLen + caplen)) return stop(CaptureProblem.TRUNCATED_RECORD);
        h = in.pos;
        CapturedPacket p = packet;
        // libpcap keeps the first snaplen bytes of a record longer than the file's snaplen
        p.capLen = Math.min(caplen, snaplen);
        p.wireLen = wirelen;
        p.data = in.buf;
        p.offset = h + recordHeaderLen;
        p.ts = zeekTime(sec, nanos ? frac / 1000 : frac);
        p.number++;
        in.pos = h + recordHeaderLen + caplen;
        return p;
    }
}
