package org.brocapi.analyzer.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden strings derived by hand from Zeek 8's threading/formatters/Ascii.cc, Desc.cc
 * (AddBytes/FirstEscapeLoc) and util.cc (get_escaped_string, json_escape_utf8).
 */
class ZeekTsvWriterTest {
    record Str(String s) {}

    record Raw(byte[] s) {}

    record Strings(@Column(type = ZeekType.SET) List<String> set, List<String> vec) {}

    enum Proto {
        TCP, UDP;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    record Id(@Column(type = ZeekType.ADDR) byte[] origH, @Column(type = ZeekType.PORT) int origP,
            @Column(type = ZeekType.ADDR) byte[] respH, @Column(type = ZeekType.PORT) Integer respP) {}

    record Entry(@Column(type = ZeekType.TIME) double ts, String uid, Id id, Proto proto,
            @Column(type = ZeekType.INTERVAL) Double duration, Long origBytes, Boolean localOrig,
            @Column(type = ZeekType.INT) Long delta, Double ratio,
            @Column(element = ZeekType.INTERVAL) List<Double> rtts, Set<String> tags) {}

    private static String row(Record r, LogOptions options) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        ZeekTsvWriter w = new ZeekTsvWriter("test", LogSchema.of((Class) r.getClass()), options);
        LineBuffer b = new LineBuffer();
        w.row(r, b);
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String row(Record r) {
        return row(r, LogOptions.defaults());
    }

    private static String str(String s) {
        return row(new Str(s));
    }

    private static String raw(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return row(new Raw(b));
    }

    @Test
    void unsetEmptyAndReservedStrings() {
        assertThat(str(null)).isEqualTo("-\n");
        assertThat(str("")).isEqualTo("(empty)\n");
        assertThat(str("-")).isEqualTo("\\x2d\n");
        assertThat(str("(empty)")).isEqualTo("\\x28empty)\n");
        assertThat(str("--")).isEqualTo("--\n");
        assertThat(str("(empty")).isEqualTo("(empty\n");
        assertThat(raw('-')).isEqualTo("\\x2d\n");
    }

    @Test
    void separatorBackslashAndControlBytes() {
        assertThat(str("a\tb")).isEqualTo("a\\x09b\n");
        assertThat(str("a\\b")).isEqualTo("a\\\\b\n");
        assertThat(str("a,b c")).isEqualTo("a,b c\n");
        // a control byte makes its run "not clean UTF-8": escaped
        assertThat(str("a\nb")).isEqualTo("a\\x0ab\n");
        assertThat(str("\u007f")).isEqualTo("\\x7f\n");
        assertThat(raw(0)).isEqualTo("\\x00\n");
    }

    @Test
    void rowStartingWithHashIsEscaped() {
        assertThat(str("#fields")).isEqualTo("\\x23fields\n");
        assertThat(str("a#")).isEqualTo("a#\n");
    }

    @Test
    void validUtf8PassesAndBadRunsAreEscapedWhole() {
        assertThat(str("caf\u00e9 \u4e2d \ud83d\ude00")).isEqualTo("caf\u00e9 \u4e2d \ud83d\ude00\n");
        // control char in the same run: every non-ASCII byte of the run is escaped
        assertThat(str("\u00e9\n")).isEqualTo("\\xc3\\xa9\\x0a\n");
        // a tab splits runs: the first run stays clean
        assertThat(str("\u00e9\tb\n")).isEqualTo("\u00e9\\x09b\\x0a\n");
        assertThat(raw('a', 0xff)).isEqualTo("a\\xff\n");
        assertThat(raw(0xc3, 0xa9, 0xc0, 0x81)).isEqualTo("\\xc3\\xa9\\xc0\\x81\n");  // util.cc doctest
        assertThat(raw(0xe2, 0x28, 0xa1)).isEqualTo("\\xe2(\\xa1\n");
        assertThat(raw(0xe2, 0x82)).isEqualTo("\\xe2\\x82\n");                       // truncated
        assertThat(raw(0xed, 0xa0, 0x80)).isEqualTo("\\xed\\xa0\\x80\n");             // surrogate
        assertThat(raw(0xe0, 0x80, 0xa1)).isEqualTo("\\xe0\\x80\\xa1\n");             // overlong
        assertThat(raw(0xf4, 0x90, 0x80, 0x80)).isEqualTo("\\xf4\\x90\\x80\\x80\n");  // > U+10FFFF
        assertThat(raw(0xee, 0x8b, 0xa0)).isEqualTo("\\xee\\x8b\\xa0\n");             // private use
        assertThat(raw(0xef, 0xbf, 0xb0)).isEqualTo("\\xef\\xbf\\xb0\n");             // U+FFF0
        assertThat(raw(0xc2, 0x85)).isEqualTo("\\xc2\\x85\n");                       // C1 control
        assertThat(raw(0xf0, 0x90, 0x8c, 0xbc)).isEqualTo("\ud800\udf3c\n");          // U+1033C ok
    }

