package org.brocapi.analyzer.protocol.ftp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.brocapi.analyzer.log.LogStream;

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

    /** {@code FTP::file_cmds}: commands whose argument is a file, logged as a URL. */
    private static final Set<String> FILE_COMMANDS = Set.of("APPE", "CWD", "DELE", "MKD", "RETR", "RMD", "RNFR",
            "RNTO", "STOR", "STOU", "REST", "SIZE", "MDTM");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    /** A pending command ({@code FTP::CmdArg}). */
    private static final class CmdArg {
        final double ts;
        final int seq;
        final String cmd, arg;
        boolean cwdConsumed;

        CmdArg(double ts, int seq, String cmd, String arg) {
            this.ts = ts;
            this.seq = seq;
            this.cmd = cmd;
            this.arg = arg;
        }
    }

    private final Session session;
    private final FtpDataChannels channels;
    private final FtpOptions options;
    private final LogStream<FtpLogEntry> log;
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
    private double ts;
    private String user = "<unknown>", password, replyMsg, cwd = ".";
    private Long replyCode, fileSize;
    private String mimeType, fuid;
    private FtpLogEntry.DataChannel dataChannel;

    FtpAnalyzer(Session session, FtpDataChannels channels, FtpOptions options, LogStream<FtpLogEntry> log) {
        this.session = session;
        this.channels = channels;
        this.options = options;
        this.log = log;
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
        ts = session.now();
        session.addRemovalHook(this::finalizeFtp);
        // a shim command so the server's greeting pairs with something
        ++commandSeq;
        pending.put(commandSeq, new CmdArg(session.now(), commandSeq, "<init>", ""));
    }

    private void ftpRequest(String cmd, String arg) {
        if (cmdarg != null && replyCode != null && pending.remove(cmdarg.seq) != null) ftpMessage();
        setSession();
        if (pending.size() < MAX_PENDING) {
            ++commandSeq;
            pending.put(commandSeq, new CmdArg(session.now(), commandSeq, cmd, arg));
        } else {
            session.weird("FTP_too_many_pending_commands", Integer.toString(pending.size()));
        }
        switch (cmd) {
            case "USER" -> {
                if (arg.length() > options.maxUserLength()) {
                    session.weird("FTP_user_too_long", Integer.toString(arg.length()));
                    arg = arg.substring(0, options.maxUserLength());
                }
                user = arg;
            }
            case "PASS" -> {
                if (arg.length() > options.maxPasswordLength()) {
                    session.weird("FTP_password_too_long", Integer.toString(arg.length()));
                    arg = arg.substring(0, options.maxPasswordLength());
                }
                password = arg;
            }
            case "PORT", "EPRT" -> {
                var data = cmd.equals("PORT") ? FtpParser.parsePort(arg) : FtpParser.parseEprt(arg);
                // active mode: the server connects to the address the client gave
                if (data.valid()) expectData(false, session.conn().respAddr, data.addr(), data.port());
            }
            default -> { }
        }
    }

    private void ftpReply(int code, String msg, boolean cont) {
        setSession();
        if (cont && code == 0 && replyCode != null && !REPLY_LIKE.matcher(msg).matches()) return;
        cmdarg = pendingCommand(code, msg);
        replyCode = (long) code;
        replyMsg = msg;
        if (cont) return;
        if (code == 150 && cmdarg.cmd.equals("RETR") || code == 213 && cmdarg.cmd.equals("SIZE")) {
            fileSize = lastCount(msg);
        } else if ((code == 227 || code == 229) && (cmdarg.cmd.equals("PASV") || cmdarg.cmd.equals("EPSV"))) {
            var data = code == 227 ? FtpParser.parsePasv(msg) : FtpParser.parseEpsv(msg);
            if (data.valid()) {
                byte[] h = code == 229 && data.unspecified() ? session.conn().respAddr : data.addr();
                expectData(true, session.conn().origAddr, h, data.port());
            }
        }
        if (!cmdarg.cwdConsumed && isDirectoryReply(cmdarg.cmd, code)) {
            cmdarg.cwdConsumed = true;
            switch (cmdarg.cmd) {
                case "CWD" -> cwd = FtpPaths.buildCompressed(cwd, cmdarg.arg);
                case "CDUP" -> cwd = FtpPaths.buildCompressed(cwd, "/..");
                default -> cwd = FtpPaths.extractPath(msg);
            }
        }
        if (pending.size() > 1) {
            pending.remove(cmdarg.seq);
            ftpMessage();
        }
    }

    /** {@code FTP::directory_cmds}: replies that show or change the working directory. */
    private static boolean isDirectoryReply(String cmd, int code) {
        return switch (cmd) {
            case "CWD" -> code == 250;
            case "CDUP" -> code == 200 || code == 250;
            case "PWD", "XPWD" -> code == 257;
            default -> false;
        };
    }

    /** {@code add_expected_data_channel}. */
    private void expectData(boolean passive, byte[] orig, byte[] resp, int port) {
        if (channels.expect(session, this, orig, resp, port)) {
            dataChannel = new FtpLogEntry.DataChannel(passive, orig.clone(), resp.clone(), port);
        }
    }

    /** files.zeek {@code file_over_new_connection}: a file on one of this session's data channels. */
    void dataFile(String fileId) {
        fuid = fileId;
    }

    /** files.zeek {@code file_sniff}: the sniffed type of that file. */
    void dataMimeType(String type) {
        mimeType = type;
    }

    /** {@code get_pending_cmd}: the pending command that best fits the reply, oldest on ties. */
    private CmdArg pendingCommand(int code, String msg) {
        CmdArg best = null;
        int bestScore = -1, bestSeq = 0;
        for (CmdArg c : pending.values()) {
            int score = 0;
            if (code == 500 || FtpCodes.expected(c.cmd, code)) score += 100;
            if (msg.contains(c.cmd)) score += 20;
            if (msg.contains(c.arg)) score += 10;
            if (score > bestScore || score == bestScore && bestSeq > c.seq) {
                bestScore = score;
                bestSeq = c.seq;
                best = c;
            }
        }
        return best != null ? best : new CmdArg(session.now(), 0, "<unknown>", "");
    }

    /** {@code ftp_message}: logs the current command with the session's state. */
    private void ftpMessage() {
        String arg = cmdarg.arg;
        if (FILE_COMMANDS.contains(cmdarg.cmd)) arg = "ftp://" + FtpPaths.url(session.conn().respAddr, cwd, arg);
        if (arg.length() > options.maxArgLength()) {
            session.weird("FTP_arg_too_long", Integer.toString(arg.length()));
            arg = arg.substring(0, options.maxArgLength());
        }
        if (replyMsg != null && replyMsg.length() > options.maxReplyMsgLength()) {
            session.weird("FTP_reply_msg_too_long", Integer.toString(replyMsg.length()));
            replyMsg = replyMsg.substring(0, options.maxReplyMsgLength());
        }
        boolean hide = hidePassword();
        if (cmdarg.cmd.equals("PASS") && hide) arg = "<hidden>";
        if (arg.isEmpty()) arg = null;
        String pw = password != null && hide ? "<hidden>" : password;
        if (options.loggedCommands().contains(cmdarg.cmd)) {
            var c = session.conn();
            log.write(new FtpLogEntry(cmdarg.ts, c.uid(),
                    c.id(),
                    user, pw, cmdarg.cmd, arg, mimeType, fileSize, replyCode, replyMsg, dataChannel, fuid));
        }
        // file transfer fields belong to one command
        fileSize = null;
        dataChannel = null;
        mimeType = null;
        fuid = null;
    }

    private boolean hidePassword() {
        return !options.defaultCapturePassword() && !options.guestIds().contains(user.toLowerCase(Locale.ROOT));
    }

    /** {@code finalize_ftp}: commands still pending when the connection goes are logged too. */
    private void finalizeFtp() {
        for (CmdArg c : List.copyOf(pending.values())) {
            cmdarg = c;
            ftpMessage();
        }
    }

    /** {@code extract_count(msg, F)}: the last number in the text, 0 when there is none. */
    private static Long lastCount(String msg) {
        var m = NUMBER.matcher(msg);
        String last = null;
        while (m.find()) last = m.group();
        if (last == null) return 0L;
        try {
            return Long.parseLong(last);
        } catch (NumberFormatException e) {
            return 0L;
        }
    }
}
