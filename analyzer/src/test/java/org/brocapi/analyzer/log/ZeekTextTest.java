package org.brocapi.analyzer.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Expected strings are derived by hand from Zeek's modp_numtoa.c, Desc.cc and zeek_inet_ntop.c. */
class ZeekTextTest {

    private static String time(double d) {
        LineBuffer b = new LineBuffer();
        ZeekText.time(b, d);
        return new String(b.toByteArray(), StandardCharsets.US_ASCII);
    }

    private static String dbl(double d) {
        LineBuffer b = new LineBuffer();
        ZeekText.dbl(b, d);
        return new String(b.toByteArray(), StandardCharsets.US_ASCII);
    }

    private static String json(double d) {
        LineBuffer b = new LineBuffer();
        ZeekText.jsonDouble(b, d);
        return new String(b.toByteArray(), StandardCharsets.US_ASCII);
    }

    private static String addr(String hex) {
        return ZeekText.addrString(HexFormat.of().parseHex(hex));
    }

    @Test
    void timeAndIntervalAreFixedSixDecimals() {
        assertThat(time(1300475167.096535)).isEqualTo("1300475167.096535");
        assertThat(time(0)).isEqualTo("0.000000");
        assertThat(time(-0.5)).isEqualTo("-0.500000");
        assertThat(time(12.0000004)).isEqualTo("12.000000");
        assertThat(time(0.9999996)).isEqualTo("1.000000");   // frac rounds over into whole
        assertThat(time(-0.0)).isEqualTo("0.000000");        // modp tests value < 0, -0.0 is not
    }

    @Test
    void timeFromTwoToThe31IsPrintfExponentStripped() {
        assertThat(time(2147483647.5)).isEqualTo("2.1474836475e+09");
        assertThat(time(1e10)).isEqualTo("1e+10");
        assertThat(time(-1e10)).isEqualTo("-1e+10");
        assertThat(time(1.5e300)).isEqualTo("1.5000000000000001e+300");   // 17 significant digits
        assertThat(time(123456789012.0)).isEqualTo("1.23456789012e+11");
        assertThat(time(Double.NaN)).isEqualTo("nan");
        assertThat(time(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(time(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void doubleTrimsZerosAndMarksIntegers() {
        assertThat(dbl(8192.0)).isEqualTo("8192.0");
        assertThat(dbl(1046525.995962)).isEqualTo("1046525.995962");
        assertThat(dbl(0.5)).isEqualTo("0.5");
        assertThat(dbl(0.0)).isEqualTo("0.0");
        assertThat(dbl(-0.0)).isEqualTo("0.0");
        assertThat(dbl(-1.25)).isEqualTo("-1.25");
        assertThat(dbl(0.000012)).isEqualTo("0.000012");
        assertThat(dbl(123.456)).isEqualTo("123.456");
    }

    @Test
    void doubleKeepsZeeksRoundingQuirks() {
        // rounds to an integer but is more than 1e-9 away from it: no ".0" (Desc.cc approx_equal)
        assertThat(dbl(2.9999999)).isEqualTo("3");
        assertThat(dbl(1e-7)).isEqualTo("0");
        assertThat(dbl(-1e-7)).isEqualTo("-0");
        // within 1e-9 of an integer: ".0"
        assertThat(dbl(5.0000000001)).isEqualTo("5.0");
    }

    @Test
    void largeDoubleIsPrintfFixedTrimmed() {
        assertThat(dbl(1e10)).isEqualTo("10000000000.0");
        assertThat(dbl(3e9 + 0.25)).isEqualTo("3000000000.25");
        assertThat(dbl(-3e9 - 0.5)).isEqualTo("-3000000000.5");
        assertThat(dbl(1e22)).isEqualTo("10000000000000000000000.0");
        assertThat(dbl(Double.NaN)).isEqualTo("nan");
        assertThat(dbl(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(dbl(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void jsonDoubleIsRapidjsonShaped() {
        assertThat(json(1300475167.096535)).isEqualTo("1300475167.096535");
        assertThat(json(1.5)).isEqualTo("1.5");
        assertThat(json(100.0)).isEqualTo("100.0");
        assertThat(json(0.0)).isEqualTo("0.0");
        assertThat(json(-0.0)).isEqualTo("-0.0");
        assertThat(json(-2.25)).isEqualTo("-2.25");
        assertThat(json(1e20)).isEqualTo("100000000000000000000.0");
        assertThat(json(1e21)).isEqualTo("1e21");
        assertThat(json(1.5e300)).isEqualTo("1.5e300");
        assertThat(json(0.001234)).isEqualTo("0.001234");
        assertThat(json(0.000001)).isEqualTo("0.000001");
        assertThat(json(1e-7)).isEqualTo("1e-7");
        assertThat(json(1.25e-7)).isEqualTo("1.25e-7");
        assertThat(json(Double.NaN)).isEqualTo("null");
        assertThat(json(Double.NEGATIVE_INFINITY)).isEqualTo("null");
    }

    @Test
    void addressesRenderLikeZeekInetNtop() {
        assertThat(addr("c0a80101")).isEqualTo("192.168.1.1");
        assertThat(addr("00000000000000000000ffffc0a80101")).isEqualTo("192.168.1.1");
        assertThat(addr("00000000000000000000000000000001")).isEqualTo("::1");
        assertThat(addr("00000000000000000000000000000000")).isEqualTo("::");
        assertThat(addr("20010db8000000000000000000000001")).isEqualTo("2001:db8::1");
        assertThat(addr("20010db8000000010001000100010001")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(addr("00010000000000010000000000000001")).isEqualTo("1:0:0:1::1");
        assertThat(addr("fe800000000000000000000000000000")).isEqualTo("fe80::");
        // BIND's embedded-IPv4 forms
        assertThat(addr("00000000000000000000000001020304")).isEqualTo("::1.2.3.4");
        // the 7-word-run form never fires: word 6 lies inside the run
        assertThat(addr("00000000000000000000000000000002")).isEqualTo("::2");
        assertThat(addr("0000000000000000ffff000001020304")).isEqualTo("::ffff:0:1.2.3.4");
    }
}
