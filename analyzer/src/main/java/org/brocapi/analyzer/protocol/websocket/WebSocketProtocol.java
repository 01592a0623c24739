package org.brocapi.analyzer.protocol.websocket;

import java.util.Set;

import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * WebSocket: no ports and no signature; base/protocols/websocket/main.zeek maps the HTTP
 * {@code Upgrade: websocket} to it ({@code HTTP::upgrade_analyzers}), so it only starts as a
 * child of HTTP.
 */
public final class WebSocketProtocol implements Protocol {
    public static final WebSocketProtocol INSTANCE = new WebSocketProtocol();

    private WebSocketProtocol() { }

    @Override
    public String name() {
        return "WebSocket";
    }

    @Override
    public String script() {
        return "base/protocols/websocket/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Instance start(RunContext run) {
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new WebSocketAnalyzer(session);
            }
        };
    }
}
