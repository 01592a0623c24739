package org.brocapi.analyzer.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The file handles of base/protocols/http/files.zeek's get_file_handle, as cat() renders them. */
class HttpFilesTest {
    private static final byte[] CLIENT = v4(10, 0, 0, 1), SERVER = v4(10, 0, 0, 2);

    private static byte[] v4(int a, int b, int c, int d) {
        byte[] x = new byte[16];
        x[10] = (byte) 0xff;
        x[11] = (byte) 0xff;
        x[12] = (byte) a;
        x[13] = (byte) b;
        x[14] = (byte) c;
        x[15] = (byte) d;
        return x;
    }

    private static HttpTransactions.Info info(long depth, String host, String uri) {
        var i = new HttpTransactions.Info(0, depth);
        i.host = host == null ? null : host.getBytes(StandardCharsets.ISO_8859_1);
        i.uri = uri == null ? null : uri.getBytes(StandardCharsets.ISO_8859_1);
        return i;
    }

    @Test
    void bodyHandleHasStartTimeDirectionDepthsAndIdString() {
        var i = info(2, "h", "/");
        i.respMimeDepth = 1;
        i.origMimeDepth = 3;
        assertThat(HttpFiles.handle(1258535653.786543, CLIENT, 50000, SERVER, 80, false, i))
                .isEqualTo("Analyzer::ANALYZER_HTTP1258535653.786543F2110.0.0.1:50000 > 10.0.0.2:80");
        // an integral time gets ".0", trailing zeros go: ODesc::Add(double)
        assertThat(HttpFiles.handle(1700000000.5, CLIENT, 50000, SERVER, 80, true, i))
                .isEqualTo("Analyzer::ANALYZER_HTTP1700000000.5T2310.0.0.1:50000 > 10.0.0.2:80");
        assertThat(HttpFiles.handle(1700000000, CLIENT, 50000, SERVER, 80, true, i))
                .startsWith("Analyzer::ANALYZER_HTTP1700000000.0T");
    }

    @Test
    void rangeReplyHandleIsTheUrlWithoutDepth() {
        var i = info(1, "speed.example", "/100MB.bin");
        i.rangeRequest = true;
        assertThat(HttpFiles.handle(1, CLIENT, 50000, SERVER, 8080, false, i))
                .isEqualTo("Analyzer::ANALYZER_HTTPF10.0.0.1speed.example:8080/100MB.bin");
        // the request side keeps the depth form
        assertThat(HttpFiles.handle(1, CLIENT, 50000, SERVER, 8080, true, i)).contains("T10");
    }

    @Test
    void buildUrlFallsBackToTheAddressAndKeepsAbsoluteUris() {
        byte[] v6 = new byte[16];
        v6[15] = 1;
        assertThat(HttpFiles.buildUrl(v6, 80, info(1, null, "/x"))).isEqualTo("[::1]/x");
        assertThat(HttpFiles.buildUrl(SERVER, 80, info(1, null, null))).isEqualTo("10.0.0.2/<missed_request>");
        assertThat(HttpFiles.buildUrl(SERVER, 3128, info(1, "h", "http://a/b"))).isEqualTo("http://a/b");
    }
}
