package org.brocapi.analyzer.protocol.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

class FramerTest {
    @Test
    void lengthPrefixedMessagesAcrossArbitraryChunks() {
        byte[] stream = Hex.bytes("0003 616263 0000 0001 7a");
        for (int cut = 0; cut <= stream.length; cut++) {
            var f = new LengthPrefixFramer();
            var got = new ArrayList<String>();
            LengthPrefixFramer.Handler h = (b, o, n) -> got.add(new String(b, o, n, StandardCharsets.US_ASCII));
            f.feed(stream, 0, cut, h, () -> true);
            f.feed(stream, cut, stream.length - cut, h, () -> true);
            // the empty message completes when the next length byte arrives, as in Zeek's Contents_DNS
            assertThat(got).as("cut at %d", cut).containsExactly("abc", "", "z");
        }
    }

    @Test
    void stopsWhenTheConsumerIsDone() {
        byte[] stream = Hex.bytes("0001 61 0001 62");
        var got = new ArrayList<String>();
        new LengthPrefixFramer().feed(stream, 0, stream.length,
                (b, o, n) -> got.add(new String(b, o, n, StandardCharsets.US_ASCII)), got::isEmpty);
        assertThat(got).containsExactly("a");
    }

    @Test
    void linesWithCrlfLfAndOverlongPieces() {
        var f = new LineFramer(4);
        List<String> got = new ArrayList<>();
        LineFramer.Handler h = (b, o, n, complete) -> got.add(new String(b, o, n, StandardCharsets.US_ASCII) + (complete ? "" : "…"));
        byte[] in = "220 ok\r\nA\nBC".getBytes(StandardCharsets.US_ASCII);
        f.feed(in, 0, 5, h);
        f.feed(in, 5, in.length - 5, h);
        assertThat(got).containsExactly("220 …", "ok", "A");
        assertThat(f.pending()).isEqualTo(2);
    }
}
