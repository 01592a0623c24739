package org.brocapi.analyzer.pcap;

import java.io.IOException;
import java.util.Arrays;
import org.brocapi.analyzer.CaptureFormatException;

/**
 * pcapng (draft-ietf-opsawg-pcapng): section header, interface description, enhanced / simple /
 * obsolete packet blocks; every other block type is skipped. Each section has its own byte order
 * and its own interface list. Timestamps follow each interface's {@code if_tsresol} (power of 10
 * or of 2) and {@code if_tsoffset}.
 *
 * <p>Unlike libpcap, interfaces of one file may have different link types: each packet carries its
 * interface's ({@link CapturedPacket#linkType}). libpcap refuses such files outright.
 */
final class PcapngReader extends CaptureReader {
    static final int SHB = 0x0A0D0D0A, IDB = 1, PB = 2, SPB = 3, EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_END = 0, IF_TSRESOL = 9, IF_TSOFFSET = 14;
    /** Section and interface blocks are small; a larger one means the file is damaged. */
    private static final int MAX_HEADER_BLOCK = 256 << 10;

    private boolean le;
    private long pendingSkip;
    private int ifCount;
    private int[] ifLinkType = new int[4];
    private int[] ifSnaplen = new int[4];
    /** Timestamp units per second as 10^n (ifPow2 false) or 2^n (ifPow2 true). */
    private int[] ifResolution = new int[4];
    private boolean[] ifPow2 = new boolean[4];
    private long[] ifOffset = new long[4];

    PcapngReader(ChunkInput in) throws IOException {
        super(in);
        if (!in.ensure(28)) throw new CaptureFormatException("truncated pcapng section header (" + in.available() + " bytes)");
        if (!readSectionHeader()) throw new CaptureFormatException("pcapng section header with unknown byte-order magic or version");
    }

