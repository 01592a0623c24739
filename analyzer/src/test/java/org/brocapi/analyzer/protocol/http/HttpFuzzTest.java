package org.brocapi.analyzer.protocol.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.brocapi.analyzer.protocol.mime.Base64Decoder;
import org.brocapi.analyzer.protocol.mime.MimeText;
import org.brocapi.analyzer.testing.AnalyzerHarness;

/**
 * Fuzzes HTTP: any bytes in either direction of a connection must be analyzed (http.log, weirds)
 * without an exception, and the body decoders must take any input.
 *
 * <p>The normal build replays the seeds in
 * {@code src/test/resources/org/brocapi/analyzer/protocol/http/HttpFuzzTestInputs/<method>/}. To
 * fuzz for real, one method per run:
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -B -pl analyzer test-compile surefire:test@fuzz -Dtest='HttpFuzzTest#analysisNeverThrows'
 * JAZZER_FUZZ=1 ./mvnw -B -pl analyzer test-compile surefire:test@fuzz -Dtest='HttpFuzzTest#bodyDecodingNeverThrows'
 * </pre>
 */
class HttpFuzzTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    /** Realistic openings the fuzzer mutates around, so it gets past the request line quickly. */
    private static final String[] PREFIXES = {
        "", "GET / HTTP/1.1\r\n", "POST /f HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=b\r\n",
        "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\n\r\n", "CONNECT h:443 HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n",
    };

    @FuzzTest(maxDuration = "2m")
    void analysisNeverThrows(FuzzedDataProvider data) throws IOException {
        int port = data.pickValue(new int[] {80, 8080, 5555});
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, port);
        int segments = data.consumeInt(1, 10);
        for (int i = 0; i < segments && data.remainingBytes() > 0; i++) {
            boolean fromClient = data.consumeBoolean();
            var seg = new ByteArrayOutputStream();
            seg.writeBytes(data.pickValue(PREFIXES).getBytes(StandardCharsets.ISO_8859_1));
            seg.writeBytes(data.consumeBytes(data.consumeInt(0, 1400)));
            h.tcp(CLIENT, 50000, SERVER, port, fromClient, seg.toByteArray());
        }
        Path dir = Files.createTempDirectory("http-fuzz");
        try {
            h.run(dir, "base/protocols/conn", "base/protocols/http", "base/protocols/websocket",
                    "base/frameworks/notice/weird");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    @FuzzTest(maxDuration = "2m")
    void bodyDecodingNeverThrows(FuzzedDataProvider data) {
        byte[] header = data.consumeBytes(data.consumeInt(0, 300));
        MimeText.header(header);
        String v = new String(header, StandardCharsets.ISO_8859_1);
        MimeText.boundaryParameter(v, data.consumeInt(0, v.length()), data.consumeBoolean());
        MimeText.filenameFromContentDisposition(v);
        Base64Decoder.decodeAll(data.consumeBytes(data.consumeInt(0, 200)), m -> { });
        var inflater = new HttpInflater((b, off, len) -> { }, () -> { });
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(0, 500));
            inflater.feed(chunk, 0, chunk.length);
        }
        inflater.end();
    }
}
