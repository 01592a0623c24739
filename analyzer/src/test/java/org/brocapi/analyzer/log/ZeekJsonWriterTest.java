package org.brocapi.analyzer.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden lines derived by hand from Zeek 8's threading/formatters/JSON.cc, util.cc
 * json_escape_utf8 (escape_printable_controls = true) and rapidjson's Writer.
 */
class ZeekJsonWriterTest {
    record Id(@Column(type = ZeekType.ADDR) byte[] origH, @Column(type = ZeekType.PORT) int origP) {}

    record Entry(@Column(type = ZeekType.TIME) double ts, String uid, Id id,
            @Column(type = ZeekType.INTERVAL) Double duration, Long bytes, Boolean ok,
            @Column(type = ZeekType.INT) Long delta, Double ratio,
            @Column(type = ZeekType.SET) List<String> service, @Column(element = ZeekType.INTERVAL) List<Double> rtts) {}

    record Str(String s) {}

    record Raw(byte[] s) {}

    private static String row(Record r, LogOptions o) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        ZeekJsonWriter w = new ZeekJsonWriter(LogSchema.of((Class) r.getClass()), o.withJson(true));
        LineBuffer b = new LineBuffer();
        w.row(r, b);
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String row(Record r) {
        return row(r, LogOptions.defaults());
    }

    private static String raw(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return row(new Raw(b));
    }

    private static final Entry FULL = new Entry(1300475167.096535, "CHhAvVGS1DHFjwGM9",
            new Id(new byte[] {10, 0, 0, 1}, 80), 0.5, 1234L, true, -3L, 8192.0, List.of("http", "ssl"),
            List.of(1.5, 0.25));

    @Test
    void fullRowKeyOrderAndTypes() {
        assertThat(row(FULL)).isEqualTo("{\"ts\":1300475167.096535,\"uid\":\"CHhAvVGS1DHFjwGM9\",\"id.orig_h\":\"10.0.0.1\","
                + "\"id.orig_p\":80,\"duration\":0.5,\"bytes\":1234,\"ok\":true,\"delta\":-3,\"ratio\":8192.0,"
                + "\"service\":[\"http\",\"ssl\"],\"rtts\":[1.5,0.25]}\n");
    }

    @Test
    void unsetFieldsAreOmittedOrNull() {
        Entry e = new Entry(1.0, null, null, null, null, false, null, null, List.of(), null);
        assertThat(row(e)).isEqualTo("{\"ts\":1.0,\"ok\":false,\"service\":[]}\n");
        assertThat(row(e, LogOptions.defaults().withJsonIncludeUnset(true))).isEqualTo(
                "{\"ts\":1.0,\"uid\":null,\"id.orig_h\":null,\"id.orig_p\":null,\"duration\":null,\"bytes\":null,"
                        + "\"ok\":false,\"delta\":null,\"ratio\":null,\"service\":[],\"rtts\":null}\n");
        assertThat(row(new Str(null))).isEqualTo("{}\n");
    }

    @Test
    void stringsAreJsonEscapedAfterZeeksUtf8Pass() {
        assertThat(row(new Str("a\"b\\c"))).isEqualTo("{\"s\":\"a\\\"b\\\\c\"}\n");
        assertThat(row(new Str("\t\n\r\b\f"))).isEqualTo("{\"s\":\"\\t\\n\\r\\b\\f\"}\n");
        // no TSV rules here: "-" and "" are plain strings
        assertThat(row(new Str("-"))).isEqualTo("{\"s\":\"-\"}\n");
        assertThat(row(new Str(""))).isEqualTo("{\"s\":\"\"}\n");
        assertThat(row(new Str("caf\u00e9"))).isEqualTo("{\"s\":\"caf\u00e9\"}\n");
        // bad UTF-8: the whole string's non-ASCII bytes become the text \xNN, its backslash JSON-escaped
        assertThat(raw('a', 0x82)).isEqualTo("{\"s\":\"a\\\\x82\"}\n");
        assertThat(raw(0xc3, 0xa9, 0x01, '\n')).isEqualTo("{\"s\":\"\\\\xc3\\\\xa9\\\\x01\\n\"}\n");
        assertThat(raw(0x07, 0xd4, 0xb7, 'o')).isEqualTo("{\"s\":\"\\\\x07\\\\xd4\\\\xb7o\"}\n");
    }

    @Test
    void fieldNameMapAndScopeSepApplyToKeys() {
        LogOptions o = LogOptions.defaults().withScopeSep("_").withFieldNameMap(Map.of("id_orig_p", "src_port"));
        assertThat(row(FULL, o)).contains("\"id_orig_h\":\"10.0.0.1\",\"src_port\":80,");
    }

    @Test
    void timestampFormats() {
        record T(@Column(type = ZeekType.TIME) double ts) {}
        T t = new T(1300475167.096535);
        assertThat(row(t, LogOptions.defaults().withJsonTimestamps(LogOptions.JsonTimestamps.MILLIS)))
                .isEqualTo("{\"ts\":1300475167096}\n");
        assertThat(row(t, LogOptions.defaults().withJsonTimestamps(LogOptions.JsonTimestamps.ISO8601)))
                .isEqualTo("{\"ts\":\"2011-03-18T19:06:07.096535Z\"}\n");
        assertThat(row(new T(Double.NaN))).isEqualTo("{\"ts\":null}\n");
    }

    @Test
    void sameRecordsInTsvAndJsonCarryTheSameValues() {
        ZeekTsvWriter tsv = new ZeekTsvWriter("x", LogSchema.of(Entry.class), LogOptions.defaults());
        LineBuffer b = new LineBuffer();
        tsv.row(FULL, b);
        String[] cols = new String(b.toByteArray(), StandardCharsets.UTF_8).strip().split("\t");
        assertThat(Arrays.asList(cols)).containsExactly("1300475167.096535", "CHhAvVGS1DHFjwGM9", "10.0.0.1", "80",
                "0.500000", "1234", "T", "-3", "8192.0", "http,ssl", "1.500000,0.250000");
        // time/interval: TSV fixed 6 decimals, JSON shortest; double 8192.0 alike in both
        assertThat(row(FULL)).contains("\"ts\":1300475167.096535").contains("\"duration\":0.5").contains("\"ratio\":8192.0");
    }
}
