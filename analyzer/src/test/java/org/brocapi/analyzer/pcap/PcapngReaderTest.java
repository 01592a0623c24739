package org.brocapi.analyzer.pcap;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.brocapi.analyzer.pcap.CapturesTest.bytes;
import static org.brocapi.analyzer.pcap.CapturesTest.readAll;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.brocapi.analyzer.CaptureFormatException;
import org.brocapi.analyzer.pcap.CapturesTest.Read;
import org.brocapi.analyzer.testing.PcapWriter;
import org.brocapi.analyzer.testing.PcapngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngReaderTest {
    @TempDir
    Path dir;

    private static final byte[] A = bytes(60, 1), B = bytes(1514, 2), C = bytes(33, 3);
    private static final long T = 1_700_000_000L;

    @Test
    void readsEnhancedPacketsInBothByteOrders() throws IOException {
        for (var order : List.of(LITTLE_ENDIAN, BIG_ENDIAN)) {
            byte[] file = new PcapngWriter().section(order).iface(LinkType.ETHERNET, 65535, -1, 0)
                    .epb(0, T * 1_000_000 + 250_000, A).epb(0, T * 1_000_000 + 500_001, B, 9000).toBytes();
            List<Read> r = readAll(Captures.open(new ByteArrayInputStream(file)));
            assertThat(r).hasSize(2);
            assertThat(r.get(0).data()).isEqualTo(A);
            assertThat(r.get(0).ts()).isEqualTo(T + 250_000 / 1e6);
            assertThat(r.get(1).data()).isEqualTo(B);
            assertThat(r.get(1).wireLen()).isEqualTo(9000);
            assertThat(r.get(1).ts()).isEqualTo(T + 500_001 / 1e6);
        }
    }

    @Test
    void perInterfaceLinkTypeResolutionAndOffset() throws IOException {
        byte[] file = new PcapngWriter().section(LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 65535, 9, 0)              // nanoseconds (10^-9)
                .iface(LinkType.RAW, 65535, 0x80 | 20, 0)          // 2^-20 seconds
                .iface(LinkType.LINUX_SLL, 65535, 3, 100)          // milliseconds, +100 s
                .epb(0, T * 1_000_000_000L + 123_456_789L, A)
                .epb(1, (T << 20) | (1 << 19), B)                  // exactly half a second
                .epb(2, T * 1000 + 7, C)
                .toBytes();
        List<Read> r = readAll(Captures.open(new ByteArrayInputStream(file)));
        assertThat(r).extracting(Read::linkType).containsExactly(LinkType.ETHERNET, LinkType.RAW, LinkType.LINUX_SLL);
        assertThat(r.get(0).ts()).isEqualTo(T + 123_456 / 1e6);
        assertThat(r.get(1).ts()).isEqualTo(T + 500_000 / 1e6);
        assertThat(r.get(2).ts()).isEqualTo(T + 100 + 7_000 / 1e6);
    }

    @Test
    void eachSectionHasItsOwnByteOrderAndInterfaces() throws IOException {
        byte[] file = new PcapngWriter()
                .section(LITTLE_ENDIAN).iface(LinkType.ETHERNET, 65535, -1, 0).epb(0, 1_000_000, A)
                .section(BIG_ENDIAN).iface(LinkType.RAW, 65535, -1, 0).epb(0, 2_000_000, B)
                .toBytes();
        List<Read> r = readAll(Captures.open(new ByteArrayInputStream(file)));
        assertThat(r).extracting(Read::linkType).containsExactly(LinkType.ETHERNET, LinkType.RAW);
        assertThat(r.get(1).data()).isEqualTo(B);
        assertThat(r.get(1).ts()).isEqualTo(2.0);
    }

    @Test
    void simpleAndObsoletePacketBlocksAndUnknownBlocksSkipped() throws IOException {
        byte[] file = new PcapngWriter().section(BIG_ENDIAN).iface(LinkType.ETHERNET, 100, -1, 0)
                .block(4, new byte[] {0, 0, 0, 0})        // name resolution block: skipped
                .block(0x40000BAD, bytes(77, 5))           // custom block: skipped
                .spb(B, B.length)                          // snaplen 100 cuts it
                .pb(0, 3_000_000, A)
                .block(5, bytes(40, 6))                    // interface statistics: skipped
                .toBytes();
        List<Read> r = readAll(Captures.open(new ByteArrayInputStream(file)));
        assertThat(r).hasSize(2);
        assertThat(r.get(0).data()).isEqualTo(Arrays.copyOf(B, 100));
        assertThat(r.get(0).wireLen()).isEqualTo(B.length);
        assertThat(r.get(0).ts()).isZero();
        assertThat(r.get(1).data()).isEqualTo(A);
        assertThat(r.get(1).ts()).isEqualTo(3.0);
    }

    @Test
    void gzippedPcapngFromFile() throws IOException {
        byte[] file = new PcapngWriter().section(LITTLE_ENDIAN).iface(1, 65535, -1, 0).epb(0, 5, A).toBytes();
        Path f = java.nio.file.Files.write(dir.resolve("a.pcapng.gz"), PcapWriter.gzip(file));
        assertThat(readAll(Captures.open(f))).extracting(Read::data).containsExactly(A);
    }

    @Test
    void packetOnUndeclaredInterfaceStops() throws IOException {
        byte[] file = new PcapngWriter().section(LITTLE_ENDIAN).iface(1, 65535, -1, 0)
                .epb(0, 1, A).epb(3, 2, B).toBytes();
        PacketSource src = Captures.open(new ByteArrayInputStream(file));
        assertThat(readAll(src)).hasSize(1);
        assertThat(src.problem()).isEqualTo(CaptureProblem.UNKNOWN_PCAPNG_INTERFACE);
    }

    @Test
    void badBlockLengthStops() throws IOException {
        byte[] file = new PcapngWriter().section(LITTLE_ENDIAN).iface(1, 65535, -1, 0).epb(0, 1, A)
                .raw(new byte[] {6, 0, 0, 0, 13, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}).toBytes();
        PacketSource src = Captures.open(new ByteArrayInputStream(file));
        assertThat(readAll(src)).hasSize(1);
        assertThat(src.problem()).isEqualTo(CaptureProblem.BAD_PCAPNG_BLOCK);
    }

    @Test
    void truncatedBlockStops() throws IOException {
        byte[] whole = new PcapngWriter().section(LITTLE_ENDIAN).iface(1, 65535, -1, 0).epb(0, 1, A).epb(0, 2, B).toBytes();
        PacketSource src = Captures.open(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 100)));
        assertThat(readAll(src)).hasSize(1);
        assertThat(src.problem()).isEqualTo(CaptureProblem.TRUNCATED_RECORD);
    }

    @Test
    void truncatedBlockTrailerStillDeliversThePacketThenStops() throws IOException {
        byte[] whole = new PcapngWriter().section(LITTLE_ENDIAN).iface(1, 65535, -1, 0).epb(0, 1, A).toBytes();
        PacketSource src = Captures.open(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 2)));
        assertThat(readAll(src)).hasSize(1);
        assertThat(src.problem()).isEqualTo(CaptureProblem.TRUNCATED_RECORD);
    }

    @Test
    void captureLengthBeyondBlockStops() throws IOException {
        byte[] file = new PcapngWriter().section(LITTLE_ENDIAN).iface(1, 65535, -1, 0).epb(0, 1, A).toBytes();
        // caplen field of the EPB (section 28 + IDB 24 bytes, then EPB offset 20) claims 4000 bytes
        int caplenAt = 28 + 24 + 20;
        file[caplenAt] = (byte) 0xa0;
        file[caplenAt + 1] = 0x0f;
        PacketSource src = Captures.open(new ByteArrayInputStream(file));
        assertThat(readAll(src)).isEmpty();
        assertThat(src.problem()).isEqualTo(CaptureProblem.BAD_PCAPNG_BLOCK);
    }

    @Test
    void manyPacketsAcrossBufferRefillsKeepTheirBytes() throws IOException {
        PcapngWriter w = new PcapngWriter().section(LITTLE_ENDIAN).iface(1, 65535, -1, 0);
        int n = 12_000;
        for (int i = 0; i < n; i++) w.epb(0, i, bytes(1001 + i % 700, i));
        byte[] file = w.toBytes(); // ~16 MB: the buffer grows, then refills several times
        for (PacketSource src : List.of(Captures.open(java.nio.file.Files.write(dir.resolve("many.pcapng"), file)),
                Captures.open(new ByteArrayInputStream(PcapWriter.gzip(file))))) {
            try (src) {
                CapturedPacket p;
                int count = 0;
                while ((p = src.next()) != null) {
                    assertThat(p.capLen).isEqualTo(1001 + count % 700);
                    assertThat(p.data[p.offset]).isEqualTo((byte) count);
                    assertThat(p.data[p.offset + p.capLen - 1]).isEqualTo((byte) ((p.capLen - 1) * 31 + count));
                    count++;
                }
                assertThat(count).isEqualTo(n);
                assertThat(src.problem()).isNull();
            }
        }
    }

    @Test
    void unknownByteOrderMagicIsNotACapture() {
        byte[] file = new PcapngWriter().section(LITTLE_ENDIAN).toBytes();
        file[8] = 0x11;
        assertThatThrownBy(() -> Captures.open(new ByteArrayInputStream(file)))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("byte-order magic");
    }
}
