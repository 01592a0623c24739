package org.brocapi.analyzer.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Grisu2Test {

    @Test
    void cachedPowersMatchThePublishedTable() {
        // first, 10^0-adjacent and last entries of the Grisu table (double-conversion, rapidjson)
        assertThat(Grisu2.cachedPowerF(0)).isEqualTo(0xfa8fd5a0081c0288L);
        assertThat(Grisu2.cachedPowerE(0)).isEqualTo(-1220);
        assertThat(Grisu2.cachedPowerF(1)).isEqualTo(0xbaaee17fa23ebf76L);
        assertThat(Grisu2.cachedPowerF(44)).isEqualTo(0x9c40000000000000L);   // 10^4 exactly
        assertThat(Grisu2.cachedPowerE(44)).isEqualTo(-50);
        assertThat(Grisu2.cachedPowerF(86)).isEqualTo(0xaf87023b9bf0ee6bL);
        assertThat(Grisu2.cachedPowerE(86)).isEqualTo(1066);
    }

    private static String json(double d) {
        LineBuffer b = new LineBuffer();
        ZeekText.jsonDouble(b, d);
        return new String(b.toByteArray(), StandardCharsets.US_ASCII);
    }

    @Test
    void outputReadsBackAsTheSameDouble() {
        SplittableRandom r = new SplittableRandom(42);
        int notShortest = 0;
        for (int i = 0; i < 50_000; i++) {
            double d = i % 2 == 0 ? Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL)
                    : 1.2e9 + r.nextInt(400_000_000) + r.nextInt(1_000_000) / 1e6;   // capture timestamps
            if (Double.isNaN(d)) {
                continue;
            }
            String s = json(d);
            if (Double.parseDouble(s) != d) {
                throw new AssertionError(s + " does not read back as " + d);
            }
            String shortest = Double.toString(d).replace("E", "e");
            if (s.replace(".0e", "e").length() > shortest.replace(".0e", "e").length() + 1) {
                notShortest++;
            }
        }
        System.out.println("grisu2 longer than shortest: " + notShortest + " of 50000");
    }

    @Test
    void knownRapidjsonOutputs() {
        // rapidjson's own dtoa tests (test/unittest/dtoatest.cpp)
        assertThat(json(0.1)).isEqualTo("0.1");
        assertThat(json(0.12)).isEqualTo("0.12");
        assertThat(json(0.123)).isEqualTo("0.123");
        assertThat(json(1.0)).isEqualTo("1.0");
        assertThat(json(1.2345)).isEqualTo("1.2345");
        assertThat(json(1.2345678)).isEqualTo("1.2345678");
        assertThat(json(0.000001)).isEqualTo("0.000001");
        assertThat(json(1e-7)).isEqualTo("1e-7");
        assertThat(json(1e30)).isEqualTo("1e30");
        assertThat(json(1.234567890123456e30)).isEqualTo("1.234567890123456e30");
        assertThat(json(5e-324)).isEqualTo("5e-324");
        assertThat(json(2.225073858507201e-308)).isEqualTo("2.225073858507201e-308");
        assertThat(json(1.7976931348623157e308)).isEqualTo("1.7976931348623157e308");
        assertThat(json(123456789012345678.0)).isEqualTo("123456789012345680.0");
    }
}
