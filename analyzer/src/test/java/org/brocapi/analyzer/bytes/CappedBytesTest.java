package org.brocapi.analyzer.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CappedBytesTest {
    @Test
    void keepsTheFirstCapBytesGrowingTheArrayOnlyAsNeeded() {
        byte[] buf = new byte[0];
        int have = 0;
        byte[] chunk = {1, 2, 3, 4, 5, 6, 7};
        buf = CappedBytes.append(buf, have, chunk, 0, 3, 10, 4);
        have = 3;
        assertThat(buf).hasSize(4).startsWith(1, 2, 3);
        buf = CappedBytes.append(buf, have, chunk, 3, 4, 10, 4);
        have = 7;
        assertThat(buf).hasSize(8).startsWith(1, 2, 3, 4, 5, 6, 7);
        buf = CappedBytes.append(buf, have, chunk, 0, 7, 10, 4);
        assertThat(buf).hasSize(10);
        assertThat(Arrays.copyOf(buf, 10)).containsExactly(1, 2, 3, 4, 5, 6, 7, 1, 2, 3);
        byte[] full = buf;
        assertThat(CappedBytes.append(full, 10, chunk, 0, 7, 10, 4)).isSameAs(full);
    }
}
