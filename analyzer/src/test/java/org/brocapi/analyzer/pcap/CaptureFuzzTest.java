package org.brocapi.analyzer.pcap;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.brocapi.analyzer.CaptureFormatException;
import org.brocapi.analyzer.packet.Packet;
import org.brocapi.analyzer.packet.PacketDecoder;

/**
 * Fuzzes the capture readers and the packet decoder together: any input must either be refused
 * with {@link CaptureFormatException} at open time or read to its end without an exception.
 *
 * <p>The normal build replays only the seed inputs (regression mode): the small captures in
 * {@code src/test/resources/org/brocapi/analyzer/pcap/CaptureFuzzTestInputs/<method>/}, written with
 * {@code testing/PcapWriter}. To fuzz for real, one method per run, for its {@code maxDuration}:
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -B -pl analyzer test-compile surefire:test@fuzz -Dtest='CaptureFuzzTest#readerAndDecoderNeverThrow'
 * JAZZER_FUZZ=1 ./mvnw -B -pl analyzer test-compile surefire:test@fuzz -Dtest='CaptureFuzzTest#decoderNeverThrowsOnAnyFrame'
 * </pre>
 * A crashing input is written next to the seeds (commit it: it becomes a regression test); the
 * generated corpus goes to {@code .cifuzz-corpus/} (git-ignored).
 */
class CaptureFuzzTest {
    private static final int[] LINK_TYPES = {
        LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL, LinkType.LOOP,
        LinkType.RAW, LinkType.IPV4, LinkType.IPV6, LinkType.RAW_BSD_12, LinkType.NFLOG, LinkType.IEEE802_11_RADIOTAP
    };

    @FuzzTest(maxDuration = "2m")
    void readerAndDecoderNeverThrow(byte[] input) throws IOException {
        PacketSource src;
        try {
            src = Captures.open(new ByteArrayInputStream(input));
        } catch (CaptureFormatException e) {
            return;
        }
        PacketDecoder verifying = new PacketDecoder(true);
        PacketDecoder lenient = new PacketDecoder(false);
        Packet out = new Packet();
        try (src) {
            CapturedPacket p;
            while ((p = src.next()) != null) {
                verifying.decode(p, out);
                lenient.decode(p, out);
            }
        }
    }

    @FuzzTest(maxDuration = "2m")
    void decoderNeverThrowsOnAnyFrame(FuzzedDataProvider data) {
        PacketDecoder decoder = new PacketDecoder(data.consumeBoolean());
        Packet out = new Packet();
        CapturedPacket cap = new CapturedPacket();
        int frames = data.consumeInt(1, 8);
        for (int i = 0; i < frames && data.remainingBytes() > 0; i++) {
            cap.linkType = data.pickValue(LINK_TYPES);
            int wireExtra = data.consumeInt(0, 3) == 0 ? data.consumeInt(0, 70_000) : 0;
            byte[] frame = data.consumeBytes(data.consumeInt(0, 2000));
            int lead = data.consumeInt(0, 16);
            byte[] buf = new byte[lead + frame.length + data.consumeInt(0, 16)];
            System.arraycopy(frame, 0, buf, lead, frame.length);
            cap.data = buf;
            cap.offset = lead;
            cap.capLen = frame.length;
            cap.wireLen = frame.length + wireExtra;
            cap.ts = data.consumeDouble();
            decoder.decode(cap, out);
        }
    }
}
