package org.brocapi.analyzer.protocol.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.packet.Encapsulation;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.mime.Base64Decoder;
import org.brocapi.analyzer.protocol.mime.MimeText;

/**
 * The script side of HTTP: base/protocols/http/main.zeek and entities.zeek. Keeps
 * {@code HTTP::State} ({@code pending}, {@code current_request}, {@code current_response},
 * {@code trans_depth}) and the connection's current {@code HTTP::Info} ({@code c$http}), pairs
 * requests with replies across pipelining and 1xx replies, and writes http.log when a final
 * reply is done or, for what is still pending, when the connection goes.
 *
 * <p>The analyzer calls one method per Zeek event, in event order. Script weirds are raised
 * from event handlers, which run after the analyzer's own weirds of the same delivery;
 * {@link #flushWeirds} keeps that order.
 */
final class HttpTransactions {
    /** {@code HTTP::http_methods}: methods outside it raise {@code unknown_HTTP_method}. */
    private static final byte[] CONNECT = latin1("CONNECT");
    static final Set<String> KNOWN_METHODS = Set.of("GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE",
            "CONNECT", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "POLL", "REPORT",
            "SUBSCRIBE", "BMOVE", "SEARCH");
    /** {@code HTTP::proxy_headers}. */
    static final Set<String> PROXY_HEADERS = Set.of("FORWARDED", "X-FORWARDED-FOR", "X-FORWARDED-FROM", "CLIENT-IP",
            "VIA", "XROXY-CONNECTION", "PROXY-CONNECTION");
    /** {@code HTTP::max_pending_requests}. */
    static final int MAX_PENDING_REQUESTS = 100;
    /** {@code HTTP::max_files_orig} and {@code max_files_resp}. */
    static final int MAX_FILES = 15;

    private static final Pattern BASIC = Pattern.compile("[bB][aA][sS][iI][cC][ \t]+");

    /** One transaction's {@code HTTP::Info}, mutable as the script's record is. */
    static final class Info {
        final double ts;
        final long transDepth;
        byte[] method, host, uri, referrer, userAgent, origin, statusMsg, infoMsg, username, password;
        String version;
        long requestBodyLen, responseBodyLen;
        Long statusCode, infoCode;
        List<byte[]> proxied;
        boolean rangeRequest;
        List<String> origFuids, respFuids, origMimeTypes, respMimeTypes;
        List<byte[]> origFilenames, respFilenames;
        List<String> clientHeaderNames, serverHeaderNames;
        /** {@code current_entity} is set; {@code entityFilename} is its {@code filename}. */
        boolean inEntity;
        byte[] entityFilename;
        long origMimeDepth, respMimeDepth;

        Info(double ts, long transDepth) {
            this.ts = ts;
            this.transDepth = transDepth;
        }

        boolean informational() {
            return statusCode != null && statusCode >= 100 && statusCode <= 199;
        }
    }

    private final Session session;
    /** {@code Tunnel::register}. */
    private final Consumer<Encapsulation> tunnels;
    private final Consumer<HttpLogEntry> log;
    private final boolean capturePassword;
    /** policy/protocols/http/header-names: {@code log_client_header_names}, {@code log_server_header_names}. */
    private final boolean clientHeaderNames, serverHeaderNames;
    /** Pending transactions by index; iterated in index order at the end. */
    private final TreeMap<Long, Info> pending = new TreeMap<>();
    private long currentRequest, currentResponse, transDepth;
    private boolean started;
    /** {@code c$http}. */
    private Info current;
    private final List<String[]> weirds = new ArrayList<>(2);

    HttpTransactions(Session session, Consumer<HttpLogEntry> log, HttpProtocol.Options options,
            Consumer<Encapsulation> tunnels) {
        this.session = session;
        this.log = log;
        this.tunnels = tunnels;
        this.capturePassword = options.capturePassword();
        this.clientHeaderNames = options.clientHeaderNames();
        this.serverHeaderNames = options.serverHeaderNames();
    }

    /** {@code c$http}: the record file handles and file events refer to; null before any event. */
    Info current() {
        return current;
    }

    /** True once {@code c$http_state} exists (the removal hook is registered). */
    boolean started() {
        return started;
    }

