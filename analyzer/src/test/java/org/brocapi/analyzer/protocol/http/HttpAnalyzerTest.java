package org.brocapi.analyzer.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP through the whole pipeline: confirmation (conn.log service), violations, framing weirds. */
class HttpAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    private static final String[] SCRIPTS = {"base/protocols/conn", "base/protocols/http", "base/frameworks/notice/weird"};

    @TempDir
    Path dir;

    private AnalyzerHarness conn(int port) {
        return new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, port);
    }

    private static AnalyzerHarness send(AnalyzerHarness h, int port, boolean fromClient, String text) {
        return h.tcp(CLIENT, 50000, SERVER, port, fromClient, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String service(AnalyzerHarness.Result r) {
        return r.rows("conn").get(0).get("service");
    }

    private static List<String> weirds(AnalyzerHarness.Result r) {
        return r.has("weird") ? r.rows("weird").stream().map(m -> m.get("name")).toList() : List.of();
    }

    @Test
    void requestLineAloneConfirmsOnPort80() {
        var h = conn(80);
        send(h, 80, true, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        var r = h.run(dir, SCRIPTS);
        assertThat(service(r)).isEqualTo("http");
    }

    @Test
    void keepAlivePipelinedRequestsWithBodiesStayInSync() {
        var h = conn(8080);
        send(h, 8080, true, "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\n\r\n"
                + "HEAD /c HTTP/1.1\r\n\r\n");
        send(h, 8080, false, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");
        send(h, 8080, false, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nwxyz\r\n0\r\nT: 1\r\n\r\n");
        send(h, 8080, false, "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"); // HEAD: no body follows
        var r = h.run(dir, SCRIPTS);
        assertThat(service(r)).isEqualTo("http");
        assertThat(weirds(r)).isEmpty();
    }

    @Test
    void bodyBytesOutOfSyncWouldBeAViolation() {
        // the same exchange with a wrong Content-Length: "lo" is read as the next request line
        var h = conn(80);
        send(h, 80, true, "POST /a HTTP/1.0\r\nContent-Length: 3\r\n\r\nhello\r\n");
        var r = h.run(dir, SCRIPTS);
        assertThat(weirds(r)).contains("bad_HTTP_request");
    }

    @Test
    void nonHttpOnPort80IsAViolationAndNotConfirmed() {
        var h = conn(80);
        send(h, 80, true, "\u0016\u0003\u0001\u0000\u00a5binary\r\n");
        send(h, 80, false, "HTTP/1.1 400 Bad Request\r\n\r\n");
        var r = h.run(dir, SCRIPTS);
        assertThat(service(r)).isEqualTo("-");
    }

    @Test
    void replyWithoutRequestDoesNotConfirm() {
        var h = conn(80);
        send(h, 80, false, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        var r = h.run(dir, SCRIPTS);
        assertThat(service(r)).isEqualTo("-");
    }

    @Test
    void signatureFindsHttpOnAnOddPort() {
        var h = conn(5555);
        send(h, 5555, true, "GET /x HTTP/1.1\r\n\r\n");
        send(h, 5555, false, "HTTP/1.1 204 No Content\r\n\r\n");
        var r = h.run(dir, SCRIPTS);
        assertThat(service(r)).isEqualTo("http");
    }

    @Test
    void http09ReplyIsRawData() {
        var h = conn(80);
        send(h, 80, true, "GET /old\r\n");
        send(h, 80, false, "<html>no status line</html>\r\n");
        var r = h.run(dir, SCRIPTS);
        assertThat(service(r)).isEqualTo("http");
        assertThat(weirds(r)).isEmpty();
    }

    @Test
    void secondRequestOnHttp10WithoutKeepAliveIsAWeird() {
        var h = conn(80);
        send(h, 80, true, "GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.0\r\n\r\n");
        var r = h.run(dir, SCRIPTS);
        assertThat(weirds(r)).containsExactly("unexpected_multiple_HTTP_requests");
    }

    @Test
    void foldedTransferEncodingIsJoinedAndStillChunked() {
        // variant of Zeek's http/261 obs-fold trace: the chunked body must not be read as a request
        var h = conn(80);
        send(h, 80, true, "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n"
                + "GET /next HTTP/1.1\r\n\r\n");
        var r = h.run(dir, SCRIPTS);
        assertThat(service(r)).isEqualTo("http");
        assertThat(weirds(r)).containsExactly("HTTP_obsolete_line_folding");
    }

    @Test
    void missedSynIsForgivenWhenTheSynAckWasSeen() {
        var h = new AnalyzerHarness().tcpOpenWithoutSyn(CLIENT, 50000, SERVER, 80);
        send(h, 80, true, "GET / HTTP/1.1\r\n\r\n");
        assertThat(service(h.run(dir, SCRIPTS))).isEqualTo("http");
    }

    @Test
    void crlfSplitAcrossSegmentsIsOneLineEnd() {
        var h = conn(80);
        send(h, 80, true, "GET / HTTP/1.1\r");
        send(h, 80, true, "\nHost: x\r");
        send(h, 80, true, "\n\r");
        send(h, 80, true, "\n");
        send(h, 80, false, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        var r = h.run(dir, SCRIPTS);
        assertThat(service(r)).isEqualTo("http");
        assertThat(weirds(r)).isEmpty();
    }

    @Test
    void bareCrEndsALineWithAWeird() {
        var h = conn(80);
        send(h, 80, true, "GET / HTTP/1.1\rHost: x\r\n\r\n");
        var r = h.run(dir, SCRIPTS);
        assertThat(service(r)).isEqualTo("http");
        assertThat(weirds(r)).containsExactly("line_terminated_with_single_CR");
    }

    @Test
    void scriptWeirdsFollowTheAnalyzersOwn() {
        // as Zeek's http-methods test: the http_request handler's weird comes after the analyzer's
        var h = conn(80);
        send(h, 80, true, "CCM_POST /x\r\n");
        var r = h.run(dir, SCRIPTS);
        assertThat(weirds(r)).containsExactly("invalid_http_09_request_method", "unknown_HTTP_method");
        assertThat(r.rows("weird").get(1).get("source")).isEqualTo("-");
        assertThat(r.rows("weird").get(0).get("source")).isEqualTo("HTTP");
    }

    @Test
    void replyBeforeAnyRequestThenHttp09Request() {
        // Zeek's http-09-content-length-confusion trace, shortened
        var h = conn(80);
        send(h, 80, false, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n");
        send(h, 80, true, "GET /\r\n");
        send(h, 80, false, "data");
        var r = h.run(dir, SCRIPTS);
        assertThat(weirds(r)).containsExactly("http_09_reply_before_request", "HTTP_response_before_request",
                "HTTP_version_mismatch");
    }

    @Test
    void expectContinueWithEmptyBody() {
        var h = conn(80);
        send(h, 80, true, "PUT /f HTTP/1.1\r\nContent-Length: 0\r\nExpect: 100-continue\r\n\r\n");
        assertThat(weirds(h.run(dir, SCRIPTS))).containsExactly("HTTP_content_length_0_and_expect_100_cont");
    }

    @Test
    void notActiveWithoutItsScript() {
        var h = conn(80);
        send(h, 80, true, "GET / HTTP/1.1\r\n\r\n");
        Map<String, String> row = h.run(dir, "base/protocols/conn").rows("conn").get(0);
        assertThat(row.get("service")).isEqualTo("-");
    }
}
