package org.brocapi.analyzer.protocol.irc;

import java.nio.charset.StandardCharsets;

import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.framing.LineFramer;

/**
 * IRC on one TCP connection, as Zeek's IRC analyzer decides: a known client command from the
 * originator confirms; a line too short for a command or with a malformed reply number is a
 * violation, as are more than 20 over-long commands; reply 670 (STARTTLS accepted) hands the
 * rest of the stream to SSL.
 */
final class IrcAnalyzer implements StreamAnalyzer {
    /** Zeek's ContentLine limit for IRC. */
    private static final int MAX_LINE = 1000;
    /** {@code invalid_msg_max_count}. */
    private static final int MAX_INVALID = 20;
    private static final int RPL_STARTTLS = 670;

    private final Session session;
    private final LineFramer origLines = new LineFramer(MAX_LINE), respLines = new LineFramer(MAX_LINE);
    private int invalid;
    private boolean starttls;
    private StreamAnalyzer tls;

    IrcAnalyzer(Session session) {
        this.session = session;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        if (starttls) {
            if (tls != null) tls.data(dir, buf, off, len);
            return;
        }
        LineFramer framer = dir.isOrig() ? origLines : respLines;
        int used = framer.feed(buf, off, len, (b, o, n, complete) -> line(dir, b, o, n), () -> starttls);
        if (starttls && tls != null && used < len) tls.data(dir, buf, off + used, len - used);
    }

    @Override
    public void gap(Direction dir, long len) {
        if (tls != null) tls.gap(dir, len);
    }

    @Override
    public void end() {
        if (tls != null) tls.end();
    }

    private void line(Direction dir, byte[] b, int off, int len) {
        if (session.isDisabled() || starttls) return;
        var l = IrcParser.parse(new String(b, off, len, StandardCharsets.ISO_8859_1));
        boolean confirmed = session.isConfirmed();
        switch (l.kind()) {
            case TOO_LONG -> weirdIfConfirmed("irc_line_size_exceeded");
            case TOO_SHORT -> weirdIfConfirmed("irc_line_too_short");
            case INVALID_PREFIX -> weirdIfConfirmed("irc_invalid_line");
            case SHORT_COMMAND -> {
                weirdIfConfirmed("irc_invalid_line");
                session.violation("line too short", b, off, len);
            }
            case BAD_REPLY_NUMBER -> {
                weirdIfConfirmed("irc_invalid_reply_number");
                session.violation("invalid reply number", b, off, len);
            }
            case REPLY -> {
                if (l.code() == RPL_STARTTLS) {
                    starttls = true;
                    tls = session.startChild("SSL");
                }
            }
            case COMMAND -> {
                if (!confirmed && dir.isOrig() && IrcParser.CLIENT_COMMANDS.contains(l.command())) session.confirm();
                if (!l.command().equals("STARTTLS") && l.command().length() > 20) {
                    session.weird("irc_invalid_command");
                    if (++invalid > MAX_INVALID) {
                        session.weird("irc_too_many_invalid");
                        session.violation("too many long lines", b, off, len);
                    }
                }
            }
            default -> { }
        }
    }

    private void weirdIfConfirmed(String name) {
        if (session.isConfirmed()) session.weird(name);
    }
}
