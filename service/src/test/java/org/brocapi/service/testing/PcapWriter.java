package org.brocapi.service.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Builds small captures in memory: a classic pcap (little-endian, µs, Ethernet) or a pcapng
 * (SHB + IDB + EPBs) of Ethernet/IPv4/UDP packets, so tests need no corpus files.
 */
public final class PcapWriter {
    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private final ByteArrayOutputStream blocks = new ByteArrayOutputStream();
    private long tsMicros = 1_700_000_000_000_000L;
    private int count;

    /** One UDP datagram 10.0.0.1:sport → 10.0.0.2:dport carrying {@code payload}. */
    public PcapWriter udp(int sport, int dport, String payload) {
        return frame(udpFrame(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, sport, dport,
                payload.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** The answer direction: 10.0.0.2:sport → 10.0.0.1:dport. */
    public PcapWriter udpBack(int sport, int dport, String payload) {
        return frame(udpFrame(new byte[] {10, 0, 0, 2}, new byte[] {10, 0, 0, 1}, sport, dport,
                payload.getBytes(StandardCharsets.ISO_8859_1)));
    }

    public PcapWriter frame(byte[] frame) {
        tsMicros += 1000;
        ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt((int) (tsMicros / 1_000_000)).putInt((int) (tsMicros % 1_000_000)).putInt(frame.length).putInt(frame.length);
        records.writeBytes(h.array());
        records.writeBytes(frame);
        int padded = (frame.length + 3) & ~3;
        ByteBuffer epb = ByteBuffer.allocate(32 + padded).order(ByteOrder.LITTLE_ENDIAN);
        epb.putInt(6).putInt(32 + padded).putInt(0).putInt((int) (tsMicros >>> 32)).putInt((int) tsMicros)
                .putInt(frame.length).putInt(frame.length).put(frame);
        epb.position(28 + padded);
        epb.putInt(32 + padded);
        blocks.writeBytes(epb.array());
        count++;
        return this;
    }

    public int packets() {
        return count;
    }

    public byte[] pcap() {
        ByteBuffer g = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        g.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(g.array());
        out.writeBytes(records.toByteArray());
        return out.toByteArray();
    }

    public byte[] pcapng() {
        ByteBuffer shb = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        ByteBuffer idb = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        idb.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(65535).putInt(20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(shb.array());
        out.writeBytes(idb.array());
        out.writeBytes(blocks.toByteArray());
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static byte[] udpFrame(byte[] src, byte[] dst, int sport, int dport, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8 + payload.length);
        b.put(new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x66, 0x77, (byte) 0x88, (byte) 0x99, (byte) 0xaa});
        b.putShort((short) 0x0800);
        int ipStart = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + payload.length)).putShort((short) 1)
                .putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0).put(src).put(dst);
        int sum = 0;
        for (int i = ipStart; i < ipStart + 20; i += 2) {
            sum += b.getShort(i) & 0xffff;
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        b.putShort(ipStart + 10, (short) ~sum);
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0);
        b.put(payload);
        return b.array();
    }
}
