package org.brocapi.analyzer.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IrcAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";

    @TempDir
    Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private AnalyzerHarness.Result run(int port, String clientLines, String serverLines) {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, port)
                .tcp(CLIENT, 40000, SERVER, port, true, ascii(clientLines));
        if (!serverLines.isEmpty()) h.tcp(CLIENT, 40000, SERVER, port, false, ascii(serverLines));
        return h.run(dir, "base/protocols/conn", "base/protocols/irc");
    }

    @Test
    void clientRegistrationConfirms() {
        var r = run(6667, "NICK alice\r\nUSER alice 0 * :Alice\r\n", ":irc.example 001 alice :Welcome\r\n");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("irc");
    }

    @Test
    void signatureFindsIrcOnAnotherPort() {
        var r = run(7000, "NICK alice\r\nUSER alice 0 * :Alice\r\n", ":irc.example 001 alice :Welcome\r\n");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("irc");
    }

    @Test
    void malformedReplyNumberBeforeAnyCommandLeavesNoService() {
        var r = run(6667, "GET / HTTP/1.1\r\n", "12x oops\r\n");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
    }

    @Test
    void parserSkipsTagsAndPrefix() {
        assertThat(IrcParser.parse("@time=2024 :nick!u@h PRIVMSG #c :hi").command()).isEqualTo("PRIVMSG");
        assertThat(IrcParser.parse(":server 670 me :STARTTLS successful").code()).isEqualTo(670);
        assertThat(IrcParser.parse(":server").kind()).isEqualTo(IrcParser.Kind.INVALID_PREFIX);
        assertThat(IrcParser.parse("  ab").kind()).isEqualTo(IrcParser.Kind.TOO_SHORT);
        assertThat(IrcParser.parse("x".repeat(513)).kind()).isEqualTo(IrcParser.Kind.TOO_LONG);
    }

    @Test
    void afterStarttlsTheStreamIsNoLongerReadAsIrc() {
        // a TLS record after "670" would be "invalid reply number" to the IRC parser
        var r = new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, 6667)
                .tcp(CLIENT, 40000, SERVER, 6667, true, ascii("STARTTLS\r\n"))
                .tcp(CLIENT, 40000, SERVER, 6667, false, ascii(":irc.example 670 * :STARTTLS successful\r\n"))
                .tcp(CLIENT, 40000, SERVER, 6667, true, Hex.bytes("160301000501 0000 01 00 0a0a"))
                .tcp(CLIENT, 40000, SERVER, 6667, false, Hex.bytes("0a 3132 1603 0a"))
                .run(dir, "base/protocols/conn", "base/protocols/irc");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("irc");
    }

    @Test
    void withoutStarttlsTheSameBytesAreAViolation() {
        var r = new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, 6667)
                .tcp(CLIENT, 40000, SERVER, 6667, true, ascii("NICK alice\r\n"))
                .tcp(CLIENT, 40000, SERVER, 6667, false, Hex.bytes("0a 3132 1603 0a"))
                .run(dir, "base/protocols/conn", "base/protocols/irc");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
    }
}