    @Test
    void withoutUtf8EveryNonPrintableByteIsEscaped() {
        LogOptions ascii = LogOptions.defaults().withUtf8(false);
        assertThat(row(new Str("caf\u00e9 x"), ascii)).isEqualTo("caf\\xc3\\xa9 x\n");
        assertThat(row(new Str("a\tb\\c\n"), ascii)).isEqualTo("a\\x09b\\\\c\\x0a\n");
    }

    @Test
    void setsAndVectors() {
        assertThat(row(new Strings(List.of(), null))).isEqualTo("(empty)\t-\n");
        assertThat(row(new Strings(List.of("ftp", "ssl", "gridftp"), List.of("a")))).isEqualTo("ftp,ssl,gridftp\ta\n");
        // inside a container: ',' is the set separator and gets escaped; "" and "-" as at top level
        assertThat(row(new Strings(Arrays.asList("", "-", "a,b", "(empty)"), List.of("x\ty"))))
                .isEqualTo("(empty),\\x2d,a\\x2cb,\\x28empty)\tx\\x09y\n");
    }

    @Test
    void fullRowOfTypedColumns() {
        byte[] o = {(byte) 192, (byte) 168, 1, 2};
        byte[] r = new byte[16];
        r[0] = 0x20;
        r[1] = 0x01;
        r[15] = 1;
        Set<String> tags = new LinkedHashSet<>(List.of("b", "a"));
        Entry e = new Entry(1300475167.096535, "CHhAvVGS1DHFjwGM9", new Id(o, 51234, r, 443), Proto.TCP, 0.5,
                -1L, true, -5L, 8192.0, List.of(1.5, 0.0), tags);
        assertThat(row(e)).isEqualTo("1300475167.096535\tCHhAvVGS1DHFjwGM9\t192.168.1.2\t51234\t2001::1\t443\ttcp"
                + "\t0.500000\t18446744073709551615\tT\t-5\t8192.0\t1.500000,0.000000\tb,a\n");
        Entry unset = new Entry(0, null, null, null, null, null, false, null, null, null, null);
        assertThat(row(unset)).isEqualTo("0.000000\t-\t-\t-\t-\t-\t-\t-\t-\tF\t-\t-\t-\t-\n");
    }

    @Test
    void headerHasZeeksExactShape() {
        ZeekTsvWriter w = new ZeekTsvWriter("conn", LogSchema.of(Entry.class), LogOptions.defaults());
        LineBuffer b = new LineBuffer();
        ZonedDateTime opened = ZonedDateTime.of(2026, 8, 21, 18, 57, 10, 0, ZoneId.of("UTC"));
        w.header(b, opened);
        w.footer(b, opened.plusSeconds(1));
        assertThat(new String(b.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("""
                #separator \\x09
                #set_separator\t,
                #empty_field\t(empty)
                #unset_field\t-
                #path\tconn
                #open\t2026-08-21-18-57-10
                #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\torig_bytes\tlocal_orig\
                \tdelta\tratio\trtts\ttags
                #types\ttime\tstring\taddr\tport\taddr\tport\tenum\tinterval\tcount\tbool\tint\tdouble\
                \tvector[interval]\tset[string]
                #close\t2026-08-21-18-57-11
                """);
    }

    @Test
    void scopeSeparatorAndFieldNameMapRenameColumns() {
        // as scripts.base.frameworks.logging.scope_sep_and_field_name_map: the map is keyed by the joined name
        LogOptions o = LogOptions.defaults().withScopeSep("*")
                .withFieldNameMap(Map.of("id*orig_h", "src", "id*resp_p", "dst_port"));
        ZeekTsvWriter w = new ZeekTsvWriter("conn", LogSchema.of(Entry.class), o);
        LineBuffer b = new LineBuffer();
        w.header(b, ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneId.of("UTC")));
        String h = new String(b.toByteArray(), StandardCharsets.UTF_8);
        assertThat(h).contains("#fields\tts\tuid\tsrc\tid*orig_p\tid*resp_h\tdst_port\tproto\t");
    }

    @Test
    void openTimestampIsLocalTimeOfTheClockZone() {
        Clock berlin = Clock.fixed(Instant.ofEpochSecond(1787338630L), ZoneId.of("Europe/Berlin"));
        LineBuffer b = new LineBuffer();
        ZeekTsvWriter.timestamp(b, ZonedDateTime.now(berlin));
        assertThat(new String(b.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("2026-08-21-20-57-10");
    }

    @Test
    void manyRowsReuseOneBuffer() {
        ZeekTsvWriter w = new ZeekTsvWriter("t", LogSchema.of(Str.class), LogOptions.defaults());
        LineBuffer b = new LineBuffer(16);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            w.row(new Str("row" + i), b);
            expected.add("row" + i);
        }
        assertThat(new String(b.toByteArray(), StandardCharsets.UTF_8).split("\n")).containsExactlyElementsOf(expected);
    }
}