    private Info setState(boolean isOrig) {
        started = true;
        long index = isOrig ? currentRequest : currentResponse;
        Info i = pending.get(index);
        if (i == null) {
            i = new Info(session.now(), ++transDepth);
            pending.put(index, i);
        }
        current = i;
        return i;
    }

    /** The {@code http_request} handler. */
    void request(String method, String unescapedUri) {
        started = true;
        // more responses than requests: fast-forward so the next response matches this request
        if (currentRequest < currentResponse) {
            weirds.add(new String[] {"HTTP_response_before_request", ""});
            currentRequest = currentResponse;
        }
        if (pending.size() > MAX_PENDING_REQUESTS) {
            // excessive pipelining or one-sided traffic: log everything pending and start over
            weirds.add(new String[] {"HTTP_excessive_pipelining", ""});
            if (currentResponse == 0) currentResponse++;
            for (; currentResponse < currentRequest; currentResponse++) {
                Info i = pending.remove(currentResponse);
                if (i != null) write(i);
            }
        }
        currentRequest++;
        Info i = setState(true);
        i.method = latin1(method);
        i.uri = latin1(unescapedUri);
        if (!KNOWN_METHODS.contains(method)) weirds.add(new String[] {"unknown_HTTP_method", method});
    }

    /** The {@code http_reply} handler: after a 1xx the same transaction takes the final reply. */
    void reply(String version, int code, byte[] reason) {
        started = true;
        Info last = pending.get(currentResponse);
        if (last == null || last.statusCode != null && !last.informational()) currentResponse++;
        Info i = setState(false);
        i.statusCode = (long) code;
        i.statusMsg = reason;
        i.version = version;
        if (code >= 100 && code <= 199) {
            i.infoCode = (long) code;
            i.infoMsg = reason;
        }
        if (code == 200 && Arrays.equals(i.method, CONNECT)) {
            // main.zeek's http_reply registers a successful CONNECT proxy as a tunnel
            Connection c = session.conn();
            tunnels.accept(Encapsulation.proxy(c.origAddr, c.respAddr, c.respPort, "HTTP"));
        }
    }

    /** The {@code http_header} handlers of main.zeek and entities.zeek; {@code name} is upper case. */
    void header(boolean isOrig, String name, byte[] value) {
        Info i = setState(isOrig);
        if (isOrig) {
            switch (name) {
                case "REFERER" -> i.referrer = value;
                case "HOST" -> i.host = value; // with any port, as sent (zeek/zeek#1844)
                case "RANGE" -> i.rangeRequest = true;
                case "ORIGIN" -> i.origin = value;
                case "USER-AGENT" -> i.userAgent = value;
                case "AUTHORIZATION", "PROXY-AUTHORIZATION" -> basicAuth(i, value);
                default -> {
                    if (PROXY_HEADERS.contains(name)) {
                        if (i.proxied == null) i.proxied = new ArrayList<>(1);
                        byte[] p = concat(latin1(name + " -> "), value);
                        if (i.proxied.stream().noneMatch(x -> Arrays.equals(x, p))) i.proxied.add(p);
                    }
                }
            }
        }
        if (isOrig ? clientHeaderNames : serverHeaderNames) {
            if (isOrig) i.clientHeaderNames = add(i.clientHeaderNames, name);
            else i.serverHeaderNames = add(i.serverHeaderNames, name);
        }
        if (!i.inEntity) {
            weirds.add(new String[] {"missing_HTTP_entity", ""});
            return;
        }
        byte[] filename = MimeText.entityFilename(name, value);
        if (filename != null) i.entityFilename = filename;
    }

    private void basicAuth(Info i, byte[] value) {
        String v = new String(value, StandardCharsets.ISO_8859_1);
        if (!(v.length() >= 6 && v.regionMatches(true, 0, "basic ", 0, 6))) return;
        Matcher m = BASIC.matcher(v);
        String encoded = m.find() ? v.substring(0, m.start()) + v.substring(m.end()) : v;
        byte[] decoded = Base64Decoder.decodeAll(latin1(encoded),
                msg -> session.weird("base64_illegal_encoding", msg, ""));
        if (decoded == null) decoded = new byte[0];
        int colon = -1;
        for (int k = 0; k < decoded.length && colon < 0; k++) if (decoded[k] == ':') colon = k;
        if (colon >= 0) {
            i.username = Arrays.copyOf(decoded, colon);
            if (capturePassword) i.password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
        } else {
            i.username = concat(latin1("<problem-decoding> ("), concat(value, latin1(")")));
            if (capturePassword) i.password = decoded;
        }
    }

