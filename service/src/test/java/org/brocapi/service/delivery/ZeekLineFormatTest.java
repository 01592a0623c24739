package org.brocapi.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ZeekLineFormatTest {

    static ZeekLineFormat tsv() {
        ZeekLineFormat f = new ZeekLineFormat();
        for (String h : new String[] {"#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-",
            "#fields\tts\tuid\tid.orig_p\tproto\tdur\tok\tnames\tnote", "#types\ttime\tstring\tport\tenum\tinterval\tbool\tset[string]\tstring"}) {
            byte[] b = h.getBytes(StandardCharsets.UTF_8);
            f.headerLine(b, 0, b.length);
        }
        return f;
    }

    static String json(ZeekLineFormat f, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        assertThat(f.toJson(b, 0, b.length)).isTrue();
        return new String(f.json(), 0, f.jsonLength(), StandardCharsets.UTF_8);
    }

    @Test
    void tsvLineBecomesZeekStyleJson() {
        ZeekLineFormat f = tsv();
        assertThat(json(f, "1320279566.452687\tCx\t80\ttcp\t0.5\tT\ta,b\tsaid \"hi\" \\x09 caf\u00e9"))
                .isEqualTo("{\"ts\":1320279566.452687,\"uid\":\"Cx\",\"id.orig_p\":80,\"proto\":\"tcp\",\"dur\":0.5,"
                        + "\"ok\":true,\"names\":[\"a\",\"b\"],\"note\":\"said \\\"hi\\\" \\\\x09 caf\u00e9\"}");
        assertThat(json(f, "1.0\tCy\t-\ttcp\t-\tF\t(empty)\t-"))
                .isEqualTo("{\"ts\":1.0,\"uid\":\"Cy\",\"proto\":\"tcp\",\"ok\":false,\"names\":[]}");
    }

    @Test
    void eventTimeFromTsvAndJsonLines() {
        ZeekLineFormat f = tsv();
        byte[] tsv = "1320279566.452687\tCx\t80".getBytes(StandardCharsets.US_ASCII);
        assertThat(f.eventMicros(tsv, 0, tsv.length)).isEqualTo(1_320_279_566_452_687L);
        byte[] js = "{\"ts\":1320279566.5,\"uid\":\"C\"}".getBytes(StandardCharsets.US_ASCII);
        assertThat(f.eventMicros(js, 0, js.length)).isEqualTo(1_320_279_566_500_000L);
        byte[] iso = "{\"ts\":\"2011-11-03T00:19:26.452687Z\"}".getBytes(StandardCharsets.US_ASCII);
        assertThat(f.eventMicros(iso, 0, iso.length)).isEqualTo(1_320_279_566_452_687L);
        byte[] none = "{\"uid\":\"C\"}".getBytes(StandardCharsets.US_ASCII);
        assertThat(f.eventMicros(none, 0, none.length)).isEqualTo(Long.MIN_VALUE);
        assertThat(new ZeekLineFormat().eventMicros(tsv, 0, tsv.length)).as("no #fields, no ts").isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void jsonLinesAreNotConverted() {
        byte[] js = "{\"ts\":1.0}".getBytes(StandardCharsets.US_ASCII);
        assertThat(tsv().toJson(js, 0, js.length)).isFalse();
    }
}
