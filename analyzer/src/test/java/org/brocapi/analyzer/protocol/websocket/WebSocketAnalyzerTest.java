package org.brocapi.analyzer.protocol.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket after HTTP's 101 upgrade: confirmation, websocket.log, and protocols carried inside. */
class WebSocketAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    private static final String[] SCRIPTS = {"base/protocols/conn", "base/protocols/websocket", "base/protocols/ssh",
        "base/frameworks/notice/weird"};
    /** The example of RFC 6455 §1.3. */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==", ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    @TempDir
    Path dir;

    private static AnalyzerHarness upgraded(String accept) {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, 8080);
        send(h, true, ("GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Protocol: chat, superchat\r\n"
                + "User-Agent: test/1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        send(h, false, ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Protocol: chat\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return h;
    }

    private static void send(AnalyzerHarness h, boolean fromClient, byte[] data) {
        h.tcp(CLIENT, 50000, SERVER, 8080, fromClient, data);
    }

    /** One frame (RFC 6455 §5.2); a client's frames are masked. */
    static byte[] frame(boolean fin, int opcode, byte[] payload, byte[] mask) {
        var out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int maskBit = mask != null ? 0x80 : 0;
        if (payload.length < 126) out.write(maskBit | payload.length);
        else {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        if (mask != null) out.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) out.write(mask != null ? payload[i] ^ mask[i % 4] : payload[i]);
        return out.toByteArray();
    }

    @Test
    void aCompleteMessageConfirmsAndTheHandshakeIsLogged() {
        var h = upgraded(ACCEPT);
        send(h, true, frame(true, 1, "hello".getBytes(StandardCharsets.US_ASCII), new byte[] {1, 2, 3, 4}));
        var r = h.run(dir, SCRIPTS);
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("http,websocket");
        var ws = r.rows("websocket");
        assertThat(ws).hasSize(1);
        assertThat(ws.get(0)).containsEntry("host", "server.example.com").containsEntry("uri", "/chat")
                .containsEntry("user_agent", "test/1").containsEntry("subprotocol", "chat")
                .containsEntry("client_protocols", "chat,superchat").containsEntry("server_extensions", "-");
        assertThat(r.has("weird")).isFalse();
        // the 101 is informational: its transaction is still pending and is logged at the end
        assertThat(r.rows("http").get(0)).containsEntry("status_code", "101").containsEntry("info_code", "101");
    }

    @Test
    void aFragmentedMessageConfirmsOnlyWithItsLastFrame() throws java.io.IOException {
        var h = upgraded(ACCEPT);
        send(h, false, frame(false, 2, new byte[] {1, 2}, null));
        var unfinished = h.run(java.nio.file.Files.createDirectories(dir.resolve("a")), SCRIPTS);
        assertThat(unfinished.rows("conn").get(0).get("service")).isEqualTo("http");
        send(h, false, frame(true, 0, new byte[] {3}, null));
        assertThat(h.run(java.nio.file.Files.createDirectories(dir.resolve("b")), SCRIPTS).rows("conn").get(0).get("service")).isEqualTo("http,websocket");
    }

    @Test
    void aWrongAcceptIsAWeird() {
        var r = upgraded(ACCEPT + "-wrong").run(dir, SCRIPTS);
        assertThat(r.rows("weird")).extracting(m -> m.get("name") + " " + m.get("addl") + " " + m.get("source"))
                .containsExactly("websocket_wrong_accept_header expected=" + ACCEPT + ", found=" + ACCEPT
                        + "-wrong WebSocket");
    }

    @Test
    void payloadIsUnmaskedAndDetected() {
        // SSH tunnelled over WebSocket (as wstunnel does): both banners, then SSH_MSG_NEWKEYS confirms SSH;
        // WebSocket confirmed with its first complete message, before that
        var h = upgraded(ACCEPT);
        byte[] mask = {9, 8, 7, 6};
        send(h, true, frame(true, 2, "SSH-2.0-client\r\n".getBytes(StandardCharsets.US_ASCII), mask));
        send(h, false, frame(true, 2, "SSH-2.0-server\r\n".getBytes(StandardCharsets.US_ASCII), null));
        send(h, true, frame(true, 2, new byte[] {0, 0, 0, 12, 10, 21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, mask));
        var r = h.run(dir, SCRIPTS);
        assertThat(List.of(r.rows("conn").get(0).get("service").split(","))).containsExactly("http", "websocket",
                "ssh");
    }

    @Test
    void aContinuationWithoutAStartIsAViolation() {
        var h = upgraded(ACCEPT);
        send(h, false, frame(true, 0, new byte[] {1}, null));
        send(h, false, frame(true, 1, new byte[] {1}, null));
        assertThat(h.run(dir, SCRIPTS).rows("conn").get(0).get("service")).isEqualTo("http");
    }

    @Test
    void acceptFollowsRfc6455() {
        assertThat(WebSocketHandshake.expectedAccept(KEY.getBytes(StandardCharsets.US_ASCII))).isEqualTo(ACCEPT);
    }
}