    /** {@code http_begin_entity}. */
    void beginEntity(boolean isOrig) {
        Info i = setState(isOrig);
        if (isOrig) i.origMimeDepth++;
        else i.respMimeDepth++;
        i.inEntity = true;
        i.entityFilename = null;
    }

    /** {@code http_end_entity}: clears the entity of whichever record is current. */
    void endEntity() {
        if (current != null) {
            current.inEntity = false;
            current.entityFilename = null;
        }
    }

    /** {@code file_over_new_connection} for an HTTP file: its fuid and filename go to {@code c$http}. */
    Info fileOverConnection(String fuid, boolean isOrig) {
        Info i = current;
        if (i == null) return null;
        List<String> fuids = isOrig ? i.origFuids : i.respFuids;
        if (fuids != null && fuids.size() >= MAX_FILES) return i; // HTTP::max_files_policy enforces the limit
        if (isOrig) {
            i.origFuids = add(i.origFuids, fuid);
            if (i.inEntity && i.entityFilename != null) i.origFilenames = add(i.origFilenames, i.entityFilename);
        } else {
            i.respFuids = add(i.respFuids, fuid);
            if (i.inEntity && i.entityFilename != null) i.respFilenames = add(i.respFilenames, i.entityFilename);
        }
        return i;
    }

    /** {@code file_sniff}: the MIME type goes to the record the file was first seen with. */
    static void fileSniffed(Info i, boolean isOrig, String mimeType) {
        if (i == null || mimeType == null) return;
        List<String> types = isOrig ? i.origMimeTypes : i.respMimeTypes;
        if (types != null && types.size() >= MAX_FILES) return;
        if (isOrig) i.origMimeTypes = add(i.origMimeTypes, mimeType);
        else i.respMimeTypes = add(i.respMimeTypes, mimeType);
    }

    /** Both {@code http_message_done} handlers: the body length, and the log write after a final reply. */
    void messageDone(boolean isOrig, long bodyLength) {
        Info i = setState(isOrig);
        if (isOrig) {
            i.requestBodyLen = bodyLength;
            return;
        }
        i.responseBodyLen = bodyLength;
        // after a 1xx the final reply is still to come, into the same record
        if (!i.informational()) {
            write(i);
            pending.remove(currentResponse);
        }
    }

    /**
     * The {@code finalize_http} removal hook: whatever is still pending is logged. Zeek walks the
     * {@code pending} table in its hash order; the corpus shows the higher index first for two
     * pending requests, so this walks the indexes downwards.
     */
    void finish() {
        for (var e : pending.descendingMap().entrySet()) if (e.getKey() != 0) write(e.getValue());
        pending.clear();
    }

    private void write(Info i) {
        Connection c = session.conn();
        log.accept(new HttpLogEntry(i.ts, c.uid(), c.id(), i.transDepth, i.method, i.host, i.uri, i.referrer,
                i.version, i.userAgent, i.origin,
                i.requestBodyLen, i.responseBodyLen, i.statusCode, i.statusMsg, i.infoCode, i.infoMsg, List.of(),
                i.username, i.password, copy(i.proxied), copy(i.origFuids), copy(i.origFilenames),
                copy(i.origMimeTypes), copy(i.respFuids), copy(i.respFilenames), copy(i.respMimeTypes),
                copy(i.clientHeaderNames), copy(i.serverHeaderNames)));
    }

    void flushWeirds() {
        if (weirds.isEmpty()) return; // nearly every delivery: no iterator to allocate
        for (String[] w : weirds) session.weird(w[0], w[1], w[0].equals("missing_HTTP_entity") ? "HTTP" : "");
        weirds.clear();
    }

    private static <T> List<T> add(List<T> l, T v) {
        if (l == null) l = new ArrayList<>(1);
        l.add(v);
        return l;
    }

    private static <T> List<T> copy(List<T> l) {
        return l == null ? null : List.copyOf(l);
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
