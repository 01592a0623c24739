package org.brocapi.analyzer.protocol.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LDAP's conn.log service (ldap_tcp / ldap_udp) through the whole analyzer. */
class LdapAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    // SASL bind, messageID 1: version 3, name "", [3] { mechanism "DIGEST-MD5" }
    private static final byte[] SASL_BIND = Hex.bytes("30 18 020101 60 13 020103 0400 a3 0c 040a 4449474553542d4d4435");

    @TempDir
    Path dir;

    private AnalyzerHarness exchange(int port, byte[]... fromClientThenServer) {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, port);
        boolean client = true;
        for (byte[] b : fromClientThenServer) {
            h.tcp(CLIENT, 40000, SERVER, port, client, b);
            client = !client;
        }
        return h;
    }

    private String service(AnalyzerHarness h) {
        return h.run(dir, "base/protocols/conn", "base/protocols/ldap").rows("conn").get(0).get("service");
    }

    @Test
    void bindOnPort389Confirms() {
        assertThat(service(exchange(389, LdapParserTest.SIMPLE_BIND, LdapParserTest.BIND_OK))).isEqualTo("ldap_tcp");
    }

    @Test
    void signatureFindsLdapOnAnotherPort() {
        assertThat(service(exchange(32681, LdapParserTest.SIMPLE_BIND, LdapParserTest.BIND_OK))).isEqualTo("ldap_tcp");
    }

    @Test
    void garbageOnPort389IsNotLdap() {
        assertThat(service(exchange(389, Hex.bytes("474554202f20485454502f312e300d0a0d0a")))).isEqualTo("-");
    }

    @Test
    void violationAfterConfirmationRemovesTheService() {
        assertThat(service(exchange(389, LdapParserTest.SIMPLE_BIND, LdapParserTest.BIND_OK, Hex.bytes("31 00"))))
                .isEqualTo("-");
    }

    @Test
    void saslWrappedBuffersAfterASaslBindAreNotViolations() {
        // after a successful DIGEST-MD5 bind both sides send 4-byte-length SASL buffers (RFC 4422 §3.7)
        byte[] wrapped = Hex.bytes("0000000a 00112233445566778899");
        assertThat(service(exchange(389, SASL_BIND, LdapParserTest.BIND_OK, wrapped, wrapped))).isEqualTo("ldap_tcp");
    }

    @Test
    void messagesSplitAcrossSegmentsStillConfirm() {
        byte[] b = LdapParserTest.SIMPLE_BIND;
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, 389);
        h.tcp(CLIENT, 40000, SERVER, 389, true, java.util.Arrays.copyOfRange(b, 0, 5));
        h.tcp(CLIENT, 40000, SERVER, 389, true, java.util.Arrays.copyOfRange(b, 5, b.length));
        assertThat(service(h)).isEqualTo("ldap_tcp");
    }

    @Test
    void cldapOverUdpConfirmsAsLdapUdp() {
        var h = new AnalyzerHarness().udp(CLIENT, 40000, SERVER, 389, LdapParserTest.SEARCH);
        assertThat(service(h)).isEqualTo("ldap_udp");
    }

    @Test
    void truncatedDatagramIsAViolation() {
        byte[] b = java.util.Arrays.copyOf(LdapParserTest.SEARCH, 20);
        var h = new AnalyzerHarness().udp(CLIENT, 40000, SERVER, 389, b);
        assertThat(service(h)).isEqualTo("-");
    }

    @Test
    void bindAndSearchAreLoggedLikeZeeksScript() {
        // SearchResultEntry for message 2 ("cn=x", no attributes), then SearchResultDone success
        byte[] entry = Hex.bytes("30 0d 020102 64 08 0404 636e3d78 3000");
        byte[] done = Hex.bytes("30 0c 020102 65 07 0a0100 0400 0400");
        byte[] unbind = Hex.bytes("30 05 020103 4200");
        var h = exchange(389, LdapParserTest.SIMPLE_BIND, LdapParserTest.BIND_OK, LdapParserTest.SEARCH, entry);
        h.tcp(CLIENT, 40000, SERVER, 389, false, done);
        h.tcp(CLIENT, 40000, SERVER, 389, true, unbind);
        var r = h.run(dir, "base/protocols/conn", "base/protocols/ldap");
        assertThat(r.rows("ldap")).extracting(x -> x.get("message_id") + "|" + x.get("version") + "|" + x.get("opcode")
                + "|" + x.get("result") + "|" + x.get("object") + "|" + x.get("argument"))
                .containsExactly("1|3|bind simple|success|cn=admin|REDACTED", "3|-|unbind|-|-|-");
        assertThat(r.rows("ldap_search")).extracting(x -> x.get("message_id") + "|" + x.get("scope") + "|"
                + x.get("deref_aliases") + "|" + x.get("base_object") + "|" + x.get("result_count") + "|"
                + x.get("result") + "|" + x.get("filter") + "|" + x.get("attributes"))
                .containsExactly("2|base|never|-|1|success|(objectClass=*)|-");
    }

    @Test
    void pendingOperationsAreLoggedWhenTheConnectionEnds() {
        var r = exchange(389, LdapParserTest.SIMPLE_BIND).run(dir, "base/protocols/conn", "base/protocols/ldap");
        assertThat(r.rows("ldap")).extracting(x -> x.get("opcode") + "|" + x.get("result")).containsExactly("bind simple|-");
    }

    @Test
    void scriptOptionsComeFromRedefs() {
        var o = LdapProtocol.scriptOptions(java.util.List.of(
                org.brocapi.analyzer.script.Redef.parse("redef LDAP::max_pending_searches = 5;"),
                org.brocapi.analyzer.script.Redef.parse("redef LDAP::default_log_search_attributes = T;")));
        assertThat(o.maxPendingSearches()).isEqualTo(5);
        assertThat(o.maxPendingMessages()).isEqualTo(10);
        assertThat(o.logSearchAttributes()).isTrue();
        assertThat(o.capturePassword()).isFalse();
    }

    @Test
    void randomSegmentsAfterAValidStartEndWithoutErrors() throws java.io.IOException {
        var rnd = new java.util.Random(11);
        for (int round = 0; round < 20; round++) {
            var h = new AnalyzerHarness().tcpOpen(CLIENT, 40000 + round, SERVER, 389);
            for (int i = 0; i < 12; i++) {
                byte[] b = new byte[1 + rnd.nextInt(40)];
                rnd.nextBytes(b);
                if (i == 0) b[0] = 0x30;
                h.tcp(CLIENT, 40000 + round, SERVER, 389, rnd.nextBoolean(), b);
            }
            var r = h.run(java.nio.file.Files.createDirectories(dir.resolve("r" + round)), "base/protocols/conn", "base/protocols/ldap");
            assertThat(r.rows("conn")).hasSize(1);
        }
    }
}
