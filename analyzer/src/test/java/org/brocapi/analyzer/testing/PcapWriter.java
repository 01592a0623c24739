package org.brocapi.analyzer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes classic pcap files from tests: {@code PcapWriter.pcap(LinkType.ETHERNET).add(1.5, frame).write(path)}.
 * Little-endian microseconds by default; {@link #bigEndian()} and {@link #nanos()} for the other variants.
 * See {@link PcapngWriter} for pcapng.
 */
public final class PcapWriter {
    private final int linkType;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private boolean nanos;
    private int snaplen = 65535;
    private final ByteArrayOutputStream records = new ByteArrayOutputStream();

    private PcapWriter(int linkType) {
        this.linkType = linkType;
    }

    public static PcapWriter pcap(int linkType) {
        return new PcapWriter(linkType);
    }

    public PcapWriter bigEndian() {
        order = ByteOrder.BIG_ENDIAN;
        return this;
    }

    public PcapWriter nanos() {
        nanos = true;
        return this;
    }

    public PcapWriter snaplen(int n) {
        snaplen = n;
        return this;
    }

    /** A record captured in full at time {@code ts} (seconds). */
    public PcapWriter add(double ts, byte[] frame) {
        return add(ts, frame, frame.length);
    }

    /** A record whose wire length is {@code wireLen} (more than frame.length when snaplen cut it). */
    public PcapWriter add(double ts, byte[] frame, int wireLen) {
        long sec = (long) Math.floor(ts);
        long frac = Math.round((ts - sec) * (nanos ? 1e9 : 1e6));
        return addRaw(sec, frac, frame, frame.length, wireLen);
    }

    /** A record with every header field given, including inconsistent ones. */
    public PcapWriter addRaw(long sec, long frac, byte[] frame, int capLenField, int wireLen) {
        ByteBuffer h = ByteBuffer.allocate(16).order(order);
        h.putInt((int) sec).putInt((int) frac).putInt(capLenField).putInt(wireLen);
        records.writeBytes(h.array());
        records.writeBytes(frame);
        return this;
    }

    public byte[] header() {
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(snaplen).putInt(linkType);
        return h.array();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(header());
        all.writeBytes(records.toByteArray());
        return all.toByteArray();
    }

    public Path write(Path file) {
        try {
            return Files.write(file, toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }
}
