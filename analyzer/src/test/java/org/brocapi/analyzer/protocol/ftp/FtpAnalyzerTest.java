package org.brocapi.analyzer.protocol.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FTP control connections and the data connections they announce, seen in conn.log. */
class FtpAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";

    @TempDir
    Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String service(AnalyzerHarness.Result r, int respPort) {
        return r.rows("conn").stream().filter(c -> c.get("id.resp_p").equals(Integer.toString(respPort)))
                .map(c -> c.get("service")).findFirst().orElseThrow();
    }

    private AnalyzerHarness login(AnalyzerHarness h) {
        return h.tcpOpen(CLIENT, 40000, SERVER, 21)
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("220 FTP server ready\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("USER anonymous\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("331 Please specify the password.\r\n"));
    }

    @Test
    void commandConfirms() {
        var r = login(new AnalyzerHarness()).run(dir, "base/protocols/conn", "base/protocols/ftp");
        assertThat(service(r, 21)).isEqualTo("ftp");
    }

    @Test
    void nonNumericReplyAfterConfirmationRemovesTheServiceAndIsLogged() {
        var r = login(new AnalyzerHarness())
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("hello there\r\n"))
                .run(dir, "base/protocols/conn", "base/protocols/ftp", "base/frameworks/analyzer/logging");
        assertThat(service(r, 21)).isEqualTo("-");
        Map<String, String> failure = r.rows("analyzer").get(0);
        assertThat(failure.get("analyzer_name")).isEqualTo("FTP");
        assertThat(failure.get("failure_reason")).isEqualTo("non-numeric reply code");
    }

    @Test
    void multiLineReplyIsNotAViolation() {
        var r = login(new AnalyzerHarness())
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("230-Welcome\r\n free text line\r\n230 Login ok\r\n"))
                .run(dir, "base/protocols/conn", "base/protocols/ftp");
        assertThat(service(r, 21)).isEqualTo("ftp");
    }

    @Test
    void passiveModeDataConnectionIsFtpData() {
        var r = login(new AnalyzerHarness())
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("PASV\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("227 Entering Passive Mode (10,0,0,2,195,80).\r\n"))
                .tcpOpen(CLIENT, 40001, SERVER, 50000)
                .tcp(CLIENT, 40001, SERVER, 50000, false, ascii("file contents"))
                .run(dir, "base/protocols/conn", "base/protocols/ftp");
        assertThat(service(r, 50000)).isEqualTo("ftp-data");
    }

    @Test
    void activeModeDataConnectionComesFromTheServer() {
        var r = login(new AnalyzerHarness())
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("PORT 10,0,0,1,156,64\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("200 PORT command successful.\r\n"))
                .tcpOpen(SERVER, 20, CLIENT, 40000)
                .run(dir, "base/protocols/conn", "base/protocols/ftp");
        assertThat(service(r, 40000)).isEqualTo("ftp-data");
    }

    @Test
    void pasvReplyToAnotherCommandOrAnUnannouncedPortStartsNothing() {
        var r = login(new AnalyzerHarness())
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("NOOP\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("200 (10,0,0,2,195,80)\r\n"))
                .tcpOpen(CLIENT, 40001, SERVER, 50000)
                .tcpOpen(CLIENT, 40002, SERVER, 50001)
                .run(dir, "base/protocols/conn", "base/protocols/ftp");
        assertThat(service(r, 50000)).isEqualTo("-");
        assertThat(service(r, 50001)).isEqualTo("-");
    }

    @Test
    void expectedConnectionTimesOut() {
        var r = login(new AnalyzerHarness())
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("EPSV\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("229 Entering Extended Passive Mode (|||50000|)\r\n"))
                .pause(400)
                // a later schedule call expires the first (Zeek's manager expires lazily)
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("EPSV\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("229 Entering Extended Passive Mode (|||50001|)\r\n"))
                .tcpOpen(CLIENT, 40001, SERVER, 50000)
                .tcpOpen(CLIENT, 40002, SERVER, 50001)
                .run(dir, "base/protocols/conn", "base/protocols/ftp");
        assertThat(service(r, 50000)).isEqualTo("-");
        assertThat(service(r, 50001)).isEqualTo("ftp-data");
    }

    @Test
    void clientAndServerSignatureStartFtpOnAnyPort() {
        var r = new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, 2121)
                .tcp(CLIENT, 40000, SERVER, 2121, false, ascii("220 ready\r\n"))
                .tcp(CLIENT, 40000, SERVER, 2121, true, ascii("USER bob\r\n"))
                .tcp(CLIENT, 40000, SERVER, 2121, false, ascii("331 password\r\n"))
                .tcp(CLIENT, 40000, SERVER, 2121, true, ascii("PASS x\r\n"))
                .run(dir, "base/protocols/conn", "base/protocols/ftp");
        assertThat(service(r, 2121)).isEqualTo("ftp");
    }

    @Test
    void garbageOnPort21NeverConfirms() {
        var r = new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, 21)
                .tcp(CLIENT, 40000, SERVER, 21, true, new byte[] {1, 2, 3, '\n', (byte) 0xff, 0, '\r', '\n'})
                .tcp(CLIENT, 40000, SERVER, 21, false, new byte[] {0, 0, 0, 0})
                .run(dir, "base/protocols/conn", "base/protocols/ftp");
        assertThat(service(r, 21)).isEqualTo("-");
    }

    @Test
    void ftpLogPairsRepliesWithCommandsAndHidesPasswords() {
        var r = login(new AnalyzerHarness())
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("PASS secret\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("230 Login successful.\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("PASV\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("227 Entering Passive Mode (10,0,0,2,195,80).\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("RETR notes.txt\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("150 Opening BINARY mode data connection (12 bytes).\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("226 Transfer complete.\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("QUIT\r\n"))
                .run(dir, "base/protocols/conn", "base/protocols/ftp");
        var rows = r.rows("ftp");
        // default FTP::logged_commands: only PASV and RETR of these; user "anonymous" is a guest id
        assertThat(rows).extracting(x -> x.get("command")).containsExactly("PASV", "RETR");
        var pasv = rows.get(0);
        assertThat(pasv.get("user")).isEqualTo("anonymous");
        assertThat(pasv.get("password")).isEqualTo("secret");
        assertThat(pasv.get("reply_code")).isEqualTo("227");
        assertThat(pasv.get("data_channel.passive")).isEqualTo("T");
        assertThat(pasv.get("data_channel.resp_h")).isEqualTo(SERVER);
        assertThat(pasv.get("data_channel.resp_p")).isEqualTo("50000");
        var retr = rows.get(1);
        assertThat(retr.get("arg")).isEqualTo("ftp://10.0.0.2/./notes.txt");
        assertThat(retr.get("file_size")).isEqualTo("12");
        assertThat(retr.get("reply_code")).isEqualTo("226");
        assertThat(retr.get("data_channel.passive")).isEqualTo("-");
    }

    @Test
    void nonGuestPasswordIsHiddenUnlessCaptureIsOn() throws IOException {
        for (boolean capture : new boolean[] {false, true}) {
            Path run = Files.createDirectories(dir.resolve("capture-" + capture));
            Path script = Files.writeString(run.resolve("input.zeek"),
                    "redef FTP::logged_commands += { \"USER\", \"PASS\" };\n"
                            + "redef FTP::default_capture_password = " + (capture ? "T" : "F") + ";\n");
            var r = new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, 21)
                    .tcp(CLIENT, 40000, SERVER, 21, false, ascii("220 ready\r\n"))
                    .tcp(CLIENT, 40000, SERVER, 21, true, ascii("USER bob\r\n"))
                    .tcp(CLIENT, 40000, SERVER, 21, false, ascii("331 password please\r\n"))
                    .tcp(CLIENT, 40000, SERVER, 21, true, ascii("PASS hunter2\r\n"))
                    .tcp(CLIENT, 40000, SERVER, 21, false, ascii("530 Login incorrect.\r\n"))
                    .run(run, "base/protocols/conn", "base/protocols/ftp", script.toString());
            var rows = r.rows("ftp");
            assertThat(rows).extracting(x -> x.get("command")).containsExactly("USER", "PASS");
            String shown = capture ? "hunter2" : "<hidden>";
            // the PASS row is written at connection end (finalize_ftp), with the password so far
            assertThat(rows.get(1).get("arg")).isEqualTo(shown);
            assertThat(rows.get(1).get("password")).isEqualTo(shown);
            assertThat(rows.get(1).get("reply_msg")).isEqualTo("Login incorrect.");
            assertThat(rows.get(0).get("password")).isEqualTo("-");
        }
    }

    @Test
    void failedServiceIsLoggedAndRemovedServiceCanBeTracked() throws IOException {
        for (boolean track : new boolean[] {false, true}) {
            Path run = Files.createDirectories(dir.resolve("track-" + track));
            Path script = Files.writeString(run.resolve("input.zeek"), "@load policy/protocols/conn/failed-service-logging\n"
                    + "redef DPD::track_removed_services_in_connection = " + (track ? "T" : "F") + ";\n");
            var r = login(new AnalyzerHarness())
                    .tcp(CLIENT, 40000, SERVER, 21, false, ascii("hello there\r\n"))
                    .run(run, "base/protocols/conn", "base/protocols/ftp", script.toString());
            var conn = r.rows("conn").get(0);
            assertThat(conn.get("service")).isEqualTo(track ? "ftp,-ftp" : "-");
            assertThat(conn.get("failed_service")).isEqualTo("ftp");
        }
    }

    @Test
    void retrievedFileGetsItsFileIdAndTypeInFtpLog() {
        var r = login(new AnalyzerHarness())
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("PASV\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("227 Entering Passive Mode (10,0,0,2,195,80).\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("RETR page.html\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("150 Opening data connection.\r\n"))
                .tcpOpen(CLIENT, 40001, SERVER, 50000)
                .tcp(CLIENT, 40001, SERVER, 50000, false, ascii("<html><body>hello</body></html>\n"))
                .tcp(CLIENT, 40000, SERVER, 21, false, ascii("226 Transfer complete.\r\n"))
                .tcp(CLIENT, 40000, SERVER, 21, true, ascii("QUIT\r\n"))
                .run(dir, "base/protocols/conn", "base/protocols/ftp");
        var retr = r.rows("ftp").get(1);
        assertThat(retr.get("command")).isEqualTo("RETR");
        assertThat(retr.get("fuid")).matches("F[0-9A-Za-z]{15,17}");
        // the handle of files.zeek, hashed as Zeek's file manager does
        var data = r.rows("conn").stream().filter(c -> c.get("id.resp_p").equals("50000")).findFirst().orElseThrow();
        assertThat(data.get("service")).isEqualTo("ftp-data");
    }
}
