package org.brocapi.analyzer.protocol.pop3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;

import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.framing.LineFramer;

/**
 * POP3 on one TCP connection, following Zeek's POP3 analyzer state machine as far as it decides
 * the service: +OK to USER, CAPA or STLS confirms; a server line that is neither +OK nor -ERR (nor
 * any other POP3 keyword) outside a multi-line answer is a violation, as are more than 10 unknown
 * client commands; +OK to STLS hands the rest to SSL. Mail contents are not analysed.
 */
final class Pop3Analyzer implements StreamAnalyzer {
    private enum Master { START, AUTHORIZATION, TRANSACTION, UPDATE, FINISHED }

    private enum State { START, USER, PASS, APOP, AUTH, AUTH_PLAIN, AUTH_LOGIN, AUTH_CRAM_MD5, NOOP, LAST, STAT,
        LIST, RETR, DELE, UIDL, TOP, QUIT, RSET, CAPA, STLS, XSENDER }

    /** Zeek's {@code pop3_cmd_word}, in its order: the keyword lookup is the same for both sides. */
    private static final String[] KEYWORDS = {"OK", "ERR", "USER", "PASS", "APOP", "AUTH", "STAT", "LIST", "RETR",
        "DELE", "RSET", "NOOP", "LAST", "QUIT", "TOP", "CAPA", "UIDL", "STLS", "XSENDER"};
    /** {@code POP3::max_pending_commands}, {@code POP3::max_unknown_client_commands}. */
    private static final int MAX_PENDING = 10, MAX_UNKNOWN = 10;
    private static final int MAX_LINE = 1 << 20;

    private final Session session;
    private final LineFramer origLines = new LineFramer(MAX_LINE), respLines = new LineFramer(MAX_LINE);
    private final ArrayDeque<String> cmds = new ArrayDeque<>();
    private Master master = Master.START;
    private State state = State.START, lastState = State.START;
    private boolean guessing, waitingForAuthentication, requestForMultiLine, multiLine, tls;
    private int unknownClientCmds;
    private StreamAnalyzer ssl;

    Pop3Analyzer(Session session) {
        this.session = session;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        if (tls) {
            if (ssl != null) ssl.data(dir, buf, off, len);
            return;
        }
        if (session.isPartial()) return;
        LineFramer framer = dir.isOrig() ? origLines : respLines;
        int used = framer.feed(buf, off, len, (b, o, n, complete) -> line(dir, b, o, n), () -> tls);
        if (tls && ssl != null && used < len) ssl.data(dir, buf, off + used, len - used);
    }

    @Override
    public void gap(Direction dir, long len) {
        if (tls && ssl != null) ssl.gap(dir, len);
    }

    @Override
    public void end() {
        if (ssl != null) ssl.end();
    }

    private void line(Direction dir, byte[] b, int off, int len) {
        if (session.isDisabled() || tls) return;
        // Zeek reads the line as a C string: it ends at the first NUL
        int n = 0;
        while (n < len && b[off + n] != 0) n++;
        String line = new String(b, off, n, StandardCharsets.ISO_8859_1);
        if (dir.isOrig()) request(line);
        else reply(line, b, off, len);
    }

    private void request(String line) {
        if (line.isEmpty() || waitingForAuthentication) return; // SASL lines are base64, not commands
        cmds.add(line);
        if (cmds.size() > MAX_PENDING) {
            session.weird("pop3_client_too_many_pending_commands");
            cmds.poll();
        }
        if (cmds.size() == 1) clientCommand();
    }

    private void finishClientCommand() {
        if (cmds.isEmpty()) return;
        cmds.poll();
        clientCommand();
    }

    private void clientCommand() {
        if (cmds.isEmpty()) return;
        String[] tokens = tokens(trim(cmds.peek()));
        int code = tokens.length > 0 ? keyword(tokens[0]) : -1;
        if (code < 0) {
            if (!waitingForAuthentication) {
                session.weird("pop3_client_command_unknown", tokens.length > 0 ? tokens[0] : "???");
                if (++unknownClientCmds > MAX_UNKNOWN) session.violation("too many unknown client commands");
            }
            return;
        }
        String message = tokens.length > 1 ? tokens[1] : "";
        switch (KEYWORDS[code]) {
            case "OK", "ERR" -> session.weird("pop3_client_sending_server_commands");
            case "USER" -> {
                if (master == Master.AUTHORIZATION) state = State.USER;
            }
            case "PASS" -> {
                if (master == Master.AUTHORIZATION && state == State.USER) state = State.PASS;
            }
            case "APOP" -> {
                if (master == Master.AUTHORIZATION) state = State.APOP;
            }
            case "AUTH" -> {
                if (master == Master.AUTHORIZATION) {
                    if (message.isEmpty()) {
                        requestForMultiLine = true;
                        state = State.AUTH;
                    } else {
                        state = message.contains("LOGIN") ? State.AUTH_LOGIN : message.contains("PLAIN")
                                ? State.AUTH_PLAIN : message.contains("CRAM-MD5") ? State.AUTH_CRAM_MD5 : State.AUTH;
                        waitingForAuthentication = true;
                    }
                }
            }
            case "STAT" -> {
                if (master == Master.TRANSACTION) state = State.STAT;
            }
            case "LIST" -> transaction(State.LIST, message.isEmpty());
            case "RETR" -> transaction(State.RETR, true);
            case "DELE" -> transaction(State.DELE, false);
            case "RSET" -> transaction(State.RSET, false);
            case "NOOP" -> transaction(State.NOOP, false);
            case "LAST" -> transaction(State.LAST, false);
            case "QUIT" -> {
                if (master == Master.AUTHORIZATION || master == Master.TRANSACTION || master == Master.START) {
                    state = State.QUIT;
                } else {
                    guessing = true;
                    lastState = State.LAST;
                }
            }
            case "TOP" -> transaction(State.TOP, true);
            case "CAPA" -> {
                state = State.CAPA;
                requestForMultiLine = true;
            }
            case "STLS" -> state = State.STLS;
            case "UIDL" -> transaction(State.UIDL, message.isEmpty());
            case "XSENDER" -> {
                if (master == Master.TRANSACTION) state = State.LAST;
                else {
                    guessing = true;
                    lastState = State.XSENDER;
                }
            }
            default -> { }
        }
    }

