package org.brocapi.service.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.brocapi.service.testing.PcapWriter;
import org.junit.jupiter.api.Test;

class CaptureCheckTest {

    static String check(byte[] data, int chunk) {
        CaptureCheck c = new CaptureCheck();
        for (int off = 0; off < data.length; off += chunk) {
            c.update(data, off, Math.min(chunk, data.length - off));
        }
        String problem = c.finish();
        return problem == null ? "ok " + c.formatName() : problem;
    }

    static PcapWriter three() {
        return new PcapWriter().udp(1, 2, "a").udp(3, 4, "bb".repeat(300)).udp(5, 6, "ccc");
    }

    @Test
    void acceptsEveryFormatWhateverTheChunking() {
        for (int chunk : new int[] {1, 3, 16, 17, 4096}) {
            assertThat(check(three().pcap(), chunk)).isEqualTo("ok pcap");
            assertThat(check(three().pcapng(), chunk)).isEqualTo("ok pcapng");
            assertThat(check(PcapWriter.gzip(three().pcap()), chunk)).isEqualTo("ok pcap.gz");
            assertThat(check(PcapWriter.gzip(three().pcapng()), chunk)).isEqualTo("ok pcapng.gz");
        }
    }

    @Test
    void acceptsBigEndianAndNanosecondPcap() {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + 4).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0xA1B23C4D).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        b.putInt(1).putInt(2).putInt(4).putInt(4).putInt(0xdeadbeef);
        CaptureCheck c = new CaptureCheck();
        c.update(b.array(), 0, b.capacity());
        assertThat(c.finish()).isNull();
        assertThat(c.nanosecond()).isTrue();
    }

    @Test
    void headerOnlyPcapIsAnEmptyCapture() {
        assertThat(check(new PcapWriter().pcap(), 7)).isEqualTo("ok pcap");
    }

    @Test
    void refusesWhatIsNotACapture() {
        assertThat(check(new byte[0], 1)).isEqualTo("empty file");
        assertThat(check("hi".getBytes(StandardCharsets.UTF_8), 1)).startsWith("not a pcap, pcapng or gzip of one (file too short)");
        assertThat(check("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.UTF_8), 5)).isEqualTo("not a pcap, pcapng or gzip of one (unknown magic 47455420)");
        assertThat(check(PcapWriter.gzip("plain text".getBytes(StandardCharsets.UTF_8)), 5)).isEqualTo("gzip that does not hold a pcap or pcapng");
        assertThat(check(new byte[] {0x1f, (byte) 0x8b, 8, 0}, 5)).startsWith("truncated gzip");
    }

    @Test
    void findsTruncationAnywhere() {
        byte[] p = three().pcap();
        assertThat(check(Arrays.copyOf(p, 20), 4)).isEqualTo("truncated pcap (the file ends inside its header)");
        assertThat(check(Arrays.copyOf(p, 24 + 10), 4)).isEqualTo("truncated pcap (the record at byte 24 is cut off at byte 34)");
        assertThat(check(Arrays.copyOf(p, p.length - 1), 64)).startsWith("truncated pcap (the record at byte");
        byte[] ng = three().pcapng();
        assertThat(check(Arrays.copyOf(ng, ng.length - 4), 64)).startsWith("truncated pcapng (the block at byte");
        assertThat(check(Arrays.copyOf(ng, 10), 64)).isEqualTo("truncated pcapng (the file ends inside its header)");
    }

    @Test
    void refusesAbsurdRecordLengths() {
        byte[] p = three().pcap();
        ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 0x7fffffff);
        assertThat(check(p, 100)).isEqualTo("corrupt pcap (the record at byte 24 claims 2147483647 bytes)");
        byte[] ng = three().pcapng();
        ByteBuffer.wrap(ng).order(ByteOrder.LITTLE_ENDIAN).putInt(28 + 4, 13);
        assertThat(check(ng, 100)).isEqualTo("corrupt pcapng (the block at byte 28 claims 13 bytes)");
    }
}
