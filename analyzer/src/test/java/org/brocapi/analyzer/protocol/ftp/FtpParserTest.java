package org.brocapi.analyzer.protocol.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FtpParserTest {
    private static String addr(FtpParser.Endpoint e) {
        byte[] a = e.addr();
        return (a[12] & 0xff) + "." + (a[13] & 0xff) + "." + (a[14] & 0xff) + "." + (a[15] & 0xff);
    }

    @Test
    void replyCodeNeedsThreeDigits() {
        assertThat(FtpParser.replyCode("220 ready")).isEqualTo(220);
        assertThat(FtpParser.replyCode("22")).isZero();
        assertThat(FtpParser.replyCode("2x0 no")).isZero();
    }

    @Test
    void commandIsThreeOrMorePrintableNonSpaceCharacters() {
        assertThat(FtpParser.isCommand("PWD")).isTrue();
        assertThat(FtpParser.isCommand("CD")).isFalse();
        assertThat(FtpParser.isCommand("US\u0001R")).isFalse();
    }

    @Test
    void portArgumentGivesAddressAndPort() {
        var e = FtpParser.parsePort("10,0,0,1,4,31");
        assertThat(e.valid()).isTrue();
        assertThat(addr(e)).isEqualTo("10.0.0.1");
        assertThat(e.port()).isEqualTo(1055);
    }

    @Test
    void portArgumentOutOfRangeOrShortIsInvalid() {
        assertThat(FtpParser.parsePort("10,0,0,1,4,256").valid()).isFalse();
        assertThat(FtpParser.parsePort("1,2,3,4,5").valid()).isFalse();
        assertThat(FtpParser.parsePort("garbage text").valid()).isFalse();
    }

    @Test
    void pasvReplyIsReadInsideParentheses() {
        // vsftpd: "227 Entering Passive Mode (199,233,217,249,221,90)."
        var e = FtpParser.parsePasv("Entering Passive Mode (199,233,217,249,221,90).");
        assertThat(e.valid()).isTrue();
        assertThat(addr(e)).isEqualTo("199.233.217.249");
        assertThat(e.port()).isEqualTo(221 * 256 + 90);
    }

    @Test
    void pasvReplyWithoutParenthesesBacksUpToTheFirstNumber() {
        var e = FtpParser.parsePasv("Entering Passive Mode 10,1,2,3,0,21");
        assertThat(addr(e)).isEqualTo("10.1.2.3");
        assertThat(e.port()).isEqualTo(21);
    }

    @Test
    void epsvReplyHasOnlyAPort() {
        // RFC 2428 §3: "229 Entering Extended Passive Mode (|||6446|)"
        var e = FtpParser.parseEpsv("Entering Extended Passive Mode (|||6446|)");
        assertThat(e.valid()).isTrue();
        assertThat(e.unspecified()).isTrue();
        assertThat(e.port()).isEqualTo(6446);
        assertThat(FtpParser.parseEpsv("no parentheses |||6446|").valid()).isFalse();
    }

    @Test
    void eprtArgumentCarriesIpv6() {
        var e = FtpParser.parseEprt("|2|2001:db8::1|5282|");
        assertThat(e.valid()).isTrue();
        assertThat(e.addr()[0]).isEqualTo((byte) 0x20);
        assertThat(e.addr()[15]).isEqualTo((byte) 1);
        assertThat(e.port()).isEqualTo(5282);
    }

    @Test
    void eprtWithAHostNameOrBadPortIsInvalid() {
        assertThat(FtpParser.parseEprt("|1|example.com|21|").valid()).isFalse();
        assertThat(FtpParser.parseEprt("|1|10.0.0.1|70000|").valid()).isFalse();
        assertThat(FtpParser.parseEprt("").valid()).isFalse();
    }
}
