package org.brocapi.analyzer.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.brocapi.analyzer.protocol.mime.MimeText;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http.log through the whole pipeline: one row per request/reply pair, as base/protocols/http writes it. */
class HttpLogTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    private static final String[] SCRIPTS = {"base/protocols/conn", "base/protocols/http", "base/frameworks/notice/weird"};

    @TempDir
    Path dir;

    private AnalyzerHarness conn(int port) {
        return new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, port);
    }

    private static void send(AnalyzerHarness h, int port, boolean fromClient, String text) {
        send(h, port, fromClient, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void send(AnalyzerHarness h, int port, boolean fromClient, byte[] data) {
        h.tcp(CLIENT, 50000, SERVER, port, fromClient, data);
    }

    private List<Map<String, String>> http(AnalyzerHarness h) {
        return h.run(dir, SCRIPTS).rows("http");
    }

    private static byte[] concat(String head, byte[] body) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Test
    void oneGetIsOneRowWithTheRequestHeaders() {
        var h = conn(80);
        send(h, 80, true, """
                GET /a%20b?x=1 HTTP/1.1\r
                Host: example.com:80\r
                User-Agent: curl/8.0\r
                Referer: http://ref.example/\r
                Origin: null\r
                \r
                """);
        send(h, 80, false, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        var rows = http(h);
        assertThat(rows).hasSize(1);
        var r = rows.get(0);
        assertThat(r).containsEntry("trans_depth", "1").containsEntry("method", "GET")
                .containsEntry("host", "example.com:80").containsEntry("uri", "/a b?x=1")
                .containsEntry("referrer", "http://ref.example/").containsEntry("version", "1.1")
                .containsEntry("user_agent", "curl/8.0").containsEntry("origin", "null")
                .containsEntry("request_body_len", "0").containsEntry("response_body_len", "5")
                .containsEntry("status_code", "200").containsEntry("status_msg", "OK")
                .containsEntry("info_code", "-").containsEntry("tags", "(empty)")
                .containsEntry("username", "-").containsEntry("proxied", "-")
                .containsEntry("id.resp_p", "80");
    }

    @Test
    void pipelinedRequestsPairInOrderAndAContinueIsKeptAsInfo() {
        var h = conn(80);
        send(h, 80, true, "POST /up HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
        send(h, 80, false, "HTTP/1.1 100 Continue\r\n\r\n");
        send(h, 80, true, "abcGET /two HTTP/1.1\r\n\r\n");
        send(h, 80, false, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n");
        var rows = http(h);
        assertThat(rows).extracting(r -> r.get("trans_depth") + " " + r.get("method") + " " + r.get("uri") + " "
                + r.get("request_body_len") + " " + r.get("response_body_len") + " " + r.get("status_code") + " "
                + r.get("info_code") + " " + r.get("info_msg"))
                .containsExactly("1 POST /up 3 0 201 100 Continue", "2 GET /two 0 7 404 - -");
    }

    @Test
    void unansweredRequestIsLoggedWhenTheConnectionEnds() {
        var h = conn(80);
        send(h, 80, true, "GET /lost HTTP/1.1\r\nHost: h\r\n\r\n");
        var rows = http(h);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("uri", "/lost").containsEntry("status_code", "-")
                .containsEntry("version", "-");
    }

    @Test
    void gzipBodyLengthIsTheDecompressedLength() throws IOException {
        byte[] plain = "compressible ".repeat(100).getBytes(StandardCharsets.US_ASCII);
        var gz = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        byte[] body = gz.toByteArray();
        var h = conn(80);
        send(h, 80, true, "GET / HTTP/1.1\r\n\r\n");
        send(h, 80, false, concat("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + body.length
                + "\r\n\r\n", body));
        assertThat(http(h).get(0)).containsEntry("response_body_len", Integer.toString(plain.length));
    }

    @Test
    void deflateWithoutZlibHeaderIsRetriedAsRawDeflate() {
        // some servers send raw deflate for "Content-Encoding: deflate" (Zeek's ZIP analyzer retries)
        byte[] plain = "raw deflate data, raw deflate data".getBytes(StandardCharsets.US_ASCII);
        var d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(plain);
        d.finish();
        byte[] buf = new byte[256];
        int n = d.deflate(buf);
        byte[] body = java.util.Arrays.copyOf(buf, n);
        var h = conn(80);
        send(h, 80, true, "GET / HTTP/1.1\r\n\r\n");
        send(h, 80, false, concat("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: " + n
                + "\r\n\r\n", body));
        assertThat(http(h).get(0)).containsEntry("response_body_len", Integer.toString(plain.length));
    }

    @Test
    void multipartBodyEndsAtItsClosingBoundary() {
        String body = """
                --XyZ\r
                Content-Disposition: form-data; name="f"; filename="a.txt"\r
                Content-Type: text/plain\r
                \r
                line one\r
                line two\r
                --XyZ--\r
                """;
        var h = conn(80);
        send(h, 80, true, "POST /form HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        send(h, 80, false, "HTTP/1.1 204 No Content\r\n\r\n");
        var rows = http(h);
        assertThat(rows).hasSize(1);
        // the closing boundary line ends the message: its CRLF is counted, nothing after it
        assertThat(rows.get(0)).containsEntry("request_body_len", Integer.toString(body.length()))
                .containsEntry("status_code", "204");
    }

    @Test
    void replyWithoutLengthIsReadInLinesToTheEnd() {
        // no Content-Length, no "Connection: close": Zeek counts each line plus two for its CRLF
        var h = conn(80);
        send(h, 80, true, "GET / HTTP/1.0\r\n\r\n");
        send(h, 80, false, "HTTP/1.0 200 OK\r\n\r\nfirst\nsecond\n");
        assertThat(http(h).get(0)).containsEntry("response_body_len", "15");
    }

    @Test
    void basicAuthGivesTheUserButNotThePassword() {
        var h = conn(80);
        send(h, 80, true, "GET / HTTP/1.1\r\nAuthorization: Basic dXNlcjpzZWNyZXQ=\r\n\r\n"); // user:secret
        send(h, 80, false, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
        assertThat(http(h).get(0)).containsEntry("username", "user").containsEntry("password", "-");
    }

    @Test
    void basicAuthWithoutColonIsAProblem() {
        var h = conn(80);
        send(h, 80, true, "GET / HTTP/1.1\r\nAuthorization: Basic bm9jb2xvbg==\r\n\r\n"); // nocolon
        send(h, 80, false, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThat(http(h).get(0)).containsEntry("username", "<problem-decoding> (Basic bm9jb2xvbg==)");
    }

    @Test
    void proxyHeadersAreCollected() {
        var h = conn(3128);
        send(h, 3128, true, "GET http://x/ HTTP/1.1\r\nVia: 1.1 squid\r\nX-Forwarded-For: 10.1.1.1\r\n\r\n");
        send(h, 3128, false, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThat(http(h).get(0)).containsEntry("proxied", "VIA -> 1.1 squid,X-FORWARDED-FOR -> 10.1.1.1")
                .containsEntry("uri", "http://x/");
    }

    @Test
    void http09ReplyHasVersionAndNoStatusText() {
        var h = conn(80);
        send(h, 80, true, "GET /old\r\n");
        send(h, 80, false, "<html>no status line</html>");
        var r = http(h).get(0);
        assertThat(r).containsEntry("version", "0.9").containsEntry("status_code", "0")
                .containsEntry("status_msg", "<empty>").containsEntry("response_body_len", "27");
    }

    @Test
    void connectTunnelHandsTheStreamToDetection() {
        var h = conn(8080);
        send(h, 8080, true, "CONNECT ssh.example:22 HTTP/1.1\r\nHost: ssh.example:22\r\n\r\n");
        send(h, 8080, false, "HTTP/1.1 200 Connection established\r\n\r\n");
        send(h, 8080, true, "SSH-2.0-OpenSSH_9.6\r\n");
        send(h, 8080, false, "SSH-2.0-OpenSSH_9.7\r\n");
        // SSH_MSG_NEWKEYS (21): length 12, padding 10, is what confirms SSH
        send(h, 8080, true, new byte[] {0, 0, 0, 12, 10, 21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        var r = h.run(dir, "base/protocols/conn", "base/protocols/http", "base/protocols/ssh");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("http,ssh");
        assertThat(r.rows("http").get(0)).containsEntry("method", "CONNECT").containsEntry("status_code", "200")
                .containsEntry("uri", "ssh.example:22");
    }

    @Test
    void aSuccessfulConnectIsRegisteredAsAnHttpTunnelWithoutTheClientPort() {
        var h = conn(8080);
        send(h, 8080, true, "CONNECT ssh.example:22 HTTP/1.1\r\n\r\n");
        send(h, 8080, false, "HTTP/1.1 200 Connection established\r\n\r\n");
        var r = h.run(dir, "base/protocols/conn", "base/protocols/http", "base/protocols/tunnels");
        // main.zeek's http_reply: Tunnel::register with orig_p 0 and no uid (tunnels/main.zeek DISCOVER)
        var t = r.rows("tunnel");
        assertThat(t).hasSize(1);
        assertThat(t.get(0)).containsEntry("uid", "-").containsEntry("id.orig_p", "0")
                .containsEntry("id.resp_p", "8080").containsEntry("tunnel_type", "Tunnel::HTTP")
                .containsEntry("action", "Tunnel::DISCOVER");
        // network time when the reply line is read, after the request that opens http.log's row
        assertThat(Double.parseDouble(t.get(0).get("ts"))).isGreaterThan(Double.parseDouble(r.rows("http").get(0).get("ts")));
    }

    @Test
    void aRefusedOrLowercaseConnectOpensNoTunnel() throws Exception {
        for (String[] exchange : new String[][] {
                {"CONNECT h:22 HTTP/1.1\r\n\r\n", "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"},
                // the analyzer compares the method case-insensitively, the script's check is exact
                {"connect h:22 HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n"}}) {
            var h = conn(8080);
            send(h, 8080, true, exchange[0]);
            send(h, 8080, false, exchange[1]);
            Path out = dir.resolve(exchange[1].substring(9, 12));
            java.nio.file.Files.createDirectories(out);
            var r = h.run(out, "base/protocols/conn", "base/protocols/http",
                    "base/protocols/tunnels");
            assertThat(r.rows("http")).as(exchange[0]).hasSize(1);
            assertThat(r.has("tunnel")).as(exchange[0]).isFalse();
        }
    }

    @Test
    void filenameFromContentDispositionFollowsTheScript() {
        assertThat(new String(MimeText.filenameFromContentDisposition(
                "form-data; name=\"f\"; filename=\"a b.txt\""), StandardCharsets.ISO_8859_1)).isEqualTo("a b.txt");
        assertThat(new String(MimeText.filenameFromContentDisposition(
                "attachment; filename*=UTF-8''na%C3%AFve.txt"), StandardCharsets.ISO_8859_1))
                .isEqualTo("na\u00c3\u00afve.txt");
    }
}
