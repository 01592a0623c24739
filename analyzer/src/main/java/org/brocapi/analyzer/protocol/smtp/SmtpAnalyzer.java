package org.brocapi.analyzer.protocol.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.framing.LineFramer;

/**
 * SMTP on one TCP connection, as Zeek's SMTP analyzer decides: every client line that is a known
 * command confirms; every server line whose reply code is not 100–599 is a violation; a 220 reply
 * to STARTTLS hands the rest to SSL. Between DATA and the lone "." the client's lines are the
 * mail; its header block is checked against {@code MIME::max_header_bytes} like Zeek's MIME
 * analyzer does (a folded header that grows past it raises {@code exceeded_mime_max_header_bytes}
 * and marks history 'X'). Only the top-level headers are read, and the sender is the originator
 * (TURN is not followed).
 */
final class SmtpAnalyzer implements StreamAnalyzer {
    private enum State { COMMANDS, AUTH, DATA, TLS }

    /** Zeek's {@code smtp_cmd_word}, pseudo-commands included (they parse as commands there too). */
    private static final Set<String> COMMANDS = Set.of("EHLO", "HELO", "MAIL", "RCPT", "DATA", "QUIT", "RSET",
            "VRFY", "EXPN", "HELP", "NOOP", "STARTTLS", "X_ANONYMOUSTLS", "X-ANONYMOUSTLS", "CONN_ESTABLISHMENT",
            "END_OF_DATA", "SEND", "SOML", "SAML", "TURN", "BDAT", "ETRN", "AUTH", "AUTH_ANSWER");
    /** {@code MIME::max_header_bytes}. */
    private static final long MAX_HEADER_BYTES = 65536;
    private static final int MAX_LINE = 1 << 20;

    private final Session session;
    private final LineFramer origLines = new LineFramer(MAX_LINE), respLines = new LineFramer(MAX_LINE);
    private State state = State.COMMANDS;
    /** The command the next reply answers (Zeek's {@code first_cmd}, no pipelining queue). */
    private String lastCommand = "";
    private int pendingReply;
    // MIME header state of the current mail
    private boolean inHeader;
    private long headerBytes = -1;
    private StreamAnalyzer tls;

    SmtpAnalyzer(Session session) {
        this.session = session;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        if (state == State.TLS) {
            if (tls != null) tls.data(dir, buf, off, len);
            return;
        }
        LineFramer framer = dir.isOrig() ? origLines : respLines;
        int used = framer.feed(buf, off, len, (b, o, n, complete) -> line(dir, b, o, n), () -> state == State.TLS);
        if (state == State.TLS && tls != null && used < len) tls.data(dir, buf, off + used, len - used);
    }

    @Override
    public void gap(Direction dir, long len) {
        if (state == State.TLS && tls != null) tls.gap(dir, len);
    }

    @Override
    public void end() {
        if (tls != null) tls.end();
    }

    private void line(Direction dir, byte[] b, int off, int len) {
        if (session.isDisabled() || state == State.TLS) return;
        // Zeek accepts \r*\n as the line end
        while (len > 0 && b[off + len - 1] == '\r') len--;
        String line = new String(b, off, len, StandardCharsets.ISO_8859_1);
        if (dir.isOrig()) request(line);
        else reply(line, b, off, len);
    }

    private void request(String line) {
        switch (state) {
            case DATA -> {
                if (line.equals(".")) {
                    state = State.COMMANDS;
                    lastCommand = "END_OF_DATA";
                    session.confirm();
                } else {
                    mimeLine(line.startsWith(".") ? line.substring(1) : line);
                }
            }
            case AUTH -> {
                lastCommand = "AUTH_ANSWER";
                session.confirm();
            }
            default -> {
                int w = 0;
                while (w < line.length() && !isSpace(line.charAt(w)) && line.charAt(w) != 0) w++;
                String cmd = line.substring(0, w).toUpperCase(Locale.ROOT);
                if (!COMMANDS.contains(cmd)) return; // Zeek: "unknown command", no violation
                int a = w;
                while (a < line.length() && (line.charAt(a) == ' ' || line.charAt(a) == '\t')) a++;
                lastCommand = cmd;
                if (w > 0 || a < line.length()) session.confirm();
                if (cmd.equals("DATA")) beginData();
            }
        }
    }

    private void reply(String line, byte[] b, int off, int len) {
        int code = -1;
        if (line.length() >= 3 && isDigit(line.charAt(0)) && isDigit(line.charAt(1)) && isDigit(line.charAt(2))) {
            code = (line.charAt(0) - '0') * 100 + (line.charAt(1) - '0') * 10 + (line.charAt(2) - '0');
        }
        if (code < 100 || code > 599) {
            session.violation("reply code -1 out of range", b, off, len);
            return;
        }
        if (pendingReply != 0 && code != pendingReply) pendingReply = 0;
        if (pendingReply == 0) newReply(code);
        pendingReply = line.length() > 3 && line.charAt(3) == '-' ? code : 0;
    }

    /** Zeek's {@code UpdateState} for the reply to the last command, where it matters here. */
    private void newReply(int code) {
        String cmd = lastCommand;
        lastCommand = "";
        switch (cmd) {
            case "DATA" -> {
                if (code != 354) state = State.COMMANDS;
            }
            case "STARTTLS", "X_ANONYMOUSTLS", "X-ANONYMOUSTLS" -> {
                if (code == 220) {
                    state = State.TLS;
                    tls = session.startChild("SSL");
                }
            }
            case "AUTH", "AUTH_ANSWER" -> state = code == 334 ? State.AUTH : State.COMMANDS;
            default -> { }
        }
    }

    private void beginData() {
        state = State.DATA;
        inHeader = true;
        headerBytes = -1;
    }

    /** One line of the mail: headers until the first empty line (RFC 5322 §2.2.3 folding). */
    private void mimeLine(String line) {
        if (!inHeader) return;
        if (line.isEmpty() || line.charAt(0) == 0) {
            inHeader = false;
        } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            if (headerBytes < 0) {
                // Zeek: "first header line starts with linear whitespace", taken as a new header
                int ws = 0;
                while (ws < line.length() && (line.charAt(ws) == ' ' || line.charAt(ws) == '\t')) ws++;
                headerBytes = line.length() - ws;
            } else if (headerBytes >= MAX_HEADER_BYTES) {
                session.markUnknownPacket();
                session.weird("exceeded_mime_max_header_bytes", Long.toString(headerBytes));
            } else {
                headerBytes += line.length();
            }
        } else {
            headerBytes = line.length();
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
