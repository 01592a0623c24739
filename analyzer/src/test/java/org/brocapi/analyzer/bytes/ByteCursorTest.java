package org.brocapi.analyzer.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteCursorTest {
    // An IPv4 header start: version/IHL, TOS, total length 0x0054, id 0xbeef, flags DF
    private static final byte[] IP = Hex.bytes("4500 0054 beef 4000 4001 ffff");

    @Test
    void readsFieldsInWireOrder() {
        ByteCursor in = ByteCursor.of(IP);
        assertThat(in.u8()).isEqualTo(0x45);
        assertThat(in.u8()).isZero();
        assertThat(in.u16()).isEqualTo(0x54);
        assertThat(in.u16()).isEqualTo(0xbeef);
        assertThat(in.u32()).isEqualTo(0x40004001L);
        assertThat(in.u16()).isEqualTo(0xffff);
        assertThat(in.remaining()).isZero();
        assertThat(in.truncated()).isFalse();
    }

    @Test
    void littleEndianAndSignedReads() {
        ByteCursor in = ByteCursor.of(Hex.bytes("d4c3 b2a1 ffff ffff 0100 0000 0000 0000"));
        assertThat(in.u32le()).isEqualTo(0xa1b2c3d4L);
        assertThat(in.i32()).isEqualTo(-1);
        assertThat(in.i64le()).isEqualTo(1L);
    }

    @Test
    void shortDataSetsStickyFlagAndReturnsZero() {
        ByteCursor in = ByteCursor.of(IP, 0, 3);
        assertThat(in.u16()).isEqualTo(0x4500);
        assertThat(in.u16()).isZero();
        assertThat(in.truncated()).isTrue();
        assertThat(in.remaining()).isZero();
        assertThat(in.u8()).isZero();
        assertThat(in.truncated()).isTrue();
    }

    @Test
    void respectsOffsetAndLimitWindow() {
        ByteCursor in = ByteCursor.of(IP, 4, 2);
        assertThat(in.u16()).isEqualTo(0xbeef);
        assertThat(in.u8()).isZero();
        assertThat(in.truncated()).isTrue();
    }

    @Test
    void sliceIsAViewAndConsumes() {
        ByteCursor in = ByteCursor.of(IP);
        in.skip(2);
        ByteCursor view = in.slice(4);
        assertThat(view.u32()).isEqualTo(0x0054beefL);
        assertThat(view.array()).isSameAs(IP);
        assertThat(in.u16()).isEqualTo(0x4000);
        assertThat(view.truncated()).isFalse();
    }

    @Test
    void sliceBeyondTheEndHoldsTheRestAndMarksBoth() {
        ByteCursor in = ByteCursor.of(IP);
        in.skip(10);
        ByteCursor view = in.slice(5, new ByteCursor());
        assertThat(view.remaining()).isEqualTo(2);
        assertThat(view.truncated()).isTrue();
        assertThat(in.truncated()).isTrue();
    }

    @Test
    void negativeSkipIsTruncation() {
        ByteCursor in = ByteCursor.of(IP);
        in.skip(-1);
        assertThat(in.truncated()).isTrue();
    }

    @Test
    void resetClearsTheFlag() {
        ByteCursor in = ByteCursor.of(IP, 0, 1);
        in.u16();
        in.reset(IP, 0, IP.length);
        assertThat(in.truncated()).isFalse();
        assertThat(in.peekU8(0)).isEqualTo(0x45);
        assertThat(in.peekU8(100)).isEqualTo(-1);
    }

    @Test
    void windowOutsideArrayIsAProgrammingError() {
        assertThatThrownBy(() -> ByteCursor.of(IP, 10, 10)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
