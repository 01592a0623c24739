package org.brocapi.analyzer.protocol.ftp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.brocapi.analyzer.protocol.framing.LineFramer;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * One FTP control connection: Zeek's FTP analyzer (lines; a valid command confirms, a reply that
 * does not start with a proper code outside a multi-line reply is a violation; AUTH TLS + 234
 * hands the rest to SSL) and the part of base/protocols/ftp/main.zeek that pairs replies with
 * pending commands and announces data channels from PORT/EPRT and PASV/EPSV replies.
 */
final class FtpAnalyzer implements StreamAnalyzer {
    /** {@code FTP::max_command_length}. */
    private static final int MAX_COMMAND_LENGTH = 100;
    /** {@code FTP::max_pending_commands}. */
    private static final int MAX_PENDING = 20;
    /** ContentLine buffers grow until memory runs out; we stop somewhere sane. */
    private static final int MAX_LINE = 1 << 20;
    /** main.zeek: an intermediate line that still looks like a reply is matched like one. */
    private static final Pattern REPLY_LIKE = Pattern.compile("^[1-9][0-9]{2} [\\x20-\\x7e]{10}.*", Pattern.DOTALL);

    /** A pending command ({@code FTP::CmdArg}). */
    private record CmdArg(int seq, String cmd, String arg) { }

    private final Session session;
    private final FtpDataChannels channels;
    private final LineFramer origLines = new LineFramer(MAX_LINE), respLines = new LineFramer(MAX_LINE);
    private int pendingReply;
    private String authRequested = "";
    private StreamAnalyzer tls;
    private boolean tlsActive;
    // script state (c$ftp)
    private boolean scriptSession;
    private final Map<Integer, CmdArg> pending = new LinkedHashMap<>();
    private int commandSeq;
    private CmdArg cmdarg;
    private boolean haveReplyCode;

    FtpAnalyzer(Session session, FtpDataChannels channels) {
        this.session = session;
        this.channels = channels;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        if (tlsActive) {
            if (tls != null) tls.data(dir, buf, off, len);
            return;
        }
        LineFramer framer = dir.isOrig() ? origLines : respLines;
        int used = framer.feed(buf, off, len, (b, o, n, complete) -> line(dir, b, o, n), () -> tlsActive);
        if (tlsActive && tls != null && used < len) tls.data(dir, buf, off + used, len - used);
    }

    @Override
    public void gap(Direction dir, long len) {
        if (tlsActive && tls != null) tls.gap(dir, len);
    }

    @Override
    public void end() {
        if (tls != null) tls.end();
    }

    private void line(Direction dir, byte[] b, int off, int len) {
        if (len == 0 || session.isDisabled()) return;
        String line = new String(b, off, len, StandardCharsets.ISO_8859_1);
        if (dir.isOrig()) request(line);
        else reply(line, b, off, len);
    }

    private void request(String line) {
        int i = skipBlanks(line, 0);
        int w = i;
        while (w < line.length() && line.charAt(w) != 0 && !FtpParser.isSpace(line.charAt(w))) w++;
        String word = line.substring(i, w);
        String arg = line.substring(skipBlanks(line, w));
        if (!FtpParser.isCommand(word)) {
            if (session.isConfirmed()) session.weird("FTP_invalid_command");
            return;
        }
        if (word.length() > MAX_COMMAND_LENGTH) {
            if (session.isConfirmed()) session.weird("FTP_max_command_length_exceeded", Integer.toString(word.length()));
            return;
        }
        String cmd = word.toUpperCase(Locale.ROOT);
        session.confirm();
        // Zeek compares only the command's length of "AUTH": "AUT" counts too
        if ("AUTH".startsWith(cmd)) authRequested = arg;
        ftpRequest(cmd, arg);
    }

    private void reply(String line, byte[] b, int off, int len) {
        int code = FtpParser.replyCode(line);
        boolean cont;
        String msg;
        if (pendingReply != 0) {
            if (code == pendingReply && line.length() > 3 && line.charAt(3) == ' ') {
                msg = line.substring(skipBlanks(line, 3));
                pendingReply = 0;
                cont = false;
            } else {
                cont = true;
                code = 0;
                msg = line;
            }
        } else {
            cont = false;
            if (code == 0) {
                session.violation("non-numeric reply code", b, off, len);
                return;
            } else if (code < 100) {
                session.violation("invalid reply code", b, off, len);
                return;
            } else if (line.length() > 3 && line.charAt(3) == '-') {
                pendingReply = code;
                msg = line.substring(skipBlanks(line, 4));
                cont = true;
            } else if (line.length() > 3 && line.charAt(3) != ' ') {
                session.violation("invalid reply line", b, off, len);
                return;
            } else {
                msg = line.length() > 3 ? line.substring(skipBlanks(line, 3)) : "";
            }
        }
        if (code == 234 && authRequested.equals("TLS")) {
            tls = session.startChild("SSL");
            if (tls != null) tlsActive = true;
        }
        ftpReply(code, msg, cont);
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i;
    }

    // --- base/protocols/ftp/main.zeek ----------------------------------------------------------

    private void setSession() {
        if (scriptSession) return;
        scriptSession = true;
        // a shim command so the server's greeting pairs with something
        ++commandSeq;
        pending.put(commandSeq, new CmdArg(commandSeq, "<init>", ""));
    }

    private void ftpRequest(String cmd, String arg) {
        if (cmdarg != null && haveReplyCode) pending.remove(cmdarg.seq());
        setSession();
        if (pending.size() < MAX_PENDING) {
            ++commandSeq;
            pending.put(commandSeq, new CmdArg(commandSeq, cmd, arg));
        } else {
            session.weird("FTP_too_many_pending_commands", Integer.toString(pending.size()));
        }
        if (cmd.equals("PORT") || cmd.equals("EPRT")) {
            var data = cmd.equals("PORT") ? FtpParser.parsePort(arg) : FtpParser.parseEprt(arg);
            // active mode: the server connects to the address the client gave
            if (data.valid()) channels.expect(session, session.conn().respAddr, data.addr(), data.port());
        }
    }

    private void ftpReply(int code, String msg, boolean cont) {
        setSession();
        if (cont && code == 0 && haveReplyCode && !REPLY_LIKE.matcher(msg).matches()) return;
        cmdarg = pendingCommand(code, msg);
        haveReplyCode = true;
        if (cont) return;
        if ((code == 227 || code == 229) && (cmdarg.cmd().equals("PASV") || cmdarg.cmd().equals("EPSV"))) {
            var data = code == 227 ? FtpParser.parsePasv(msg) : FtpParser.parseEpsv(msg);
            if (data.valid()) {
                byte[] h = code == 229 && data.unspecified() ? session.conn().respAddr : data.addr();
                channels.expect(session, session.conn().origAddr, h, data.port());
            }
        }
        if (pending.size() > 1) pending.remove(cmdarg.seq());
    }

    /** {@code get_pending_cmd}: the pending command that best fits the reply, oldest on ties. */
    private CmdArg pendingCommand(int code, String msg) {
        CmdArg best = new CmdArg(0, "<unknown>", "");
        int bestScore = -1, bestSeq = 0;
        for (CmdArg c : pending.values()) {
            int score = 0;
            if (code == 500 || FtpCodes.expected(c.cmd(), code)) score += 100;
            if (msg.contains(c.cmd())) score += 20;
            if (msg.contains(c.arg())) score += 10;
            if (score > bestScore || score == bestScore && bestSeq > c.seq()) {
                bestScore = score;
                bestSeq = c.seq();
                best = c;
            }
        }
        return best;
    }
}
