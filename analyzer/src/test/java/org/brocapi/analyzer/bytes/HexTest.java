package org.brocapi.analyzer.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexTest {
    @Test
    void parsesGroupedDigits() {
        assertThat(Hex.bytes("24be 0527\n ff")).containsExactly(0x24, 0xbe, 0x05, 0x27, 0xff);
    }

    @Test
    void parsesTcpdumpDumpIgnoringOffsetsAndAscii() {
        // tcpdump -X of the start of a ping (ICMP echo request) to 10.0.0.2
        byte[] b = Hex.bytes("""
                0x0000:  4500 0054 0000 4000 4001 26a6 0a00 0001  E..T..@.@.&.....
                0x0010:  0a00 0002                                ....
                """);
        assertThat(b).hasSize(20);
        assertThat(b[0]).isEqualTo((byte) 0x45);
        assertThat(b[19]).isEqualTo((byte) 0x02);
    }

    @Test
    void dumpRoundTrips() {
        byte[] b = new byte[37];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 7 + 30);
        String dump = Hex.dump(b);
        assertThat(dump).startsWith("0x0000:  1e25 2c33");
        assertThat(Hex.bytes(dump)).isEqualTo(b);
    }

    @Test
    void oddDigitCountIsRejected() {
        assertThatThrownBy(() -> Hex.bytes("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
