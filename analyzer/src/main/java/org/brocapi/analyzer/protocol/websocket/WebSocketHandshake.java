package org.brocapi.analyzer.protocol.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.protocol.Session;

/**
 * The script side of base/protocols/websocket/main.zeek for one connection: the
 * {@code Sec-WebSocket-*} headers HTTP sees (RFC 6455 §4) are collected, and when the WebSocket
 * analyzer is established the handshake is checked (key vs. accept) and logged with the HTTP
 * request's host, URI and user agent.
 */
public final class WebSocketHandshake {
    /** RFC 6455 §1.3: the GUID appended to the client's key. */
    private static final String HANDSHAKE_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Pattern LIST_SEPARATOR = Pattern.compile(" *, *");
    private static final String SOURCE = "WebSocket";

    private final Session session;
    private boolean seen;
    private double ts;
    private byte[] subprotocol, clientKey, serverAccept;
    private List<byte[]> clientProtocols, serverExtensions, clientExtensions;

    public WebSocketHandshake(Session session) {
        this.session = session;
    }

    /** The script's {@code http_header} handler; {@code name} is upper case. */
    public void header(boolean isOrig, String name, byte[] value) {
        if (!name.startsWith("SEC-WEBSOCKET-")) return;
        if (!seen) start();
        if (isOrig) {
            switch (name) {
                case "SEC-WEBSOCKET-PROTOCOL" -> clientProtocols = addAll(clientProtocols, value);
                case "SEC-WEBSOCKET-EXTENSIONS" -> clientExtensions = addAll(clientExtensions, value);
                case "SEC-WEBSOCKET-KEY" -> {
                    if (clientKey != null) session.weird("websocket_multiple_key_headers", "", SOURCE);
                    clientKey = value;
                }
                default -> { }
            }
        } else {
            switch (name) {
                case "SEC-WEBSOCKET-PROTOCOL" -> {
                    if (subprotocol != null) session.weird("websocket_multiple_protocol_headers", "", SOURCE);
                    subprotocol = value;
                }
                case "SEC-WEBSOCKET-EXTENSIONS" -> serverExtensions = addAll(serverExtensions, value);
                case "SEC-WEBSOCKET-ACCEPT" -> {
                    if (serverAccept != null) session.weird("websocket_multiple_accept_headers", "", SOURCE);
                    serverAccept = value;
                }
                default -> { }
            }
        }
    }

    private void start() {
        seen = true;
        ts = session.now();
    }

    /**
     * {@code websocket_established}: checks the handshake and returns the row to log, with the
     * current HTTP request's host, URI and user agent (null when unset).
     */
    public WebSocketLogEntry established(byte[] host, byte[] uri, byte[] userAgent) {
        if (!seen) {
            session.weird("websocket_established_unexpected", "", SOURCE);
            start();
        }
        if (clientKey == null) session.weird("websocket_missing_key_header", "", SOURCE);
        if (serverAccept == null) session.weird("websocket_missing_accept_header", "", SOURCE);
        if (clientKey != null && serverAccept != null) {
            String expected = expectedAccept(clientKey);
            if (!Arrays.equals(expected.getBytes(StandardCharsets.ISO_8859_1), serverAccept))
                session.weird("websocket_wrong_accept_header", "expected=" + expected + ", found="
                        + new String(serverAccept, StandardCharsets.ISO_8859_1), SOURCE);
        }
        ts = session.now();
        Connection c = session.conn();
        return new WebSocketLogEntry(ts, c.uid(), c.id(), host, uri, userAgent, subprotocol, copy(clientProtocols), copy(serverExtensions),
                copy(clientExtensions));
    }

    /** RFC 6455 §4.2.2: base64(SHA-1(key + GUID)). */
    static String expectedAccept(byte[] key) {
        try {
            var sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(key);
            sha1.update(HANDSHAKE_GUID.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }

    /** The script splits these lists at commas with any blanks around them; appended. */
    private static List<byte[]> addAll(List<byte[]> l, byte[] value) {
        if (l == null) l = new ArrayList<>(2);
        for (String part : LIST_SEPARATOR.split(new String(value, StandardCharsets.ISO_8859_1), -1))
            l.add(part.getBytes(StandardCharsets.ISO_8859_1));
        return l;
    }

    private static List<byte[]> copy(List<byte[]> l) {
        return l == null ? null : List.copyOf(l);
    }
}
