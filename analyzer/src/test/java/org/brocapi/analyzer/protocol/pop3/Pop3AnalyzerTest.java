package org.brocapi.analyzer.protocol.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POP3 has no port in Zeek: the signature starts it, its replies confirm. */
class Pop3AnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";

    @TempDir
    Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private AnalyzerHarness session(String... exchange) {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, 110)
                .tcp(CLIENT, 40000, SERVER, 110, false, ascii("+OK POP3 ready\r\n"));
        for (int i = 0; i < exchange.length; i++) h.tcp(CLIENT, 40000, SERVER, 110, i % 2 == 0, ascii(exchange[i]));
        return h;
    }

    @Test
    void okToUserConfirms() {
        var r = session("USER bob\r\n", "+OK send PASS\r\n").run(dir, "base/protocols/conn", "base/protocols/pop3");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("pop3");
    }

    @Test
    void multiLineCapaAnswerConfirmsAndIsNotTakenForCommands() {
        var r = session("CAPA\r\n", "+OK\r\nTOP\r\nUIDL\r\nSTLS\r\n.\r\n", "USER bob\r\n", "+OK\r\n")
                .run(dir, "base/protocols/conn", "base/protocols/pop3");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("pop3");
    }

    @Test
    void unknownServerLineBeforeConfirmationLeavesNoService() {
        var r = session("USER bob\r\n", "HTTP/1.1 400 Bad Request\r\n")
                .run(dir, "base/protocols/conn", "base/protocols/pop3");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
    }

    @Test
    void withoutTheScriptNothingRuns() {
        var r = session("USER bob\r\n", "+OK\r\n").run(dir, "base/protocols/conn");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
    }

    @Test
    void okToStlsConfirmsAndTheRestIsNotReadAsPop3() {
        var r = session("STLS\r\n", "+OK Begin TLS negotiation\r\n", "\u0016\u0003\u0001 hello\r\n",
                "\u0016\u0003\u0003 server hello\r\n")
                .run(dir, "base/protocols/conn", "base/protocols/pop3");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("pop3");
    }
}
