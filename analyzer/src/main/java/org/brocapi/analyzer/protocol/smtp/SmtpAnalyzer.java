package org.brocapi.analyzer.protocol.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.brocapi.analyzer.files.FileManager;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.framing.LineFramer;
import org.brocapi.analyzer.protocol.mime.MimeEntity;

/**
 * SMTP on one TCP connection, as Zeek's SMTP analyzer decides: every client line that is a known
 * command confirms; every server line whose reply code is not 100–599 is a violation; a 220 reply
 * to STARTTLS hands the rest to SSL. Between DATA and the lone "." the client's lines are the
 * mail, read as MIME entities ({@link MimeEntity}, as Zeek's MIME_Mail) whose leaves go to the
 * files framework through {@link SmtpFiles}; a folded header growing past
 * {@code MIME::max_header_bytes} raises {@code exceeded_mime_max_header_bytes} and marks history
 * 'X'. The sender is the originator (TURN is not followed).
 */
final class SmtpAnalyzer implements StreamAnalyzer {
    private enum State { COMMANDS, AUTH, DATA, TLS }

    /** Zeek's {@code smtp_cmd_word}, pseudo-commands included (they parse as commands there too). */
    private static final Set<String> COMMANDS = Set.of("EHLO", "HELO", "MAIL", "RCPT", "DATA", "QUIT", "RSET",
            "VRFY", "EXPN", "HELP", "NOOP", "STARTTLS", "X_ANONYMOUSTLS", "X-ANONYMOUSTLS", "CONN_ESTABLISHMENT",
            "END_OF_DATA", "SEND", "SOML", "SAML", "TURN", "BDAT", "ETRN", "AUTH", "AUTH_ANSWER");
    private static final int MAX_LINE = 1 << 20;

    private final Session session;
    private final LineFramer origLines = new LineFramer(MAX_LINE), respLines = new LineFramer(MAX_LINE);
    private State state = State.COMMANDS;
    /** The command the next reply answers (Zeek's {@code first_cmd}, no pipelining queue). */
    private String lastCommand = "";
    private int pendingReply;
    private final SmtpTransactions smtp;
    private final SmtpFiles files;
    /** The mail being transferred (Zeek's {@code MIME_Mail}), between DATA and its end. */
    private MimeEntity mail;
    private StreamAnalyzer tls;

    /** The command the reply being read answers (Zeek's {@code last_replied_cmd}). */
    private String repliedCommand = "";

    SmtpAnalyzer(Session session, FileManager fileManager, SmtpTransactions smtp) {
        this.session = session;
        this.smtp = smtp;
        this.files = new SmtpFiles(session, fileManager, smtp);
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
        endData();
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
        if (state != State.DATA) smtp.session();
        switch (state) {
            case DATA -> {
                if (line.equals(".")) {
                    endData();
                    state = State.COMMANDS;
                    lastCommand = "END_OF_DATA";
                    session.confirm();
                } else {
                    // RFC 5321 §4.5.2 dot-stuffing
                    byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
                    int skip = b.length > 0 && b[0] == '.' ? 1 : 0;
                    if (mail == null) beginData(); // data after the mail was ended (e.g. by a RST)
                    mail.line(b, skip, b.length - skip);
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
                if (w > 0 || a < line.length()) {
                    session.confirm();
                    smtp.request(cmd, line.substring(a));
                }
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
        boolean continued = line.length() > 3 && line.charAt(3) == '-';
        pendingReply = continued ? code : 0;
        int m = continued ? 4 : 3;
        while (m < line.length() && isSpace(line.charAt(m))) m++;
        smtp.reply(code, line.substring(m), repliedCommand);
    }

    /** Zeek's {@code UpdateState} for the reply to the last command, where it matters here. */
    private void newReply(int code) {
        String cmd = lastCommand;
        lastCommand = "";
        repliedCommand = cmd;
        switch (cmd) {
            case "DATA" -> {
                if (code != 354) {
                    endData();
                    state = State.COMMANDS;
                }
            }
            case "STARTTLS", "X_ANONYMOUSTLS", "X-ANONYMOUSTLS" -> {
                if (code == 220) {
                    smtp.starttls();
                    state = State.TLS;
                    tls = session.startChild("SSL");
                }
            }
            case "AUTH", "AUTH_ANSWER" -> state = code == 334 ? State.AUTH : State.COMMANDS;
            default -> { }
        }
    }

    /** Zeek's {@code BeginData}: a new MIME_Mail, whose top-level entity begins now. */
    private void beginData() {
        state = State.DATA;
        if (mail != null) {
            session.weird("smtp_nested_mail_transaction");
            endData();
        }
        smtp.session();
        mail = MimeEntity.top(MimeEntity.Message.mail(true, files));
    }

    /** Zeek's {@code EndData}: the mail ends, and with it its entities and their files. */
    private void endData() {
        if (mail == null) return;
        MimeEntity m = mail;
        mail = null;
        m.endOfData();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
