package org.brocapi.analyzer.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.brocapi.analyzer.CaptureFormatException;
import org.brocapi.analyzer.testing.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturesTest {
    @TempDir
    Path dir;

    private static final byte[] A = bytes(60, 1), B = bytes(1514, 2), C = bytes(17, 3);

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + seed);
        return b;
    }

    record Read(double ts, int linkType, byte[] data, int wireLen, long number) { }

    static List<Read> readAll(PacketSource src) throws IOException {
        List<Read> out = new ArrayList<>();
        try (src) {
            CapturedPacket p;
            while ((p = src.next()) != null) {
                out.add(new Read(p.ts, p.linkType, Arrays.copyOfRange(p.data, p.offset, p.offset + p.capLen), p.wireLen, p.number));
            }
        }
        return out;
    }

    private static PcapWriter threePackets(PcapWriter w) {
        return w.add(1_700_000_000.123456, A).add(1_700_000_001.5, B, 2000).add(1_700_000_002.000001, C);
    }

    private void assertThree(List<Read> r) {
        assertThat(r).hasSize(3);
        assertThat(r.get(0).data()).isEqualTo(A);
        assertThat(r.get(0).ts()).isEqualTo(1_700_000_000 + 123456 / 1e6);
        assertThat(r.get(0).linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(r.get(1).data()).isEqualTo(B);
        assertThat(r.get(1).wireLen()).isEqualTo(2000);
        assertThat(r.get(2).data()).isEqualTo(C);
        assertThat(r.get(2).ts()).isEqualTo(1_700_000_002 + 1 / 1e6);
        assertThat(r.get(2).number()).isEqualTo(3);
    }

    @Test
    void readsLittleEndianMicrosecondPcap() throws IOException {
        Path f = threePackets(PcapWriter.pcap(LinkType.ETHERNET)).write(dir.resolve("le.pcap"));
        PacketSource src = Captures.open(f);
        assertThree(readAll(src));
        assertThat(src.problem()).isNull();
        assertThat(src.bytesRead()).isEqualTo(Files.size(f));
    }

    @Test
    void readsBigEndianPcap() throws IOException {
        assertThree(readAll(Captures.open(threePackets(PcapWriter.pcap(1).bigEndian()).write(dir.resolve("be.pcap")))));
    }

    @Test
    void nanosecondPcapIsTruncatedToMicrosecondsLikeLibpcap() throws IOException {
        PcapWriter w = PcapWriter.pcap(1).nanos().bigEndian();
        w.addRaw(1_700_000_000L, 123_456_789L, A, A.length, A.length);
        List<Read> r = readAll(Captures.open(w.write(dir.resolve("ns.pcap"))));
        assertThat(r.get(0).ts()).isEqualTo(1_700_000_000 + 123456 / 1e6);
        PcapWriter le = PcapWriter.pcap(1).nanos();
        le.addRaw(1_700_000_002L, 1_999L, C, C.length, C.length);
        assertThat(readAll(Captures.open(le.write(dir.resolve("ns2.pcap")))).get(0).ts()).isEqualTo(1_700_000_002 + 1 / 1e6);
    }

    @Test
    void readsGzippedPcapFromFileAndStream() throws IOException {
        byte[] gz = PcapWriter.gzip(threePackets(PcapWriter.pcap(1)).toBytes());
        Path f = Files.write(dir.resolve("x.pcap.gz"), gz);
        assertThree(readAll(Captures.open(f)));
        assertThree(readAll(Captures.open(new ByteArrayInputStream(gz))));
    }

    @Test
    void readsFromAStreamDeliveredInTinyPieces() throws IOException {
        byte[] pcap = threePackets(PcapWriter.pcap(1)).toBytes();
        // like a pipe: at most 7 bytes per read
        InputStream trickle = new ByteArrayInputStream(pcap) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        assertThree(readAll(Captures.open(trickle)));
    }

    @Test
    void manyPacketsAcrossBufferRefills() throws IOException {
        PcapWriter w = PcapWriter.pcap(1);
        int n = 20_000;
        for (int i = 0; i < n; i++) w.add(i, bytes(1000 + i % 500, i));
        Path f = w.write(dir.resolve("many.pcap")); // ~25 MB: several 8 MiB chunks
        try (PacketSource src = Captures.open(f)) {
            CapturedPacket p;
            int count = 0;
            while ((p = src.next()) != null) {
                assertThat(p.capLen).isEqualTo(1000 + count % 500);
                assertThat(p.data[p.offset]).isEqualTo((byte) count);
                assertThat(p.data[p.offset + p.capLen - 1]).isEqualTo((byte) ((p.capLen - 1) * 31 + count));
                count++;
            }
            assertThat(count).isEqualTo(n);
            assertThat(src.problem()).isNull();
        }
    }

    @Test
    void recordLongerThanSnaplenKeepsSnaplenBytesLikeLibpcap() throws IOException {
        PcapWriter w = PcapWriter.pcap(1).snaplen(100);
        w.add(1, B).add(2, A);
        List<Read> r = readAll(Captures.open(w.write(dir.resolve("snap.pcap"))));
        assertThat(r.get(0).data()).isEqualTo(Arrays.copyOf(B, 100));
        assertThat(r.get(1).data()).isEqualTo(A);
    }

    @Test
    void truncatedLastRecordStopsWithProblem() throws IOException {
        byte[] whole = threePackets(PcapWriter.pcap(1)).toBytes();
        Path f = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 5));
        PacketSource src = Captures.open(f);
        assertThat(readAll(src)).hasSize(2);
        assertThat(src.problem()).isEqualTo(CaptureProblem.TRUNCATED_RECORD);
    }

    @Test
    void cutInsideARecordHeaderStopsWithProblem() throws IOException {
        byte[] whole = PcapWriter.pcap(1).add(1, A).toBytes();
        PacketSource src = Captures.open(new ByteArrayInputStream(Arrays.copyOf(whole, 24 + 16 + A.length + 9)));
        assertThat(readAll(src)).hasSize(1);
        assertThat(src.problem()).isEqualTo(CaptureProblem.TRUNCATED_RECORD);
    }

    @Test
    void absurdRecordLengthStopsWithProblem() throws IOException {
        PcapWriter w = PcapWriter.pcap(1).add(1, A);
        w.addRaw(2, 0, C, 300_000, 300_000);
        w.add(3, A);
        PacketSource src = Captures.open(w.write(dir.resolve("absurd.pcap")));
        assertThat(readAll(src)).hasSize(1);
        assertThat(src.problem()).isEqualTo(CaptureProblem.BAD_RECORD_LENGTH);
    }

    @Test
    void negativeRecordLengthStopsWithProblem() throws IOException {
        PcapWriter w = PcapWriter.pcap(1).add(1, A);
        w.addRaw(2, 0, C, -5, 10);
        PacketSource src = Captures.open(new ByteArrayInputStream(w.toBytes()));
        assertThat(readAll(src)).hasSize(1);
        assertThat(src.problem()).isEqualTo(CaptureProblem.BAD_RECORD_LENGTH);
    }

    @Test
    void corruptGzipAfterValidHeaderStopsWithProblem() throws IOException {
        byte[] gz = PcapWriter.gzip(threePackets(PcapWriter.pcap(1)).toBytes());
        byte[] cut = Arrays.copyOf(gz, gz.length - 20);
        PacketSource src = Captures.open(new ByteArrayInputStream(cut));
        readAll(src);
        assertThat(src.problem()).isEqualTo(CaptureProblem.BAD_GZIP);
    }

    @Test
    void emptyHeaderOnlyCaptureHasNoPackets() throws IOException {
        PacketSource src = Captures.open(new ByteArrayInputStream(PcapWriter.pcap(1).toBytes()));
        assertThat(readAll(src)).isEmpty();
        assertThat(src.problem()).isNull();
    }

    @Test
    void textFileIsNotACapture() throws IOException {
        Path f = Files.writeString(dir.resolve("notes.txt"), "<html>hello</html>");
        assertThatThrownBy(() -> Captures.open(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("not a pcap or pcapng capture: starts with 3c 68 74 6d 6c 3e 68 65 (\"<html>he\")");
    }

    @Test
    void emptyAndTinyInputsAreNotCaptures() throws IOException {
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        assertThatThrownBy(() -> Captures.open(empty)).isInstanceOf(CaptureFormatException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Captures.open(new ByteArrayInputStream(new byte[] {(byte) 0xd4, (byte) 0xc3})))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("only 2 bytes");
        byte[] headerCut = Arrays.copyOf(PcapWriter.pcap(1).toBytes(), 20);
        assertThatThrownBy(() -> Captures.open(new ByteArrayInputStream(headerCut)))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("truncated pcap file header");
    }

    @Test
    void gzipOfTextIsNotACapture() {
        byte[] gz = PcapWriter.gzip("just some text, not a capture".getBytes());
        assertThatThrownBy(() -> Captures.open(new ByteArrayInputStream(gz)))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("not a pcap or pcapng capture");
    }

    @Test
    void truncatedGzipHeaderIsNotACapture() {
        byte[] gz = PcapWriter.gzip(threePackets(PcapWriter.pcap(1)).toBytes());
        assertThatThrownBy(() -> Captures.open(new ByteArrayInputStream(Arrays.copyOf(gz, 6))))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("gzip header");
    }

    @Test
    void unsupportedPcapVersionIsRejected() {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 1).putShort((short) 0).putInt(0).putInt(0).putInt(65535).putInt(1);
        assertThatThrownBy(() -> Captures.open(new ByteArrayInputStream(h.array())))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("unsupported pcap version 1.0");
    }

    @Test
    void garbageAfterValidRecordsNeverThrowsOrHangs() throws IOException {
        byte[] good = threePackets(PcapWriter.pcap(1)).toBytes();
        java.util.Random rnd = new java.util.Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] junk = new byte[rnd.nextInt(200)];
            rnd.nextBytes(junk);
            byte[] all = new byte[good.length + junk.length];
            System.arraycopy(good, 0, all, 0, good.length);
            System.arraycopy(junk, 0, all, good.length, junk.length);
            PacketSource src = Captures.open(new ByteArrayInputStream(all));
            assertThat(readAll(src).size()).isGreaterThanOrEqualTo(3);
        }
    }
}
