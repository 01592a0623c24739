package org.brocapi.analyzer.protocol.dcerpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.brocapi.analyzer.protocol.ntlm.NtlmFixtures;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DCE/RPC (and NTLM inside it) through the whole pipeline: dce_rpc.log, ntlm.log, weirds, violations. */
class DceRpcAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    private static final String[] SCRIPTS = {"base/protocols/conn", "base/protocols/dce-rpc", "base/protocols/ntlm",
            "base/frameworks/notice/weird"};

    @TempDir
    Path dir;

    private static AnalyzerHarness call(int port) {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, port);
        h.tcp(CLIENT, 50000, SERVER, port, true, DceRpcFixtures.BIND);
        h.tcp(CLIENT, 50000, SERVER, port, false, DceRpcFixtures.BIND_ACK);
        h.tcp(CLIENT, 50000, SERVER, port, true, DceRpcFixtures.REQUEST);
        return h.tcp(CLIENT, 50000, SERVER, port, false, DceRpcFixtures.RESPONSE);
    }

    @Test
    void callIsLoggedWithEndpointOperationPipeAndRtt() {
        var r = call(135).step(0.01).run(dir, SCRIPTS);
        assertThat(r.rows("dce_rpc")).singleElement().satisfies(row -> {
            assertThat(row.get("endpoint")).isEqualTo("netlogon");
            assertThat(row.get("operation")).isEqualTo("NetrLogonSamLogonWithFlags");
            assertThat(row.get("named_pipe")).isEqualTo("49676");
            assertThat(row.get("rtt")).isEqualTo("0.010000");
        });
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("dce_rpc");
    }

    @Test
    void signatureFindsItOnAnyPort() {
        var r = call(49676).run(dir, SCRIPTS);
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("dce_rpc");
        assertThat(r.rows("dce_rpc")).hasSize(1);
    }

    @Test
    void callWithoutBindLogsNothing() {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, 135);
        h.tcp(CLIENT, 50000, SERVER, 135, true, DceRpcFixtures.REQUEST);
        h.tcp(CLIENT, 50000, SERVER, 135, false, DceRpcFixtures.RESPONSE);
        var r = h.run(dir, SCRIPTS);
        assertThat(r.rows("dce_rpc")).isEmpty();
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("dce_rpc");
    }

    @Test
    void netlogonAuthTypeIsAWeird() {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, 135);
        h.tcp(CLIENT, 50000, SERVER, 135, true, DceRpcFixtures.REQUEST_NETLOGON_AUTH);
        var r = h.run(dir, SCRIPTS);
        assertThat(r.rows("weird")).singleElement().satisfies(row -> {
            assertThat(row.get("name")).isEqualTo("netlogon_dce_rpc_auth_type");
            assertThat(row.get("addl")).isEqualTo("68");
            assertThat(row.get("source")).isEqualTo("DCE_RPC");
        });
    }

    @Test
    void garbageAfterAGoodPduDoesNotStopTheOtherSide() {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, 135);
        h.tcp(CLIENT, 50000, SERVER, 135, true, DceRpcFixtures.BIND);
        h.tcp(CLIENT, 50000, SERVER, 135, true, new byte[] {4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9});
        h.tcp(CLIENT, 50000, SERVER, 135, false, DceRpcFixtures.BIND_ACK);
        var r = h.run(dir, SCRIPTS);
        // DCE_RPC violations are ignored by default: no analyzer.log, the service stays
        assertThat(r.has("analyzer")).isFalse();
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("dce_rpc");
    }

    private AnalyzerHarness ntlmExchange(byte[] challenge) {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, 135);
        h.tcp(CLIENT, 50000, SERVER, 135, true, DceRpcFixtures.bindWithNtlm(NtlmFixtures.NEGOTIATE));
        return h.tcp(CLIENT, 50000, SERVER, 135, false, DceRpcFixtures.bindWithNtlm(challenge));
    }

    @Test
    void ntlmInsideTheAuthVerifierFillsNtlmLog() {
        var h = ntlmExchange(NtlmFixtures.CHALLENGE);
        h.tcp(CLIENT, 50000, SERVER, 135, true, DceRpcFixtures.bindWithNtlm(NtlmFixtures.AUTHENTICATE));
        var r = h.run(dir, SCRIPTS);
        assertThat(r.rows("ntlm")).singleElement().satisfies(row -> {
            assertThat(row.get("username")).isEqualTo("alice");
            assertThat(row.get("hostname")).isEqualTo("PC");
            assertThat(row.get("domainname")).isEqualTo("CORP");
            assertThat(row.get("server_nb_computer_name")).isEqualTo("SATURN");
            assertThat(row.get("server_dns_computer_name")).isEqualTo("sat.lab");
            assertThat(row.get("server_tree_name")).isEqualTo("-");
            assertThat(row.get("success")).isEqualTo("-");
        });
        assertThat(r.rows("conn").get(0).get("service")).isIn("dce_rpc,ntlm", "ntlm,dce_rpc");
    }

    @Test
    void avPairUnderflowIsIgnoredByDefault() {
        var r = ntlmExchange(NtlmFixtures.CHALLENGE_UNTERMINATED).run(dir, SCRIPTS);
        assertThat(r.has("analyzer")).isFalse();
        assertThat(r.rows("ntlm").get(0).get("server_nb_computer_name")).isEqualTo("SATURN");
    }

    @Test
    void avPairUnderflowIsLoggedWhenIgnoreViolationsIsEmptied() throws IOException {
        Path script = Files.writeString(dir.resolve("policy.zeek"), """
                @load base/protocols/dce-rpc
                @load base/protocols/ntlm
                redef DPD::ignore_violations = {};
                """);
        var r = ntlmExchange(NtlmFixtures.CHALLENGE_EMPTY_TARGET_INFO).run(dir, script.toString());
        assertThat(r.rows("analyzer")).singleElement().satisfies(row -> {
            assertThat(row.get("analyzer_name")).isEqualTo("NTLM");
            assertThat(row.get("failure_reason")).isEqualTo("NTLM AV Pair loop underflow");
        });
        // the NTLM analyzer is outside the tree: the violation does not stop it or its log
        assertThat(r.rows("ntlm")).singleElement()
                .satisfies(row -> assertThat(row.get("server_nb_computer_name")).isEqualTo("-"));
    }

    @Test
    void mutatedExchangesNeverBreakTheRun() {
        var rnd = new java.util.Random(11);
        var h = new AnalyzerHarness();
        byte[][] pdus = {DceRpcFixtures.BIND, DceRpcFixtures.BIND_ACK, DceRpcFixtures.REQUEST, DceRpcFixtures.RESPONSE,
                DceRpcFixtures.REQUEST_NETLOGON_AUTH, DceRpcFixtures.bindWithNtlm(NtlmFixtures.CHALLENGE),
                DceRpcFixtures.bindWithNtlm(NtlmFixtures.AUTHENTICATE)};
        for (int c = 0; c < 150; c++) {
            int port = 40000 + c;
            h.tcpOpen(CLIENT, port, SERVER, 135);
            for (int i = 0; i < 6; i++) {
                byte[] p = pdus[rnd.nextInt(pdus.length)].clone();
                for (int k = rnd.nextInt(4); k > 0; k--) p[rnd.nextInt(p.length)] = (byte) rnd.nextInt(256);
                h.tcp(CLIENT, port, SERVER, 135, rnd.nextBoolean(), java.util.Arrays.copyOf(p, 1 + rnd.nextInt(p.length)));
            }
        }
        var r = h.run(dir, SCRIPTS);
        assertThat(r.rows("conn")).hasSize(150);
    }

    /** SPNEGO negTokenResp (RFC 4178 §4.2.2): [0] negState, [2] responseToken, long-form DER lengths. */
    private static byte[] negTokenResp(int state, byte[] token) {
        String tok = "04 82 %04x %s".formatted(token.length, org.brocapi.analyzer.bytes.Hex.of(token, 0, token.length));
        int tokLen = 4 + token.length;
        String args = "a0 03 0a 01 %02x a2 82 %04x %s".formatted(state, tokLen, tok);
        int argsLen = 5 + 4 + tokLen;
        return org.brocapi.analyzer.bytes.Hex.bytes("a1 82 %04x 30 82 %04x %s".formatted(argsLen + 4, argsLen, args));
    }

    @Test
    void spnegoCarriesNtlmAndItsFinalStateSetsSuccess() {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, 135);
        h.tcp(CLIENT, 50000, SERVER, 135, true, DceRpcFixtures.bindWithAuth(9, negTokenResp(1, NtlmFixtures.NEGOTIATE)));
        h.tcp(CLIENT, 50000, SERVER, 135, false, DceRpcFixtures.bindWithAuth(9, negTokenResp(1, NtlmFixtures.CHALLENGE)));
        h.tcp(CLIENT, 50000, SERVER, 135, true, DceRpcFixtures.bindWithAuth(9, negTokenResp(1, NtlmFixtures.AUTHENTICATE)));
        h.tcp(CLIENT, 50000, SERVER, 135, false, DceRpcFixtures.bindWithAuth(9, negTokenResp(0, new byte[0])));
        var r = h.run(dir, SCRIPTS);
        assertThat(r.rows("ntlm")).singleElement().satisfies(row -> {
            assertThat(row.get("username")).isEqualTo("alice");
            assertThat(row.get("server_nb_computer_name")).isEqualTo("SATURN");
            assertThat(row.get("success")).isEqualTo("T");
        });
        assertThat(r.rows("conn").get(0).get("service")).contains("dce_rpc", "gssapi", "ntlm");
    }
}
