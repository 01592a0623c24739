package org.brocapi.analyzer.protocol.http;

import java.util.ArrayDeque;
import java.util.Arrays;

import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.http.HttpMessage.BadRequest;
import org.brocapi.analyzer.protocol.http.HttpMessage.ReplyLine;
import org.brocapi.analyzer.protocol.http.HttpMessage.RequestLine;

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
    private boolean upgradeConnection, upgradeProtocol;
    private boolean sawSingleCr;

    HttpAnalyzer(Session session) {
        this.session = session;
        this.transactions = new HttpTransactions(session);
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
        Side s = dir.isOrig() ? orig : resp;
        int end = off + len;
        while (off < end && !session.isDisabled()) {
            switch (s.state) {
                case BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(s.remaining, end - off);
                    s.remaining -= n;
                    off += n;
                    if (s.remaining == 0) {
                        if (s.state == State.BODY) messageDone(dir);
                        else s.state = State.CHUNK_END;
                    }
                }
                case HTTP09 -> {
                    http09Reply();
                    off = end;
                }
                case UNTIL_CLOSE, NOTHING -> off = end;
                default -> off = lineData(dir, s, buf, off, end);
            }
        }
        transactions.flushWeirds();
    }

    @Override
    public void gap(Direction dir, long len) {
        Side s = dir.isOrig() ? orig : resp;
        if ((s.state == State.BODY || s.state == State.CHUNK_DATA) && len < s.remaining) {
            s.remaining -= len;
            return;
        }
        if (s.state != State.UNTIL_CLOSE && s.state != State.HTTP09) s.state = State.NOTHING;
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
                    transactions.request(req.method());
                    startHeaders(s);
                    if (req.version() == HttpMessage.VERSION_09) {
                        if (!req.method().equals("GET"))
                            session.weird("invalid_http_09_request_method", req.method());
                        if (resp.state != State.START_LINE) session.weird("http_09_reply_before_request");
                        resp.state = State.HTTP09;
                        resp.have = 0;
                        resp.remaining = 0;
                    }
                    return;
                }
                session.weird(((BadRequest) r).weird());
                if (numRequests == 0 || keepAlive) { // RequestExpected()
                    if (len == 0) session.weird("empty_http_request");
                    else {
                        session.violation("not a http request line", b, 0, len);
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
                        session.violation("not a http reply line", b, 0, len);
                        s.state = State.NOTHING;
                    }
                    return;
                }
                if (r.lowercaseKeyword()) session.weird("lowercase_HTTP_keyword");
                replyVersion = setVersion(replyVersion, r.version());
                if (!unanswered.isEmpty()) session.confirm();
                replyCode = r.code();
                transactions.reply(r.code());
                startHeaders(s);
            }
            case HEADERS -> header(Direction.RESP, s, len);
            default -> chunkLine(Direction.RESP, s, len);
        }
    }

    private static void startHeaders(Side s) {
        s.state = State.HEADERS;
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
        // end of headers: pick the body framing (RFC 9112 §6.3)
        boolean expectBody = dir.isOrig() || replyExpectsBody();
        if (!dir.isOrig() && "CONNECT".equalsIgnoreCase(unanswered.peek()) && replyCode == 200) {
            // a tunnel from here on: Zeek hands both directions to a new PIA, HTTP sees no more
            orig.state = State.NOTHING;
            resp.state = State.NOTHING;
        } else if (!expectBody) messageDone(dir);
        else if (s.chunked) s.state = State.CHUNK_SIZE;
        else if (s.contentLength > 0) {
            s.state = State.BODY;
            s.remaining = s.contentLength;
        } else if (s.contentLength == 0 || dir.isOrig()) messageDone(dir);
        else s.state = State.UNTIL_CLOSE;
    }

    /** One complete (unfolded) header, as Zeek's {@code HTTP_Entity::SubmitHeader} reads it. */
    private void submitHeader(Direction dir, Side s) {
        String h = s.header.toString();
        int folds = s.foldLines;
        s.header.setLength(0);
        s.foldLines = 0;
        int colon = h.indexOf(':');
        if (colon < 0) return;
        String name = h.substring(0, colon).trim();
        String value = h.substring(colon + 1).trim();
        // RFC 9112 §5.2 deprecates obs-fold: it can smuggle requests past intermediaries
        if (folds > 1) session.weird("HTTP_obsolete_line_folding", name);
        String token = firstToken(value);
        if (name.equalsIgnoreCase("content-length")) {
            if (s.chunked) session.weird("HTTP_content_length_and_chunked");
            if (token.isEmpty()) return;
            long n = HttpParser.contentLength(token);
            if (n < 0) {
                session.weird("HTTP_bad_content_length", token);
                n = 0;
            } else if (n > 0 && token.charAt(0) == '0') session.weird("HTTP_content_length_leading_zeros", token);
            s.contentLength = n;
            if (n == 0 && s.expect100) session.weird("HTTP_content_length_0_and_expect_100_cont");
        } else if (name.equalsIgnoreCase("expect")) {
            // RFC 9110 §10.1.1: 100-continue is the only expectation defined
            if (!token.equalsIgnoreCase("100-continue")) session.weird("HTTP_expect_not_100_continue", token);
            s.expect100 = true;
            if (s.contentLength == 0) session.weird("HTTP_content_length_0_and_expect_100_cont");
        } else if (name.equalsIgnoreCase("transfer-encoding")) {
            int version = dir.isOrig() ? requestVersion : replyVersion;
            // Zeek honours chunked only on HTTP/1.1 messages
            if (token.equalsIgnoreCase("chunked") && version == 11) {
                s.chunked = true;
                String rest = value.substring(token.length()).trim();
                if (!rest.isEmpty()) session.weird("HTTP_chunked_multi", rest);
                if (s.contentLength >= 0) session.weird("HTTP_content_length_and_chunked");
            }
        } else if (name.equalsIgnoreCase("connection")) {
            // Zeek is liberal: a client's keep-alive makes the connection persistent for good
            if (dir.isOrig() && token.equalsIgnoreCase("keep-alive")) keepAlive = true;
            if (!dir.isOrig() && token.equalsIgnoreCase("upgrade")) upgradeConnection = true;
        } else if (name.equalsIgnoreCase("upgrade") && !dir.isOrig()) {
            upgradeProtocol = !token.isEmpty();
        }
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
            case TRAILER -> {
                if (len == 0) messageDone(dir);
            }
            default -> { }
        }
    }

    private void messageDone(Direction dir) {
        if (dir.isOrig()) {
            orig.state = State.START_LINE;
            return;
        }
        transactions.replyDone();
        // 1xx is not the final answer (RFC 9110 §15.2): its request stays unanswered
        if ((replyCode < 100 || replyCode >= 200) && !unanswered.isEmpty()) unanswered.poll();
        // 101 Switching Protocols (RFC 9110 §15.2.2): Zeek's HTTP_Upgrade, HTTP is done
        boolean upgraded = replyCode == 101 && unanswered.size() == 1 && upgradeConnection && upgradeProtocol;
        replyCode = 0;
        upgradeConnection = false;
        upgradeProtocol = false;
        resp.state = State.START_LINE;
        if (upgraded) {
            orig.state = State.NOTHING;
            resp.state = State.NOTHING;
        }
    }

    /** The first bytes of an HTTP/0.9 reply: no status line, the rest of the stream is the body. */
    private void http09Reply() {
        if (resp.remaining != 0) return;
        resp.remaining = -1; // marks the reply as started
        replyVersion = setVersion(replyVersion, HttpMessage.VERSION_09);
        if (!unanswered.isEmpty()) {
            session.confirm();
            unanswered.poll();
        }
        transactions.reply(0);
    }

    private static String firstToken(String v) {
        int i = 0;
        while (i < v.length() && HttpParser.isTokenChar(v.charAt(i))) i++;
        return v.substring(0, i);
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
