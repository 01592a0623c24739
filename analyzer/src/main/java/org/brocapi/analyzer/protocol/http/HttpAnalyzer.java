package org.brocapi.analyzer.protocol.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;

import org.brocapi.analyzer.packet.Encapsulation;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.http.HttpMessage.BadRequest;
import org.brocapi.analyzer.protocol.http.HttpMessage.ReplyLine;
import org.brocapi.analyzer.protocol.http.HttpMessage.RequestLine;
import org.brocapi.analyzer.protocol.mime.MimeEntity;
import org.brocapi.analyzer.protocol.mime.MimeText;
import org.brocapi.analyzer.protocol.websocket.WebSocketHandshake;
import org.brocapi.analyzer.protocol.websocket.WebSocketLogEntry;

/**
 * HTTP/1.x on one TCP connection, following Zeek's {@code HTTP_Analyzer}: each side alternates a
 * start line, header lines and a body framed by Content-Length, chunked coding or (replies only)
 * the connection's close. Requests may be pipelined; replies are matched to them in order, a 1xx
 * reply leaves its request unanswered, HEAD/1xx/204/304 replies have no body, and an HTTP/0.9
 * request makes the whole reply side raw data.
 *
 * <p>Confirmation, as in HTTP.cc: every parsed request line ({@code HTTP_Request}) and every
 * reply line or HTTP/0.9 reply while a request is unanswered. Violations: a non-empty line that is
 * not a request line where a request is expected, or not a status line where a reply is.
 */
final class HttpAnalyzer implements StreamAnalyzer {
    private enum State {
        START_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNTIL_CLOSE, HTTP09, NOTHING
    }

    /** One direction's framing state; the line buffer is reused. */
    private static final class Side {
        State state = State.START_LINE;
        byte[] line = new byte[256];
        int have;
        long remaining;
        long contentLength = -1;
        boolean chunked;
        final StringBuilder header = new StringBuilder();
        int foldLines;
        boolean lastCr;
        boolean expect100;
        /** A message is in progress (Zeek's request_ongoing / reply_ongoing). */
        boolean ongoing;
        MimeEntity entity;
        /** Body bytes go through ContentLine as lines (no length, no close to wait for). */
        boolean lineBody;
        boolean compressed;
        /** A 206 reply's Content-Range length, -1 when none. */
        long rangeLength = -1;
    }

    private final Session session;
    private final Side orig = new Side(), resp = new Side();
    private final ArrayDeque<String> unanswered = new ArrayDeque<>();
    private final HttpTransactions transactions;
    private int requestVersion = HttpMessage.VERSION_UNKNOWN, replyVersion = HttpMessage.VERSION_UNKNOWN;
    private boolean keepAlive;
    private int numRequests;
    private int replyCode;
    private Boolean partial;
    private boolean upgradeConnection;
    private String upgradeProtocol = "";
    private boolean sawSingleCr;
    /** A reply said {@code Connection: close} (Zeek's connection_close); HTTP/0.9 implies it. */
    private boolean connectionClose;
    private boolean connectRequest;
    private final HttpFiles files;
    /** After CONNECT or an upgrade: the analyzer (detector or protocol) that gets all further bytes. */
    private StreamAnalyzer tunnel;
    private boolean tunneled;
    private boolean finished;
    /** Zeek keeps its reply_message until the next one: whether there is one. */
    private boolean replySeen;

    /** websocket.log, when base/protocols/websocket is loaded; its script watches HTTP's headers. */
    private final Consumer<WebSocketLogEntry> websocketLog;
    private WebSocketHandshake websocket;

