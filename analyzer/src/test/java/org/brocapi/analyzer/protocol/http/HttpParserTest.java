package org.brocapi.analyzer.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.http.HttpMessage.BadRequest;
import org.brocapi.analyzer.protocol.http.HttpMessage.ReplyLine;
import org.brocapi.analyzer.protocol.http.HttpMessage.RequestLine;
import org.junit.jupiter.api.Test;

class HttpParserTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private final List<String> weirds = new ArrayList<>();

    private Object request(String line) {
        byte[] x = b(line);
        return HttpParser.requestLine(x, 0, x.length, HttpMessage.VERSION_UNKNOWN, weirds::add);
    }

    private String unescape(String uri) {
        byte[] x = b(uri);
        return HttpParser.unescapeUri(x, 0, x.length, weirds::add);
    }

    private static ReplyLine reply(String line) {
        byte[] x = b(line);
        return HttpParser.replyLine(x, 0, x.length);
    }

    @Test
    void requestLineHasMethodUriAndVersion() {
        assertThat(request("GET /index.html?a=1 HTTP/1.1"))
                .isEqualTo(new RequestLine("GET", "/index.html?a=1", "/index.html?a=1", 11, true));
        assertThat(weirds).isEmpty();
    }

    @Test
    void uriRunsToTheWhitespaceBeforeTheVersionSoItMayContainSpaces() {
        assertThat(((RequestLine) request("GET /a b HTTP/1.0")).uri()).isEqualTo("/a b");
    }

    @Test
    void requestWithoutVersionIsHttp09() {
        var r = (RequestLine) request("GET /");
        assertThat(r.version()).isEqualTo(HttpMessage.VERSION_09);
        assertThat(r.versionPresent()).isFalse();
    }

    @Test
    void http09NeedsAThreeCharacterMethodAndAUri() {
        assertThat(request("GE /")).isEqualTo(new BadRequest("bad_HTTP_request"));
        assertThat(request("GET ")).isEqualTo(new BadRequest("bad_HTTP_request"));
    }

    @Test
    void lowercaseVersionKeywordIsFlaggedAndMissingUriLeavesItEmpty() {
        var r = (RequestLine) request("GET http/1.1");
        assertThat(weirds).containsExactly("lowercase_HTTP_keyword", "missing_HTTP_uri", "lowercase_HTTP_keyword");
        assertThat(r.uri()).isEmpty();
    }

    @Test
    void garbageIsABadRequestAndNamesTheVersionWhenItEndsLikeOne() {
        assertThat(request("\u0016\u0003\u0001 stuff")).isEqualTo(new BadRequest("bad_HTTP_request"));
        assertThat(request("{x} / HTTP/1.1")).isEqualTo(new BadRequest("bad_HTTP_request_with_version"));
        assertThat(request("GET")).isEqualTo(new BadRequest("bad_HTTP_request"));
    }

    @Test
    void uriEscapesAreDecodedAndBadOnesReported() {
        assertThat(unescape("/a%20b%u00E9%u263A")).isEqualTo("/a b\u00e9\u0026\u003a");
        assertThat(weirds).isEmpty();
        assertThat(unescape("/%%41%zz%")).isEqualTo("/A%zz%");
        assertThat(weirds).containsExactly("double_%_in_URI", "unescaped_%_in_URI", "illegal_%_at_end_of_URI");
        weirds.clear();
        assertThat(unescape("/x%4")).isEqualTo("/x%4");
        assertThat(weirds).containsExactly("partial_escape_at_end_of_URI");
    }

    @Test
    void statusLineHasVersionCodeAndReason() {
        assertThat(reply("HTTP/1.1 404 Not Found")).isEqualTo(new ReplyLine(11, 404, "Not Found", false));
        assertThat(reply("HTTP/1.0 200")).isEqualTo(new ReplyLine(10, 200, null, false));
        assertThat(reply("http/1.1 200 OK").lowercaseKeyword()).isTrue();
    }

    @Test
    void notAStatusLine() {
        assertThat(reply("<html>")).isNull();
        assertThat(reply("HTTP/1.1")).isNull();
        assertThat(reply("HTTP/1.1 20")).isNull();
    }

    @Test
    void chunkSizeIsLeadingHexWithExtensionsIgnored() {
        byte[] x = b("1A;name=v");
        assertThat(HttpParser.chunkSize(x, 0, x.length)).isEqualTo(26);
        byte[] y = b("zz");
        assertThat(HttpParser.chunkSize(y, 0, y.length)).isEqualTo(-1);
    }

    @Test
    void contentLengthIsDecimalOnly() {
        assertThat(HttpParser.contentLength("1234")).isEqualTo(1234);
        assertThat(HttpParser.contentLength("12a")).isEqualTo(-1);
        assertThat(HttpParser.contentLength("")).isEqualTo(-1);
    }

    @Test
    void signatureMatchesEitherSideOnItsOwn() {
        assertThat(HttpProtocol.clientSignature(prefix("  POST /x HTTP/1.1\r\n"))).isTrue();
        assertThat(HttpProtocol.clientSignature(prefix("get / HTTP/1.1\r\n"))).isFalse(); // case-sensitive
        assertThat(HttpProtocol.clientSignature(prefix("SSH-2.0-x\r\n"))).isFalse();
        assertThat(HttpProtocol.serverSignature(prefix("hTtP/1.1 200 OK\r\n"))).isTrue();
        assertThat(HttpProtocol.serverSignature(prefix("HTTP/x"))).isFalse();
    }

    private static Probe.Prefix prefix(String s) {
        byte[] x = b(s);
        return new Probe.Prefix(x, x.length);
    }
}
