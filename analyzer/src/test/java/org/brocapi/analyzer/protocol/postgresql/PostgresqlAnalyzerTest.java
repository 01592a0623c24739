package org.brocapi.analyzer.protocol.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Confirmation, violations and postgresql.log, through the whole analyzer. */
class PostgresqlAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    private static final byte[] SSL_REQUEST = Hex.bytes("00000008 04d2162f");
    private static final byte[] STARTUP = Hex.bytes("00000021 00030000 7573657200 7a65656b00 6461746162617365 00 7a65656b00 00");
    private static final byte[] AUTH_MD5 = Hex.bytes("52 0000000c 00000005 01020304");
    private static final byte[] AUTH_OK = Hex.bytes("52 00000008 00000000");
    private static final byte[] READY = Hex.bytes("5a 00000005 49");
    private static final byte[] QUERY = Hex.bytes("51 0000000d 73656c656374203100"); // select 1
    private static final byte[] ROW = Hex.bytes("44 0000000b 0001 00000001 31");
    private static final byte[] TERMINATE = Hex.bytes("58 00000004");

    @TempDir
    Path dir;

    private AnalyzerHarness session(int port) {
        return new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, port);
    }

    private static AnalyzerHarness send(AnalyzerHarness h, int port, boolean fromClient, byte[] b) {
        return h.tcp(CLIENT, 40000, SERVER, port, fromClient, b);
    }

    @Test
    void loginAndQueryConfirmAndLog() {
        var h = session(5432);
        send(h, 5432, true, SSL_REQUEST);
        send(h, 5432, false, new byte[]{'N'});
        send(h, 5432, true, STARTUP);
        send(h, 5432, false, AUTH_MD5);
        send(h, 5432, false, AUTH_OK);
        send(h, 5432, false, READY);
        send(h, 5432, true, QUERY);
        send(h, 5432, false, ROW);
        send(h, 5432, false, READY);
        send(h, 5432, true, TERMINATE);
        var r = h.run(dir, "base/protocols/conn", "base/protocols/postgresql");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("postgresql");
        var log = r.rows("postgresql");
        assertThat(log).extracting(x -> x.get("frontend") + "|" + x.get("frontend_arg") + "|" + x.get("backend") + "|"
                + x.get("backend_arg") + "|" + x.get("success") + "|" + x.get("rows") + "|" + x.get("user"))
                .containsExactly(
                        "ssl_request|-|ssl_reply|N|F|-|-",
                        "startup|-|auth_ok|MD5Password|T|-|zeek",
                        "simple_query|select 1|-|-|T|1|zeek",
                        "terminate|-|-|-|-|-|zeek");
        assertThat(log.get(1).get("database")).isEqualTo("zeek");
    }

    @Test
    void badBackendMessageAfterStartupRemovesTheService() {
        // Zeek's bad-backend-message test: 'Z' with length 1 is a violation after confirmation
        var h = session(5432);
        send(h, 5432, true, STARTUP);
        send(h, 5432, false, Hex.bytes("5a 00000001 0000"));
        var r = h.run(dir, "base/protocols/conn", "base/protocols/postgresql");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
        // the removal hook still logs what the startup began
        assertThat(r.rows("postgresql")).extracting(x -> x.get("frontend") + "|" + x.get("user")).containsExactly("startup|zeek");
    }

    @Test
    void otherProtocolOnThePortIsNotConfirmed() {
        // a MySQL greeting first, then a MySQL login packet: no 3.x version
        var h = session(5432);
        send(h, 5432, false, Hex.bytes("4a000000 0a 382e302e3000"));
        send(h, 5432, true, Hex.bytes("55000001 8da6ff01 00000001 2d"));
        var r = h.run(dir, "base/protocols/conn", "base/protocols/postgresql");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
        assertThat(r.has("postgresql")).isFalse();
    }

    @Test
    void signatureFindsPostgresqlOnAnotherPort() {
        var h = session(15432);
        send(h, 15432, true, STARTUP);
        send(h, 15432, false, AUTH_OK);
        send(h, 15432, false, READY);
        var r = h.run(dir, "base/protocols/conn", "base/protocols/postgresql");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("postgresql");
    }

    @Test
    void tooManyServerChunksBeforeTheClientSpeaksIsAViolation() {
        var h = session(5432);
        for (int i = 0; i < 5; i++) send(h, 5432, false, READY);
        send(h, 5432, true, STARTUP);
        var r = h.run(dir, "base/protocols/conn", "base/protocols/postgresql");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
    }

    @Test
    void randomSegmentsAfterAValidStartEndWithoutErrors() throws java.io.IOException {
        var rnd = new java.util.Random(11);
        for (int round = 0; round < 20; round++) {
            var h = new AnalyzerHarness().tcpOpen(CLIENT, 40000 + round, SERVER, 5432);
            for (int i = 0; i < 12; i++) {
                byte[] b = new byte[1 + rnd.nextInt(40)];
                rnd.nextBytes(b);
                if (i == 0) b[0] = 0x30;
                h.tcp(CLIENT, 40000 + round, SERVER, 5432, rnd.nextBoolean(), b);
            }
            var r = h.run(java.nio.file.Files.createDirectories(dir.resolve("r" + round)), "base/protocols/conn", "base/protocols/postgresql");
            assertThat(r.rows("conn")).hasSize(1);
        }
    }
}