    /** A command valid in the TRANSACTION state; outside it Zeek guesses that no login was needed. */
    private void transaction(State s, boolean multi) {
        if (multi) requestForMultiLine = true;
        if (master == Master.TRANSACTION) {
            state = s;
        } else {
            guessing = true;
            lastState = s;
        }
    }

    private void reply(String line, byte[] b, int off, int len) {
        if (multiLine) {
            boolean terminator = !line.isEmpty() && line.charAt(0) == '.' && line.length() == 1;
            if (terminator) {
                requestForMultiLine = false;
                multiLine = false;
                finishClientCommand();
            }
            return;
        }
        String[] tokens = tokens(trim(line));
        int code = tokens.length > 0 ? keyword(tokens[0]) : -1;
        if (code < 0) {
            if (!waitingForAuthentication) {
                String word = tokens.length > 0 ? tokens[0] : "???";
                session.violation("unknown server command (" + word + ")", b, off, len);
                session.weird("pop3_server_command_unknown", word);
            }
            return;
        }
        switch (KEYWORDS[code]) {
            case "OK" -> ok();
            case "ERR" -> {
                multiLine = requestForMultiLine = guessing = waitingForAuthentication = false;
                switch (state) {
                    case USER, PASS, APOP, AUTH, AUTH_LOGIN, AUTH_PLAIN, AUTH_CRAM_MD5 -> {
                        master = Master.AUTHORIZATION;
                        state = State.START;
                    }
                    case NOOP, LAST, STAT, RSET, DELE, LIST, RETR, UIDL, TOP, XSENDER -> master = Master.TRANSACTION;
                    case QUIT -> {
                        if (master != Master.UPDATE && master != Master.FINISHED) master = Master.FINISHED;
                    }
                    default -> { }
                }
                finishClientCommand();
            }
            default -> session.weird("pop3_server_sending_client_commands");
        }
    }

    private void ok() {
        if (guessing) {
            master = Master.TRANSACTION;
            guessing = false;
            state = lastState;
        }
        switch (state) {
            case START -> master = Master.AUTHORIZATION;
            case USER -> {
                master = Master.AUTHORIZATION;
                session.confirm();
            }
            case PASS, APOP, NOOP, LAST, STAT, RSET, DELE, XSENDER -> master = Master.TRANSACTION;
            case AUTH, AUTH_PLAIN, AUTH_CRAM_MD5, AUTH_LOGIN -> {
                if (requestForMultiLine) multiLine = true;
                if (waitingForAuthentication) master = Master.TRANSACTION;
                waitingForAuthentication = false;
            }
            case TOP, RETR, UIDL, LIST -> {
                if (requestForMultiLine) multiLine = true;
            }
            case CAPA -> {
                session.confirm();
                if (requestForMultiLine) multiLine = true;
            }
            case STLS -> {
                session.confirm();
                tls = true;
                ssl = session.startChild("SSL");
                return;
            }
            case QUIT -> {
                if (master == Master.AUTHORIZATION || master == Master.START) master = Master.FINISHED;
                else if (master == Master.TRANSACTION) master = Master.UPDATE;
            }
            default -> { }
        }
        if (!multiLine) finishClientCommand();
    }

    /** Zeek's {@code ParseCmd}: a leading '+' or '-' is dropped, then the upper-cased word is looked up. */
    private static int keyword(String word) {
        if (word.isEmpty()) return -1;
        String w = word;
        if (w.charAt(0) == '+' || w.charAt(0) == '-') w = w.substring(1);
        w = w.toUpperCase(Locale.ROOT);
        for (int i = 0; i < KEYWORDS.length; i++) if (KEYWORDS[i].equals(w)) return i;
        return -1;
    }

    /** Zeek's {@code TokenizeLine}: the first word and the rest, split at the first space. */
    private static String[] tokens(String s) {
        if (s.isEmpty()) return new String[0];
        int sp = s.indexOf(' ');
        if (sp < 0) return new String[] {s};
        String first = s.substring(0, sp);
        String rest = s.substring(sp + 1);
        return first.isEmpty() ? new String[] {rest} : new String[] {first, rest};
    }

    /** Zeek's {@code trim_whitespace}: leading blanks dropped, runs of spaces squeezed, trailing ones cut. */
    private static String trim(String in) {
        int i = 0;
        while (i < in.length() && (in.charAt(i) == ' ' || in.charAt(i) == '\t')) i++;
        var out = new StringBuilder(in.length() - i);
        while (i < in.length()) {
            if (in.charAt(i) == ' ') {
                while (i < in.length() && in.charAt(i) == ' ') i++;
                if (i == in.length()) break;
                out.append(' ');
            }
            out.append(in.charAt(i++));
        }
        return out.toString();
    }
}
