package org.brocapi.analyzer.protocol.http;

import java.util.List;
import java.util.Set;

import org.brocapi.analyzer.log.LogSchema;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.websocket.WebSocketLogEntry;
import org.brocapi.analyzer.protocol.websocket.WebSocketProtocol;
import org.brocapi.analyzer.script.Redef;

/** HTTP: the ports base/protocols/http/main.zeek registers, and its dpd.sig. */
public final class HttpProtocol implements Protocol {
    public static final HttpProtocol INSTANCE = new HttpProtocol();

    /** The method list of dpd.sig's dpd_http_client (from annevankesteren.nl/2007/10/http-methods). */
    static final List<String> SIGNATURE_METHODS = List.of("OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE",
            "TRACE", "CONNECT", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK",
            "VERSION-CONTROL", "REPORT", "CHECKOUT", "CHECKIN", "UNCHECKOUT", "MKWORKSPACE", "UPDATE", "LABEL",
            "MERGE", "BASELINE-CONTROL", "MKACTIVITY", "ORDERPATCH", "ACL", "PATCH", "SEARCH", "BCOPY",
            "BDELETE", "BMOVE", "BPROPFIND", "BPROPPATCH", "NOTIFY", "POLL", "SUBSCRIBE", "UNSUBSCRIBE",
            "X-MS-ENUMATTS", "RPC_OUT_DATA", "RPC_IN_DATA");

    private HttpProtocol() { }

    @Override
    public String name() {
        return "HTTP";
    }

    @Override
    public String script() {
        return "base/protocols/http/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(80, 81, 631, 1080, 3128, 8000, 8080, 8888);
    }

    /**
     * dpd_http_client or dpd_http_server, each matched on its own side (dpd.sig: one side alone
     * may exceed the DPD buffer, zeek/zeek#343): the originator opens with optional whitespace
     * and a listed method, or the responder with {@code /^[hH][tT][tT][pP]\/[0-9]/}.
     */
    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> clientSignature(orig) || serverSignature(resp);
    }

    static boolean clientSignature(Probe.Prefix p) {
        int i = 0;
        while (i < p.len() && isSpace(p.u8(i))) i++;
        for (String m : SIGNATURE_METHODS) {
            if (p.len() - i < m.length()) continue;
            boolean match = true;
            for (int k = 0; k < m.length() && match; k++) match = p.u8(i + k) == m.charAt(k);
            if (match) return true;
        }
        return false;
    }

    static boolean serverSignature(Probe.Prefix p) {
        if (p.len() < 6) return false;
        for (int i = 0; i < 4; i++) if ((p.u8(i) | 0x20) != "http".charAt(i)) return false;
        return p.u8(4) == '/' && p.u8(5) >= '0' && p.u8(5) <= '9';
    }

    /** POSIX [[:space:]]: space, \t, \n, \v, \f, \r. */
    private static boolean isSpace(int c) {
        return c == ' ' || c >= 9 && c <= 13;
    }

    /** The script options HTTP logging reads, from the run's redefs. */
    record Options(boolean capturePassword, boolean clientHeaderNames, boolean serverHeaderNames) { }

    @Override
    public Instance start(RunContext run) {
        boolean headerNames = run.loads("policy/protocols/http/header-names");
        LogStream<HttpLogEntry> log = run.logs().stream("http", LogSchema.deferred(HttpLogEntry.class,
                headerNames ? Set.of(HttpLogEntry.HEADER_NAMES) : Set.of()));
        boolean capturePassword = false, clientNames = true, serverNames = false;
        for (Redef r : run.config().invocation().redefs()) {
            // bool options only: T or F
            boolean value = r.value().strip().equals("T");
            switch (r.name()) {
                case "HTTP::default_capture_password" -> capturePassword = value;
                case "HTTP::log_client_header_names" -> clientNames = value;
                case "HTTP::log_server_header_names" -> serverNames = value;
                default -> { }
            }
        }
        var options = new Options(capturePassword, headerNames && clientNames, headerNames && serverNames);
        // base/protocols/websocket/main.zeek builds websocket.log from HTTP's headers and upgrade
        LogStream<WebSocketLogEntry> websocket = run.loads(WebSocketProtocol.INSTANCE.script())
                ? run.log("websocket", WebSocketLogEntry.class) : null;
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new HttpAnalyzer(session, log::write, options, websocket == null ? null : websocket::write,
                        run.files(), run.tunnels());
            }
        };
    }
}
