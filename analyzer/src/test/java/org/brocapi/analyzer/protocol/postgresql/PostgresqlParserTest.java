package org.brocapi.analyzer.protocol.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.AuthenticationRequest;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.ErrorOrNotice;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.Malformed;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.ParameterStatus;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.SimpleQuery;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.Startup;
import org.junit.jupiter.api.Test;

class PostgresqlParserTest {
    // psql's StartupMessage: length 0x13, version 3.0, user=zeek, terminating NUL
    // (the client side of Zeek's Traces/postgresql/bad-backend-message-1.pcap)
    private static final byte[] STARTUP = Hex.bytes("00000013 00030000 7573657200 7a65656b00 00");

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void startupMessageYieldsVersionAndParameters() {
        var m = (Startup) PostgresqlParser.startup(STARTUP, 0, STARTUP.length);
        assertThat(m.major()).isEqualTo(3);
        assertThat(m.minor()).isZero();
        assertThat(m.parameters()).hasSize(1);
        assertThat(s(m.parameters().get(0).name())).isEqualTo("user");
        assertThat(s(m.parameters().get(0).value())).isEqualTo("zeek");
    }

    @Test
    void startupMessageWithOtherMajorVersionIsMalformed() {
        byte[] v2 = Hex.bytes("00000013 00020000 7573657200 7a65656b00 00");
        assertThat(PostgresqlParser.startup(v2, 0, v2.length)).isInstanceOf(Malformed.class);
    }

    @Test
    void startupParameterWithEmptyValueIsMalformed() {
        // user\0 followed directly by the terminator: Zeek's value regexp needs one character
        byte[] b = Hex.bytes("0000000f 00030000 7573657200 00 00");
        assertThat(PostgresqlParser.startup(b, 0, b.length)).isInstanceOf(Malformed.class);
    }

    @Test
    void simpleQueryEndsAtNul() {
        byte[] body = Hex.bytes("73656c656374203100"); // "select 1\0"
        var m = (SimpleQuery) PostgresqlParser.frontend('Q', body, 0, body.length);
        assertThat(s(m.query())).isEqualTo("select 1");
        assertThat(PostgresqlParser.frontend('Q', body, 0, body.length - 1)).isInstanceOf(Malformed.class);
    }

    @Test
    void errorResponseFieldsUpToTheTerminator() {
        byte[] body = Hex.bytes("53 4552524f5200 43 323850303000 00"); // S=ERROR C=28P00
        var m = (ErrorOrNotice) PostgresqlParser.backend('E', body, 0, body.length);
        assertThat(m.notice()).isFalse();
        assertThat(m.fields()).extracting(f -> (char) f.code() + "=" + s(f.value())).containsExactly("S=ERROR", "C=28P00");
        assertThat(PostgresqlParser.backend('E', body, 0, body.length - 1)).isInstanceOf(Malformed.class);
    }

    @Test
    void authenticationOkMustBeFourBytes() {
        byte[] ok = Hex.bytes("00000000");
        assertThat(((AuthenticationRequest) PostgresqlParser.backend('R', ok, 0, 4)).identifier()).isZero();
        byte[] longOk = Hex.bytes("00000000 00");
        assertThat(PostgresqlParser.backend('R', longOk, 0, 5)).isInstanceOf(Malformed.class);
        byte[] unknown = Hex.bytes("0000000d");
        assertThat(PostgresqlParser.backend('R', unknown, 0, 4)).isInstanceOf(Malformed.class);
    }

    @Test
    void readyForQueryStatusMustBeITOrE() {
        assertThat(PostgresqlParser.backend('Z', new byte[]{'I'}, 0, 1)).isNotInstanceOf(Malformed.class);
        assertThat(PostgresqlParser.backend('Z', new byte[]{'X'}, 0, 1)).isInstanceOf(Malformed.class);
        assertThat(PostgresqlParser.backend('Z', new byte[0], 0, 0)).isInstanceOf(Malformed.class);
    }

    @Test
    void parameterStatusAllowsAnEmptyValue() {
        byte[] body = Hex.bytes("6170706c69636174696f6e5f6e616d6500 00"); // application_name=""
        var m = (ParameterStatus) PostgresqlParser.backend('S', body, 0, body.length);
        assertThat(s(m.name())).isEqualTo("application_name");
        assertThat(m.value()).isEmpty();
    }

    @Test
    void garbageNeverThrows() {
        var rnd = new java.util.Random(42);
        for (int i = 0; i < 5000; i++) {
            byte[] b = new byte[rnd.nextInt(40)];
            rnd.nextBytes(b);
            PostgresqlParser.backend("KERSDZN?".charAt(i % 8), b, 0, b.length);
            PostgresqlParser.frontend("pXQ?".charAt(i % 4), b, 0, b.length);
            if (b.length >= 9) PostgresqlParser.startup(b, 0, b.length);
        }
    }
}
