package org.brocapi.analyzer.protocol.irc;

import java.util.Locale;
import java.util.Set;

/**
 * Splits one IRC line (RFC 2812 §2.3.1: {@code [@tags ][:prefix ]command|code params}) the way
 * Zeek's IRC analyzer does. Pure: the result says what Zeek would do with the line.
 */
final class IrcParser {
    /** Zeek's {@code IRC_Analyzer::IsValidClientCommand}: a client sending one of these confirms. */
    static final Set<String> CLIENT_COMMANDS = Set.of("ADMIN", "AWAY", "CNOTICE", "CPRIVMSG", "CONNECT", "DIE",
            "ENCAP", "ERROR", "INFO", "INVITE", "ISON", "JOIN", "KICK", "KILL", "KNOCK", "LINKS", "LIST", "LUSERS",
            "MODE", "MOTD", "NAMES", "NICK", "NOTICE", "OPER", "PART", "PASS", "PING", "PONG", "PRIVMSG", "QUIT",
            "REHASH", "RULES", "SERVER", "SERVICE", "SERVLIST", "SETNAME", "SILENCE", "SQUERY", "SQUIT", "STATS",
            "SUMMON", "TIME", "TOPIC", "TRACE", "USER", "USERHOST", "USERS", "VERSION", "WALLOPS", "WHO", "WHOIS",
            "WHOWAS", "STARTTLS");
    /** Zeek ignores longer lines (RFC 2812 §2.3: 512 characters including CRLF). */
    static final int MAX_LINE = 512;

    /** What the line is; the weird is Zeek's name when the analyzer is already confirmed. */
    enum Kind { IGNORED, TOO_LONG, TOO_SHORT, TAGS_ONLY, INVALID_PREFIX, SHORT_COMMAND, BAD_REPLY_NUMBER, REPLY, COMMAND }

    record Line(Kind kind, int code, String command) { }

    private IrcParser() { }

    static Line parse(String line) {
        if (line.length() > MAX_LINE) return new Line(Kind.TOO_LONG, 0, "");
        String s = skipSpaces(line);
        if (s.length() < 3) return new Line(Kind.TOO_SHORT, 0, "");
        if (s.startsWith("@")) {
            // IRCv3 message tags: skipped
            int sp = s.indexOf(' ');
            if (sp < 0) return new Line(Kind.TAGS_ONLY, 0, "");
            s = s.substring(sp + 1);
        }
        if (!s.isEmpty() && s.charAt(0) == ':') {
            int sp = s.indexOf(' ');
            if (sp < 0) return new Line(Kind.INVALID_PREFIX, 0, "");
            s = skipSpaces(s.substring(sp + 1));
        }
        if (s.length() < 3) return new Line(Kind.SHORT_COMMAND, 0, "");
        if (isDigit(s.charAt(0))) {
            if (isDigit(s.charAt(1)) && isDigit(s.charAt(2)) && s.length() > 3 && s.charAt(3) == ' ') {
                int code = (s.charAt(0) - '0') * 100 + (s.charAt(1) - '0') * 10 + (s.charAt(2) - '0');
                return new Line(Kind.REPLY, code, "");
            }
            return new Line(Kind.BAD_REPLY_NUMBER, 0, "");
        }
        int sp = s.indexOf(' ');
        String command = (sp < 0 ? s : s.substring(0, sp)).toUpperCase(Locale.ROOT);
        return new Line(Kind.COMMAND, 0, command);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String skipSpaces(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return s.substring(i);
    }
}
