package org.brocapi.analyzer.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published HighwayHash known answers (google/highwayhash highwayhash_test.cc, kExpected64
 * and kExpected128): key {@code 0706050403020100 0F0E0D0C0B0A0908 1716151413121110
 * 1F1E1D1C1B1A1918}, input of length n = bytes 00 01 … n-1. The lengths cover every code path:
 * empty, remainders with and without the 16-byte bit, whole packets, packet + remainder.
 */
class HighwayHashTest {
    private static final long[] KEY = {
            0x0706050403020100L, 0x0F0E0D0C0B0A0908L, 0x1716151413121110L, 0x1F1E1D1C1B1A1918L};

    private static byte[] input(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) i;
        return b;
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0FED268F9D8FFEC7, 33565E767F093E6F",
            "1, D6B0A8893681E7A8, DC291DF9EB9CDCB4",
            "2, 3D15AD265A16DA04, 78085638DC32E868",
            "3, 0607621B295F0BEB, BFE69A0FD9CEDD79",
            "4, 26399EB46DACE49E, 2E922AD039319208",
            "7, 2A401FCA697171B4, BE1F03FF9F02796C",
            "15, 142237A52BC4AF54, E0796C0B6E26BCD7",
            "16, 414460FFD5A401AD, 029EA3D5019F18C8",
            "17, C52A4B96C51C9962, ECB878B1169B5EA0",
            "31, 06E7B465E8A57C29, 52415E3A07F5D446",
            "32, 1984DF66C1434AAA, 16FC1958F9B3E4B9",
            "33, 111678AFE0C6C36C, F958B59DE5A2849D",
            "52, 1E21880D97263480, D8654807D3A31086",
            "63, 74BD7018022F3EF0, 3AEA94A8AD5F4BCB",
            "64, 98BB1F7198D4C4F2, E0BC0571DE918FC8"})
    void hash128MatchesPublishedVectors(int n, String lo, String hi) {
        long[] h = HighwayHash.hash128(KEY, input(n), 0, n);
        assertThat(String.format("%016X %016X", h[0], h[1])).isEqualTo(lo + " " + hi);
    }

    @ParameterizedTest
    @CsvSource({"0, 907A56DE22C26E53", "1, 7EAB43AAC7CDDD78", "20, 38AD9B1141D3DD16", "64, 75542C5D4CD2A6FF"})
    void hash64MatchesPublishedVectors(int n, String expected) {
        assertThat(String.format("%016X", HighwayHash.hash64(KEY, input(n), 0, n))).isEqualTo(expected);
    }

    @Test
    void offsetIntoALargerArrayHashesOnlyTheSlice() {
        byte[] padded = new byte[40];
        System.arraycopy(input(33), 0, padded, 5, 33);
        assertThat(HighwayHash.hash128(KEY, padded, 5, 33)).containsExactly(HighwayHash.hash128(KEY, input(33), 0, 33));
    }
}
