package org.brocapi.analyzer.protocol.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

class NtlmParserTest {
    private static NtlmParser.Result parse(byte[] b) {
        return NtlmParser.parse(b, 0, b.length);
    }

    private static String text(byte[] utf16) {
        return new String(NtlmParser.utf16ToUtf8(utf16), StandardCharsets.UTF_8);
    }

    @Test
    void negotiate() {
        var m = (NtlmMessage.Negotiate) parse(NtlmFixtures.NEGOTIATE).message();
        assertThat(text(m.domainName())).isEqualTo("AB");
        assertThat(text(m.workstation())).isEqualTo("PC");
    }

    @Test
    void challengeWithTargetInfo() {
        var m = (NtlmMessage.Challenge) parse(NtlmFixtures.CHALLENGE).message();
        assertThat(text(m.targetName())).isEqualTo("SATURN");
        assertThat(text(m.targetInfo().nbComputerName())).isEqualTo("SATURN");
        assertThat(text(m.targetInfo().dnsComputerName())).isEqualTo("sat.lab");
        assertThat(m.targetInfo().dnsTreeName()).isNull();
        assertThat(m.targetInfoUnderflow()).isFalse();
    }

    @Test
    void targetInfoWithoutEolIsAnUnderflowButKeepsThePairs() {
        var m = (NtlmMessage.Challenge) parse(NtlmFixtures.CHALLENGE_UNTERMINATED).message();
        assertThat(m.targetInfoUnderflow()).isTrue();
        assertThat(text(m.targetInfo().nbComputerName())).isEqualTo("SATURN");
    }

    @Test
    void emptyTargetInfoWithNonZeroLengthIsAnUnderflow() {
        var m = (NtlmMessage.Challenge) parse(NtlmFixtures.CHALLENGE_EMPTY_TARGET_INFO).message();
        assertThat(m.targetInfoUnderflow()).isTrue();
        assertThat(m.targetInfo().nbComputerName()).isNull();
    }

    @Test
    void authenticate() {
        var m = (NtlmMessage.Authenticate) parse(NtlmFixtures.AUTHENTICATE).message();
        assertThat(text(m.domainName())).isEqualTo("CORP");
        assertThat(text(m.userName())).isEqualTo("alice");
        assertThat(text(m.workstation())).isEqualTo("PC");
    }

    @Test
    void stringOutsideTheMessageIsAnError() {
        byte[] b = NtlmFixtures.AUTHENTICATE.clone();
        b[28] = 0x7f; // user name length 127 runs past the end
        var r = parse(b);
        assertThat(r.message()).isNull();
        assertThat(r.error()).startsWith("Binpac exception: binpac exception: out_of_bound");
    }

    @Test
    void avPairIdWithoutACaseIsAnError() {
        byte[] b = NtlmFixtures.CHALLENGE.clone();
        b[60] = 0x0b; // first pair id 11
        assertThat(parse(b).error()).contains("invalid index for case");
    }

    @Test
    void otherMessageTypesAndShortTokens() {
        assertThat(parse(Hex.bytes("4e544c4d53535000 04000000 00")).message()).isEqualTo(new NtlmMessage.Other(4));
        assertThat(parse(Hex.bytes("4e544c4d535350")).error()).isNotNull();
        assertThat(parse(Arrays.copyOf(NtlmFixtures.CHALLENGE, 40)).error()).isNotNull();
    }

    @Test
    void utf16ConversionFollowsZeek() {
        assertThat(NtlmParser.utf16ToUtf8(Hex.bytes("3dd8 00de"))).isEqualTo(Hex.bytes("f09f9880")); // pair
        assertThat(NtlmParser.utf16ToUtf8(Hex.bytes("00dc 4100"))).isEqualTo(Hex.bytes("edb080 41")); // lone low
        assertThat(NtlmParser.utf16ToUtf8(Hex.bytes("4100 00d8"))).isNull(); // high surrogate at the end
        assertThat(NtlmParser.utf16ToUtf8(Hex.bytes("4100 0000 4200"))).isEqualTo(Hex.bytes("41")); // cut at NUL
        assertThat(NtlmParser.utf16ToUtf8(Hex.bytes("4100 42"))).isEqualTo(Hex.bytes("4142")); // odd length
    }

    @Test
    void garbageNeverThrows() {
        var rnd = new java.util.Random(7);
        for (int i = 0; i < 5000; i++) {
            byte[] b = (i % 2 == 0 ? NtlmFixtures.CHALLENGE : NtlmFixtures.AUTHENTICATE).clone();
            for (int k = 0; k < 3; k++) b[12 + rnd.nextInt(b.length - 12)] = (byte) rnd.nextInt(256);
            var r = parse(Arrays.copyOf(b, rnd.nextInt(b.length + 1)));
            assertThat(r.message() != null || r.error() != null).isTrue();
        }
    }
}