    HttpAnalyzer(Session session, Consumer<HttpLogEntry> log, HttpProtocol.Options options,
            Consumer<WebSocketLogEntry> websocketLog, org.brocapi.analyzer.files.FileManager fileManager,
            Consumer<Encapsulation> tunnels) {
        this.session = session;
        this.websocketLog = websocketLog;
        this.transactions = new HttpTransactions(session, log, options, tunnels);
        this.files = new HttpFiles(session.conn(), transactions, fileManager);
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        // Zeek: TCP()->IsPartial() — a connection whose SYN was not seen is ignored, unless a
        // SYN-ACK was (TCPSessionAdapter: a missed SYN is forgiven once the handshake completes)
        if (partial == null) {
            String history = session.conn().history();
            partial = history.indexOf('S') < 0 && history.indexOf('h') < 0;
        }
        if (partial) return;
        if (tunneled) {
            // CONNECT tunnel or upgraded protocol: everything goes to the child (ForwardStream)
            if (tunnel != null) tunnel.data(dir, buf, off, len);
            return;
        }
        Side s = dir.isOrig() ? orig : resp;
        int end = off + len;
        while (off < end && !session.isDisabled()) {
            if (tunneled) {
                forwardRest(dir, buf, off, end);
                break;
            }
            switch (s.state) {
                case BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(s.remaining, end - off);
                    int used = s.entity.body(buf, off, n);
                    s.remaining -= used;
                    off += used;
                    if (s.state == State.BODY) {
                        // a multipart body ends at its closing boundary, even before its length
                        if (s.remaining == 0 || s.entity.ended()) messageDone(dir);
                    } else if (s.remaining == 0) s.state = State.CHUNK_END;
                }
                case UNTIL_CLOSE -> {
                    off += s.entity.body(buf, off, end - off);
                    if (s.entity.ended()) messageDone(dir);
                }
                case HTTP09 -> {
                    if (!resp.ongoing) http09Reply();
                    resp.entity.body(buf, off, end - off);
                    off = end;
                }
                case NOTHING -> off = end;
                default -> off = lineData(dir, s, buf, off, end);
            }
        }
        transactions.flushWeirds();
    }

    /** Bytes after the blank line that opened a tunnel, in the same delivery: handed on as they are. */
    private void forwardRest(Direction dir, byte[] buf, int off, int end) {
        if (!dir.isOrig()) {
            session.weird(connectRequest ? "protocol_data_with_HTTP_CONNECT_reply"
                    : "protocol_data_with_HTTP_upgrade_reply", Integer.toString(end - off));
        }
        if (tunnel != null) tunnel.data(dir, buf, off, end - off);
    }

    @Override
    public void gap(Direction dir, long len) {
        if (tunneled) {
            if (tunnel != null) tunnel.gap(dir, len);
            return;
        }
        Side s = dir.isOrig() ? orig : resp;
        if ((s.state == State.BODY || s.state == State.CHUNK_DATA) && len < s.remaining) {
            // the gap lies within the body: skip it and keep parsing (HTTP_Entity::Undelivered)
            s.entity.gap(len);
            s.remaining -= len;
            return;
        }
        // anything else stops the parsing; a request gap stops the replies too, as whether a
        // reply has a body may depend on its request
        if (dir.isOrig()) {
            requestMade(true);
            replyMade(true);
        } else replyMade(true);
        s.state = State.NOTHING;
        transactions.flushWeirds();
    }

    @Override
    public void end() {
        // EndpointEOF, in the order the FINs came (conn.log history 'F' originator, 'f' responder):
        // a side that closed ended its message normally
        String h = session.conn().history();
        int origFin = h.indexOf('F'), respFin = h.indexOf('f');
        if (origFin >= 0 && (respFin < 0 || origFin < respFin)) requestMade(false);
        if (respFin >= 0) replyMade(false);
        if (origFin >= 0) requestMade(false);
        done();
    }

    /** Zeek's {@code Done()} (connection removal, or disabled after a violation), then finalize_http. */
    private void done() {
        if (finished) return;
        finished = true;
        requestMade(true); // "message interrupted when connection done"
        replyMade(true);
        // the script's removal hook runs even for a disabled analyzer: here it runs with Done()
        if (transactions.started()) transactions.finish();
        transactions.flushWeirds();
    }

    /** AnalyzerViolation; when the framework disables this analyzer, Zeek calls its Done() right away. */
    private void violation(String reason, byte[] b, int off, int len) {
        session.violation(reason, b, off, len);
        if (session.isDisabled()) done();
    }

    /**
     * Appends up to the next end of line and handles a complete line. As Zeek's ContentLine
     * analyzer: CRLF, bare LF and bare CR all end a line; an LF right after a CR that ended the
     * previous chunk's line is swallowed; a bare CR raises {@code line_terminated_with_single_CR}
     * once per connection.
     */
    private int lineData(Direction dir, Side s, byte[] buf, int off, int end) {
        if (s.lastCr) {
            s.lastCr = false;
            if (buf[off] == '\n' && s.have == 0) return off + 1;
            singleCr();
        }
        int eol = off;
        while (eol < end && buf[eol] != '\n' && buf[eol] != '\r') eol++;
        int n = eol - off;
        if (s.line.length < s.have + n) s.line = Arrays.copyOf(s.line, Math.max(s.line.length * 2, s.have + n));
        System.arraycopy(buf, off, s.line, s.have, n);
        s.have += n;
        if (eol == end) return end;
        int next = eol + 1;
        if (buf[eol] == '\r') {
            if (next < end && buf[next] == '\n') next++;
            else if (next == end) s.lastCr = true; // an LF may start the next chunk
            else singleCr();
        }
        int lineLen = s.have;
        s.have = 0;
        if (dir.isOrig()) requestLine(s, lineLen);
        else replyLine(s, lineLen);
        return next;
    }

    private void singleCr() {
        if (sawSingleCr) return;
        sawSingleCr = true;
        session.weird("line_terminated_with_single_CR", "", "CONTENTLINE");
    }

    private void requestLine(Side s, int len) {
        byte[] b = s.line;
        switch (s.state) {
            case START_LINE -> {
                Object r = HttpParser.requestLine(b, 0, len, requestVersion, session::weird);
                if (r instanceof RequestLine req) {
                    setRequestVersion(req.version());
                    numRequests++;
                    if (!keepAlive && numRequests > 1) session.weird("unexpected_multiple_HTTP_requests");
                    unanswered.add(req.method());
                    session.confirm(); // HTTP_Request()
                    String m = req.method();
                    if (!m.isEmpty() && m.length() <= 7 && "CONNECT".regionMatches(true, 0, m, 0, m.length()))
                        connectRequest = true; // Zeek compares with strncasecmp over the method's length
                    transactions.request(m, req.unescapedUri());
                    startMessage(Direction.ORIG, s);
                    if (req.version() == HttpMessage.VERSION_09) {
                        if (!m.equals("GET")) session.weird("invalid_http_09_request_method", m);
                        if (replySeen) {
                            // a reply seen before the request was read as HTTP/1.x: it ends here
                            session.weird("http_09_reply_before_request");
                            if (resp.ongoing) finishMessage(Direction.RESP);
                            resp.ongoing = false;
                            replySeen = false;
                        }
                        resp.state = State.HTTP09;
                        resp.have = 0;
                    }
                    return;
                }
                session.weird(((BadRequest) r).weird());
                if (numRequests == 0 || keepAlive) { // RequestExpected()
                    if (len == 0) session.weird("empty_http_request");
                    else {
                        violation("not a http request line", b, 0, len);
                        s.state = State.NOTHING;
                    }
                }
            }
            case HEADERS -> header(Direction.ORIG, s, len);
            default -> chunkLine(Direction.ORIG, s, len);
        }
    }

    private void replyLine(Side s, int len) {
        byte[] b = s.line;
        switch (s.state) {
            case START_LINE -> {
                ReplyLine r = HttpParser.replyLine(b, 0, len);
                if (r == null) {
                    if (len > 0) {
                        violation("not a http reply line", b, 0, len);
                        s.state = State.NOTHING;
                    }
                    return;
                }
                if (r.lowercaseKeyword()) session.weird("lowercase_HTTP_keyword");
                replyVersion = setVersion(replyVersion, r.version());
                if (!unanswered.isEmpty()) session.confirm();
                replyCode = r.code();
                transactions.reply(versionString(replyVersion), r.code(),
                        r.reason() == null ? EMPTY_REASON : HttpTransactions.latin1(r.reason()));
                if (connectRequest && replyCode != 200) connectRequest = false; // no tunnel
                startMessage(Direction.RESP, s);
            }
            case HEADERS -> header(Direction.RESP, s, len);
            default -> chunkLine(Direction.RESP, s, len);
        }
    }

    /** Zeek's {@code HTTP_Reply} reason when the status line has none. */
    private static final byte[] EMPTY_REASON = HttpTransactions.latin1("<empty>");

    /** {@code fmt("%.1f", version)} of the http_reply event. */
    private static String versionString(int v) {
        return v / 10 + "." + v % 10;
    }

    /** InitHTTPMessage: a new message whose top-level entity starts with its headers. */
    private void startMessage(Direction dir, Side s) {
        if (s.ongoing) {
            session.weird("HTTP_overlapping_messages");
            finishMessage(dir);
        }
        s.ongoing = true;
        if (!dir.isOrig()) replySeen = true;
        s.entity = MimeEntity.top(MimeEntity.Message.http(dir.isOrig(), entityHost(dir.isOrig()),
                !dir.isOrig() && replyCode == 206));
        startHeaders(s);
    }

    /** HTTP_Entity's calls: the script's entity handlers, the files framework, inflation, Content-Length. */
    private MimeEntity.Host entityHost(boolean isOrig) {
        return new MimeEntity.Host() {
            @Override
            public void beginEntity() {
                transactions.beginEntity(isOrig);
            }

            @Override
            public void header(String upperName, byte[] value) {
                transactions.header(isOrig, upperName, value);
            }

            @Override
            public void endEntity() {
                transactions.endEntity();
            }

            @Override
            public String fileHandle() {
                return files.handle(isOrig);
            }

            @Override
            public void setSize(String handle, long size) {
                files.setSize(handle, isOrig, size);
            }

            @Override
            public void dataIn(String handle, long offset, byte[] b, int off, int len) {
                files.dataIn(handle, isOrig, offset, b, off, len);
            }

            @Override
            public void gap(String handle, long len) {
                files.gap(handle, isOrig, len);
            }

            @Override
            public void endOfFile(String handle) {
                files.endOfFile(handle);
            }

            @Override
            public void weird(String name, String addl) {
                session.weird(name, addl);
            }

            @Override
            public MimeEntity.BodyDecoder contentDecoder(MimeEntity.DataSink out) {
                return new HttpInflater(out::data, () -> session.weird("inflate_failed", ""));
            }

            @Override
            public long contentLength(String token) {
                return HttpParser.contentLength(token);
            }
        };
    }

    private static void startHeaders(Side s) {
        s.state = State.HEADERS;
        s.rangeLength = -1;
        s.compressed = false;
        s.contentLength = -1;
        s.chunked = false;
        s.expect100 = false;
        s.header.setLength(0);
        s.foldLines = 0;
    }

    private void header(Direction dir, Side s, int len) {
        byte[] b = s.line;
        if (len > 0 && (b[0] == ' ' || b[0] == '\t') && s.header.length() > 0) {
            // obs-fold (RFC 9112 §5.2): a continuation of the previous header line
            s.header.append(HttpParser.ascii(b, 0, len));
            s.foldLines++;
            return;
        }
        if (s.header.length() > 0) submitHeader(dir, s);
        if (len > 0) {
            s.header.append(HttpParser.ascii(b, 0, len));
            s.foldLines = 1;
            return;
        }
        if (s.state == State.TRAILER) { // the chunked body's trailer is over
            messageDone(dir);
            return;
        }
        headersDone(dir, s);
        // a successful CONNECT: Zeek hands both directions to a new PIA, HTTP sees no more
        if (!dir.isOrig() && connectRequest && !tunneled) {
            tunnel = session.startDetector();
            tunneled = true;
        }
    }

    /** The end of a message's headers: pick the body framing (RFC 9112 §6.3, HTTP_Entity::SubmitAllHeaders). */
    private void headersDone(Direction dir, Side s) {
        MimeEntity e = s.entity;
        e.headersDone(s.contentLength);
        boolean expectBody = dir.isOrig() || replyExpectsBody();
        if (!expectBody) messageDone(dir);
        else if (e.lineBody()) {
            // multipart: read in lines up to the closing boundary, within Content-Length if any
            if (s.chunked) session.weird("HTTP_chunked_transfer_for_multipart_message");
            if (s.contentLength == 0) messageDone(dir);
            else if (s.contentLength > 0) {
                s.state = State.BODY;
                s.remaining = s.contentLength;
            } else s.state = State.UNTIL_CLOSE;
        } else if (s.chunked) s.state = State.CHUNK_SIZE;
        else if (s.contentLength > 0) {
            s.state = State.BODY;
            s.remaining = s.contentLength;
        } else if (s.contentLength == 0) messageDone(dir);
        else if (connectionClose || s.compressed) s.state = State.UNTIL_CLOSE; // plain until the end
        else if (dir.isOrig()) messageDone(dir);
        else {
            // a reply without length or close: Zeek keeps reading it in lines to the end
            e.deliverInLines();
            s.state = State.UNTIL_CLOSE;
        }
    }

    /** One complete (unfolded) header, as Zeek's {@code HTTP_Entity::SubmitHeader} reads it. */
    private void submitHeader(Direction dir, Side s) {
        byte[] line = HttpTransactions.latin1(s.header.toString());
        int folds = s.foldLines;
        s.header.setLength(0);
        s.foldLines = 0;
        MimeText.Header h = MimeText.header(line);
        if (h == null) return;
        String name = h.name();
        String value = new String(h.value(), StandardCharsets.ISO_8859_1);
        // RFC 9112 §5.2 deprecates obs-fold: it can smuggle requests past intermediaries
        if (folds > 1) session.weird("HTTP_obsolete_line_folding", name);
        int[] pos = {0};
        String token = MimeText.token(value, pos);
        if (name.equalsIgnoreCase("content-length")) {
            if (s.chunked) session.weird("HTTP_content_length_and_chunked");
            if (token != null) {
                long n = HttpParser.contentLength(token);
                if (n < 0) {
                    session.weird("HTTP_bad_content_length", token);
                    n = 0;
                } else if (n > 0 && token.charAt(0) == '0')
                    session.weird("HTTP_content_length_leading_zeros", token);
                s.contentLength = n;
                if (s.rangeLength >= 0 && s.rangeLength != n) {
                    // a possible evasion: the larger of the two wins
                    session.weird("HTTP_range_not_matching_len");
                    if (s.rangeLength > n) s.contentLength = s.rangeLength;
                }
                if (n == 0 && s.expect100) session.weird("HTTP_content_length_0_and_expect_100_cont");
            }
        } else if (name.equalsIgnoreCase("content-range") && replyCode == 206) {
            contentRange(s, token, value.substring(pos[0]));
        } else if (name.equalsIgnoreCase("expect")) {
            // RFC 9110 §10.1.1: 100-continue is the only expectation defined
            if (!"100-continue".equalsIgnoreCase(token))
                session.weird("HTTP_expect_not_100_continue", token == null ? "" : token);
            s.expect100 = true;
            if (s.contentLength == 0) session.weird("HTTP_content_length_0_and_expect_100_cont");
        } else if (name.equalsIgnoreCase("transfer-encoding")) {
            int version = dir.isOrig() ? requestVersion : replyVersion;
            // Zeek honours chunked only on HTTP/1.1 messages
            if ("chunked".equalsIgnoreCase(token) && version == 11) {
                s.chunked = true;
                String rest = value.substring(pos[0]);
                if (!rest.isEmpty()) session.weird("HTTP_chunked_multi", rest);
                if (s.contentLength >= 0) session.weird("HTTP_content_length_and_chunked");
            }
        } else if (name.equalsIgnoreCase("content-encoding")) {
            if (token != null && (token.equalsIgnoreCase("gzip") || token.equalsIgnoreCase("x-gzip")
                    || token.equalsIgnoreCase("deflate")))
                s.compressed = true;
        }
        // HTTP_Header
        if (name.equalsIgnoreCase("connection")) {
            // Zeek is liberal: a client's keep-alive makes the connection persistent for good
            if (dir.isOrig() && "keep-alive".equalsIgnoreCase(token)) keepAlive = true;
            if (!dir.isOrig() && "close".equalsIgnoreCase(token)) connectionClose = true;
            if (!dir.isOrig() && "upgrade".equalsIgnoreCase(token)) upgradeConnection = true;
        } else if (name.equalsIgnoreCase("upgrade") && !dir.isOrig()) {
            upgradeProtocol = token == null ? "" : token;
        }
        s.entity.header(name, h.value());
        if (websocketLog != null) {
            if (websocket == null) websocket = new WebSocketHandshake(session);
            websocket.header(dir.isOrig(), name.toUpperCase(java.util.Locale.ROOT), h.value());
        }
    }

    /**
     * The Content-Range of a 206 reply (RFC 9110 §14.4): its range length frames the body when
     * Content-Length is missing or smaller. Anything malformed is a weird and is ignored.
     */
    private void contentRange(Side s, String unit, String rest) {
        if (s.chunked) session.weird("HTTP_content_range_and_chunked");
        String range = rest.replace(" ", "");
        if (!"bytes".equals(unit)) {
            session.weird("HTTP_content_range_unknown_byte_unit");
            return;
        }
        int slash = range.indexOf('/');
        int dash = slash < 0 ? -1 : range.substring(0, slash).indexOf('-');
        if (dash < 0) {
            session.weird("HTTP_content_range_cannot_parse");
            return;
        }
        long first = HttpParser.contentLength(range.substring(0, dash));
        long last = HttpParser.contentLength(range.substring(dash + 1, slash));
        if (first < 0 || last < 0) {
            session.weird("HTTP_content_range_cannot_parse", range);
            return;
        }
        if (last < first) {
            session.weird("HTTP_non_positive_content_range", range);
            return;
        }
        if (last - first > Long.MAX_VALUE - 1) {
            session.weird("HTTP_content_range_overflow", range);
            return;
        }
        long length = last - first + 1;
        String instance = range.substring(slash + 1);
        long instanceLength = -1;
        if (!instance.equals("*")) {
            instanceLength = HttpParser.contentLength(instance);
            if (instanceLength < 0) {
                session.weird("HTTP_content_range_invalid_instance", range);
                instanceLength = 0;
            }
        }
        s.entity.partialContent(first, instanceLength);
        s.rangeLength = length;
        if (s.contentLength > 0) {
            if (s.contentLength != length) {
                session.weird("HTTP_range_not_matching_len");
                if (length > s.contentLength) s.contentLength = length;
            }
        } else s.contentLength = length;
    }

    /** No body after HEAD, 1xx, 204 and 304 (RFC 9110 §6.4.1; Zeek's ExpectReplyMessageBody). */
    private boolean replyExpectsBody() {
        String method = unanswered.peek();
        if (method != null && method.equalsIgnoreCase("HEAD")) return false;
        return !(replyCode >= 100 && replyCode < 200 || replyCode == 204 || replyCode == 304);
    }

    private void chunkLine(Direction dir, Side s, int len) {
        switch (s.state) {
            case CHUNK_SIZE -> {
                long n = HttpParser.chunkSize(s.line, 0, len);
                if (n < 0) {
                    session.weird("HTTP_bad_chunk_size", HttpParser.ascii(s.line, 0, len));
                    n = 0;
                }
                if (n > 0) {
                    s.state = State.CHUNK_DATA;
                    s.remaining = n;
                } else s.state = State.TRAILER;
            }
            case CHUNK_END -> s.state = State.CHUNK_SIZE; // the CRLF closing a chunk's data
            case TRAILER -> header(dir, s, len); // trailer fields are headers of the same entity
            default -> { }
        }
    }

    /** HTTP_MessageDone: the message ended normally. */
    private void messageDone(Direction dir) {
        if (dir.isOrig()) requestMade(false);
        else replyMade(false);
    }

    /** Zeek's {@code RequestMade}: ends the request in progress; after an interruption nothing more is parsed. */
    private void requestMade(boolean interrupted) {
        if (!orig.ongoing) return;
        orig.ongoing = false;
        finishMessage(Direction.ORIG);
        orig.state = interrupted ? State.NOTHING : State.START_LINE;
    }

    /** Zeek's {@code ReplyMade}: ends the reply in progress and answers its request. */
    private void replyMade(boolean interrupted) {
        if (!resp.ongoing) return;
        resp.ongoing = false;
        finishMessage(Direction.RESP);
        // 1xx is not the final answer (RFC 9110 §15.2): its request stays unanswered
        if ((replyCode < 100 || replyCode >= 200) && !unanswered.isEmpty()) unanswered.poll();
        // 101 Switching Protocols (RFC 9110 §15.2.2): Zeek's HTTP_Upgrade, HTTP is done
        if (replyCode == 101 && unanswered.size() == 1 && upgradeConnection && !upgradeProtocol.isEmpty())
            upgrade();
        replyCode = 0;
        upgradeConnection = false;
        upgradeProtocol = "";
        resp.state = interrupted || tunneled ? State.NOTHING : State.START_LINE;
    }

    /** Zeek's {@code HTTP_Message::Done}: the top-level entity ends, then {@code http_message_done}. */
    private void finishMessage(Direction dir) {
        Side s = dir.isOrig() ? orig : resp;
        MimeEntity e = s.entity;
        if (e == null) return;
        s.entity = null;
        e.finish();
        transactions.messageDone(dir.isOrig(), e.bodyLength());
    }

    /**
     * HTTP_Upgrade: the protocol named by the reply's Upgrade header takes over the connection,
     * as {@code HTTP::upgrade_analyzers} maps it (base/protocols/websocket adds "websocket");
     * any other protocol goes to content detection.
     */
    private void upgrade() {
        StreamAnalyzer child = upgradeProtocol.equalsIgnoreCase("websocket") ? session.startChild("WebSocket") : null;
        if (child != null && websocketLog != null) {
            // websocket_established: the handshake is logged with the current request's details
            if (websocket == null) websocket = new WebSocketHandshake(session);
            HttpTransactions.Info http = transactions.current();
            websocketLog.accept(websocket.established(http == null ? null : http.host, http == null ? null : http.uri,
                    http == null ? null : http.userAgent));
        }
        tunnel = child != null ? child : session.startDetector();
        tunneled = true;
        orig.state = State.NOTHING;
    }

    /** The first bytes of an HTTP/0.9 reply: no status line, the rest of the stream is the body. */
    private void http09Reply() {
        replyVersion = setVersion(replyVersion, HttpMessage.VERSION_09);
        if (!unanswered.isEmpty()) {
            session.confirm();
            unanswered.poll();
        }
        // the server closes the connection after replying: the body runs to the end
        connectionClose = true;
        transactions.reply(versionString(replyVersion), 0, EMPTY_REASON);
        startMessage(Direction.RESP, resp);
        headersDone(Direction.RESP, resp);
        resp.state = State.HTTP09;
    }

    private void setRequestVersion(int v) {
        requestVersion = setVersion(requestVersion, v);
    }

    /** Zeek's SetVersion: a change is a weird; 1.1 and later are persistent connections. */
    private int setVersion(int current, int v) {
        if (current != HttpMessage.VERSION_UNKNOWN && current != v) session.weird("HTTP_version_mismatch");
        if (v > 10) keepAlive = true;
        return v;
    }
}
