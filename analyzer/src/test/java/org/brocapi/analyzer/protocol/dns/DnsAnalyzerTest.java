package org.brocapi.analyzer.protocol.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.53";
    private static final byte[] QUERY = Hex.bytes(DnsParserTest.QUERY), REPLY = Hex.bytes(DnsParserTest.REPLY);

    @TempDir
    Path dir;

    @Test
    void udpQueryAndReplyMakeOneRowAndConfirmTheService() {
        var r = new AnalyzerHarness().step(0.25)
                .udp(CLIENT, 40000, SERVER, 53, QUERY)
                .udp(SERVER, 53, CLIENT, 40000, REPLY)
                .run(dir, "base/protocols/conn", "base/protocols/dns");
        var rows = r.rows("dns");
        assertThat(rows).hasSize(1);
        var row = rows.get(0);
        assertThat(row.get("proto")).isEqualTo("udp");
        assertThat(row.get("trans_id")).isEqualTo("4660");
        assertThat(row.get("rtt")).isEqualTo("0.250000");
        assertThat(row.get("query")).isEqualTo("www.example.com");
        assertThat(row.get("qclass_name")).isEqualTo("C_INTERNET");
        assertThat(row.get("qtype_name")).isEqualTo("A");
        assertThat(row.get("rcode_name")).isEqualTo("NOERROR");
        assertThat(row.get("RD")).isEqualTo("T");
        assertThat(row.get("RA")).isEqualTo("T");
        assertThat(row.get("answers")).isEqualTo("web.example.com,93.184.216.34");
        assertThat(row.get("TTLs")).isEqualTo("3600.000000,60.000000");
        assertThat(row.get("rejected")).isEqualTo("F");
        assertThat(r.rows("conn")).singleElement().satisfies(c -> assertThat(c.get("service")).isEqualTo("dns"));
    }

    @Test
    void unansweredQueryIsLoggedWhenTheConnectionExpires() {
        var r = new AnalyzerHarness()
                .udp(CLIENT, 40000, SERVER, 53, QUERY)
                .run(dir, "base/protocols/conn", "base/protocols/dns");
        var row = r.rows("dns").get(0);
        assertThat(row.get("rtt")).isEqualTo("-");
        assertThat(row.get("rcode")).isEqualTo("-");
        assertThat(row.get("answers")).isEqualTo("-");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("dns");
    }

    @Test
    void aReplySeenFirstFlipsTheRoles() {
        var r = new AnalyzerHarness()
                .udp(SERVER, 5353, CLIENT, 5353, REPLY)
                .run(dir, "base/protocols/conn", "base/protocols/dns");
        var conn = r.rows("conn").get(0);
        assertThat(conn.get("id.orig_h")).isEqualTo(CLIENT);
        assertThat(conn.get("history")).isEqualTo("D^"); // the UDP layer counted the packet before DNS flipped
        var row = r.rows("dns").get(0);
        assertThat(row.get("id.orig_h")).isEqualTo(CLIENT);
        assertThat(row.get("rtt")).isEqualTo("-"); // only the reply: no round trip
        assertThat(row.get("query")).isEqualTo("www.example.com");
    }

    @Test
    void tcpMessagesAreFramedByTheirLengthPrefixAcrossSegments() {
        byte[] q = framed(QUERY), a = framed(REPLY);
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 40001, SERVER, 53)
                .tcp(CLIENT, 40001, SERVER, 53, true, java.util.Arrays.copyOfRange(q, 0, 1))
                .tcp(CLIENT, 40001, SERVER, 53, true, java.util.Arrays.copyOfRange(q, 1, 10))
                .tcp(CLIENT, 40001, SERVER, 53, true, java.util.Arrays.copyOfRange(q, 10, q.length))
                .tcp(CLIENT, 40001, SERVER, 53, false, a);
        var r = h.run(dir, "base/protocols/conn", "base/protocols/dns");
        var row = r.rows("dns").get(0);
        assertThat(row.get("proto")).isEqualTo("tcp");
        assertThat(row.get("answers")).isEqualTo("web.example.com,93.184.216.34");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("dns");
    }

    @Test
    void withoutTheDnsScriptThereIsNoDnsLogAndNoService() {
        var r = new AnalyzerHarness()
                .udp(CLIENT, 40000, SERVER, 53, QUERY)
                .udp(SERVER, 53, CLIENT, 40000, REPLY)
                .run(dir, "base/protocols/conn");
        assertThat(r.has("dns")).isFalse();
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
    }

    @Test
    void aViolationAfterConfirmationIsLoggedAndRemovesTheService() {
        // 26 questions: more than dns_max_queries, "not DNS"
        byte[] junk = Hex.bytes("0002 0100 001a 0000 0000 0000");
        var r = new AnalyzerHarness()
                .udp(CLIENT, 40000, SERVER, 53, QUERY)
                .udp(CLIENT, 40000, SERVER, 53, junk)
                .run(dir, "base/protocols/conn", "base/protocols/dns");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
        var failure = r.rows("analyzer").get(0);
        assertThat(failure.get("analyzer_kind")).isEqualTo("protocol");
        assertThat(failure.get("analyzer_name")).isEqualTo("DNS");
        assertThat(failure.get("failure_reason")).isEqualTo("DNS_Conn_count_too_large");
        assertThat(failure.get("proto")).isEqualTo("udp");
    }

    @Test
    void unknownOpcodeIsNotDns() {
        byte[] update = Hex.bytes("0003 2800 0000 0000 0000 0000"); // opcode 5 (UPDATE)
        var r = new AnalyzerHarness()
                .udp(CLIENT, 40000, SERVER, 53, update)
                .run(dir, "base/protocols/conn", "base/protocols/dns");
        assertThat(r.has("dns")).isFalse();
        assertThat(r.rows("conn").get(0).get("history")).isEqualTo("DX");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
    }

    private static byte[] framed(byte[] msg) {
        byte[] b = new byte[msg.length + 2];
        b[0] = (byte) (msg.length >> 8);
        b[1] = (byte) msg.length;
        System.arraycopy(msg, 0, b, 2, msg.length);
        return b;
    }
}