    /** Parses the SHB at {@link ChunkInput#pos}; false when its byte-order magic or version is unknown. */
    private boolean readSectionHeader() throws IOException {
        int at = in.pos;
        int bom = (int) I32_LE.get(in.buf, at + 8);
        if (bom == BYTE_ORDER_MAGIC) {
            le = true;
        } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
            le = false;
        } else {
            return false;
        }
        int len = i32(le, at + 4);
        int major = u16(le, at + 12);
        if (major != 1 || len < 28 || (len & 3) != 0 || len > MAX_HEADER_BLOCK || !in.ensure(len)) return false;
        ifCount = 0;
        in.pos += len;
        return true;
    }

    @Override
    CapturedPacket read() throws IOException {
        ChunkInput in = this.in;
        if (pendingSkip > 0) {
            long n = pendingSkip;
            pendingSkip = 0;
            if (!in.skip(n)) return stop(CaptureProblem.TRUNCATED_RECORD);
        }
        while (true) {
            if (!in.ensure(12)) {
                return in.available() == 0 ? null : stop(CaptureProblem.TRUNCATED_RECORD);
            }
            int at = in.pos;
            int type = i32(le, at);
            if (type == SHB) {
                if (!in.ensure(28)) return stop(CaptureProblem.TRUNCATED_RECORD);
                if (!readSectionHeader()) return stop(CaptureProblem.BAD_PCAPNG_SECTION);
                continue;
            }
            long len = i32(le, at + 4) & 0xffffffffL;
            if (len < 12 || (len & 3) != 0) return stop(CaptureProblem.BAD_PCAPNG_BLOCK);
            switch (type) {
                case EPB, PB, SPB -> {
                    CapturedPacket p = packetBlock(type, (int) Math.min(len, Integer.MAX_VALUE));
                    if (p != null || problem() != null) return p;
                }
                case IDB -> {
                    if (len > MAX_HEADER_BLOCK) return stop(CaptureProblem.BAD_PCAPNG_BLOCK);
                    if (!in.ensure((int) len)) return stop(CaptureProblem.TRUNCATED_RECORD);
                    if (!interfaceBlock(in.pos, (int) len)) return stop(CaptureProblem.BAD_PCAPNG_BLOCK);
                    in.pos += (int) len;
                }
                default -> {
                    if (!in.skip(len)) return stop(CaptureProblem.TRUNCATED_RECORD);
                }
            }
        }
    }

    private boolean interfaceBlock(int at, int len) {
        if (len < 20) return false;
        if (ifCount == ifLinkType.length) {
            int n = ifCount * 2;
            ifLinkType = Arrays.copyOf(ifLinkType, n);
            ifSnaplen = Arrays.copyOf(ifSnaplen, n);
            ifResolution = Arrays.copyOf(ifResolution, n);
            ifPow2 = Arrays.copyOf(ifPow2, n);
            ifOffset = Arrays.copyOf(ifOffset, n);
        }
        int i = ifCount;
        ifLinkType[i] = u16(le, at + 8);
        int snap = i32(le, at + 12);
        ifSnaplen[i] = snap <= 0 || snap > MAX_CAPLEN ? MAX_CAPLEN : snap;
        ifResolution[i] = 6; // default: microseconds
        ifPow2[i] = false;
        ifOffset[i] = 0;
        int opt = at + 16;
        int end = at + len - 4;
        while (opt + 4 <= end) {
            int code = u16(le, opt);
            int olen = u16(le, opt + 2);
            if (code == OPT_END || opt + 4 + olen > end) break;
            if (code == IF_TSRESOL && olen >= 1) {
                int r = in.buf[opt + 4] & 0xff;
                ifPow2[i] = (r & 0x80) != 0;
                ifResolution[i] = r & 0x7f;
                // 10^19 and 2^64 do not fit the 64-bit timestamp; such a file cannot be read sensibly
                if (ifPow2[i] ? ifResolution[i] > 63 : ifResolution[i] > 18) return false;
            } else if (code == IF_TSOFFSET && olen >= 8) {
                long hi = i32(le, opt + 4) & 0xffffffffL, lo = i32(le, opt + 8) & 0xffffffffL;
                ifOffset[i] = le ? (lo << 32 | hi) : (hi << 32 | lo);
            }
            opt += 4 + ((olen + 3) & ~3);
        }
        ifCount++;
        return true;
    }

    /** Returns the packet, or null with no problem set when the block was skipped. */
    private CapturedPacket packetBlock(int type, int len) throws IOException {
        int fixed = type == SPB ? 16 : 32; // block header + fields + trailing length
        if (len < fixed) return stop(CaptureProblem.BAD_PCAPNG_BLOCK);
        if (!in.ensure(fixed - 4)) return stop(CaptureProblem.TRUNCATED_RECORD);
        int at = in.pos;
        int iface;
        long tsUnits;
        int caplen;
        int wirelen;
        if (type == EPB) {
            iface = i32(le, at + 8);
            tsUnits = (i32(le, at + 12) & 0xffffffffL) << 32 | (i32(le, at + 16) & 0xffffffffL);
            caplen = i32(le, at + 20);
            wirelen = i32(le, at + 24);
        } else if (type == PB) {
            iface = u16(le, at + 8);
            tsUnits = (i32(le, at + 12) & 0xffffffffL) << 32 | (i32(le, at + 16) & 0xffffffffL);
            caplen = i32(le, at + 20);
            wirelen = i32(le, at + 24);
        } else {
            iface = 0;
            tsUnits = 0; // simple packet blocks carry no timestamp
            wirelen = i32(le, at + 8);
            caplen = wirelen < 0 ? len - fixed : Math.min(wirelen, len - fixed);
        }
        if (iface < 0 || iface >= ifCount) return stop(CaptureProblem.UNKNOWN_PCAPNG_INTERFACE);
        if (caplen < 0 || caplen > MAX_CAPLEN) return stop(CaptureProblem.BAD_RECORD_LENGTH);
        if (caplen > len - fixed) return stop(CaptureProblem.BAD_PCAPNG_BLOCK);
        int dataOff = fixed - 4;
        if (!in.ensure(dataOff + caplen)) return stop(CaptureProblem.TRUNCATED_RECORD);
        at = in.pos;
        CapturedPacket p = packet;
        p.linkType = ifLinkType[iface];
        p.capLen = Math.min(caplen, ifSnaplen[iface]);
        p.wireLen = wirelen;
        p.data = in.buf;
        p.offset = at + dataOff;
        p.ts = time(iface, tsUnits);
        p.number++;
        in.pos = at + dataOff + caplen;
        // the rest of the block (padding, options, trailing length) is skipped on the next call: a
        // refill now could overwrite the packet just handed out
        pendingSkip = (long) len - dataOff - caplen;
        return p;
    }

    /** Converts to Zeek's time the way libpcap does: whole seconds, then the fraction in µs, truncated. */
    private double time(int iface, long units) {
        int r = ifResolution[iface];
        long sec;
        long usec;
        if (ifPow2[iface]) {
            long frac = r == 0 ? 0 : units & ((1L << r) - 1);
            sec = r == 0 ? units : units >>> r;
            // frac * 1e6 overflows 63 bits beyond 2^43 units per second; drop low bits first
            usec = r <= 43 ? (frac * 1_000_000L) >>> r : ((frac >>> (r - 43)) * 1_000_000L) >>> 43;
        } else {
            long div = POW10[r];
            sec = Long.divideUnsigned(units, div);
            long frac = Long.remainderUnsigned(units, div);
            usec = r >= 6 ? frac / POW10[r - 6] : frac * POW10[6 - r];
        }
        return zeekTime(sec + ifOffset[iface], usec);
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }
}
