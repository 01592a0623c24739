package org.brocapi.analyzer.protocol.gssapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

class GssapiParserTest {
    private static GssapiParser.Result parse(String hex) {
        byte[] b = Hex.bytes(hex);
        return GssapiParser.parse(b, 0, b.length);
    }

    @Test
    void negTokenInitCarriesTheMechToken() {
        var r = parse("""
                60 1c
                06 06 2b0601050502
                a0 12 30 10
                a2 0e 04 0c 4e544c4d5353500001000000
                """);
        assertThat(r.error()).isNull();
        assertThat(r.mechTokens()).singleElement().isEqualTo(Hex.bytes("4e544c4d5353500001000000"));
    }

    @Test
    void negTokenRespWithStateAndLongFormLengths() {
        var r = parse("""
                a1 81 16 30 81 13
                a0 03 0a 01 01
                a2 0c 04 0a 4e544c4d535350000200
                """);
        assertThat(r.error()).isNull();
        assertThat(r.negStates()).containsExactly(1L);
        assertThat(r.mechTokens()).hasSize(1);
    }

    @Test
    void unknownArgumentIndexIsAnErrorAfterEarlierTokens() {
        var r = parse("a1 0e 30 0c a2 04 04 02 4e54 a5 04 04 02 0000");
        assertThat(r.mechTokens()).hasSize(1);
        assertThat(r.error()).contains("invalid index for case");
    }

    @Test
    void perMessageTokensAreSkipped() {
        assertThat(parse("0404 ffff 0102").mechTokens()).isEmpty();
        assertThat(parse("0404 ffff 0102").error()).isNull();
    }

    @Test
    void truncatedTokenIsAnError() {
        assertThat(parse("a1 82 02").error()).isNotNull();
        assertThat(parse("a1 10 30 0e a2 0c 04 0a 4e54").error()).isNotNull();
    }
}
