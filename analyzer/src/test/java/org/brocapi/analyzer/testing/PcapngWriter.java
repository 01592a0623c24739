package org.brocapi.analyzer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes pcapng files from tests, block by block, in the order called:
 * {@code new PcapngWriter().section(LITTLE_ENDIAN).iface(1, 65535, -1, 0).epb(0, 1_500_000, frame)}.
 */
public final class PcapngWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    /** Starts a section (SHB) in the given byte order. */
    public PcapngWriter section(ByteOrder o) {
        order = o;
        ByteBuffer body = buf(16);
        body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(0x0A0D0D0A, body.array());
    }

    /**
     * An interface (IDB). {@code tsresol} is the raw if_tsresol byte (-1: none, i.e. µs); {@code tsoffset}
     * is if_tsoffset in seconds (0: none).
     */
    public PcapngWriter iface(int linkType, int snaplen, int tsresol, long tsoffset) {
        ByteBuffer body = buf(8 + 8 + 12 + 4);
        body.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        if (tsresol >= 0) {
            body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
        }
        if (tsoffset != 0) {
            body.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
        }
        body.putShort((short) 0).putShort((short) 0);
        return block(1, slice(body));
    }

    /** Enhanced packet block, timestamp in the interface's units. */
    public PcapngWriter epb(int iface, long units, byte[] frame) {
        return epb(iface, units, frame, frame.length);
    }

    public PcapngWriter epb(int iface, long units, byte[] frame, int wireLen) {
        ByteBuffer body = buf(20 + pad(frame.length));
        body.putInt(iface).putInt((int) (units >>> 32)).putInt((int) units).putInt(frame.length).putInt(wireLen).put(frame);
        return block(6, body.array());
    }

    /** Simple packet block (interface 0, no timestamp). */
    public PcapngWriter spb(byte[] frame, int wireLen) {
        ByteBuffer body = buf(4 + pad(frame.length));
        body.putInt(wireLen).put(frame);
        return block(3, body.array());
    }

    /** The obsolete Packet Block (type 2). */
    public PcapngWriter pb(int iface, long units, byte[] frame) {
        ByteBuffer body = buf(20 + pad(frame.length));
        body.putShort((short) iface).putShort((short) 0).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(frame.length).putInt(frame.length).put(frame);
        return block(2, body.array());
    }

    /** Any block, e.g. a name resolution block (4) or a custom one, to check it is skipped. */
    public PcapngWriter block(int type, byte[] body) {
        int len = 12 + pad(body.length);
        ByteBuffer b = buf(len);
        b.putInt(type).putInt(len).put(body);
        b.position(len - 4);
        b.putInt(len);
        out.writeBytes(b.array());
        return this;
    }

    /** Raw bytes, for damaged files. */
    public PcapngWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }

    public Path write(Path file) {
        try {
            return Files.write(file, toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    private static byte[] slice(ByteBuffer b) {
        byte[] a = new byte[b.position()];
        System.arraycopy(b.array(), 0, a, 0, a.length);
        return a;
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
