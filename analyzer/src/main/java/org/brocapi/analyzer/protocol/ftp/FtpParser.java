package org.brocapi.analyzer.protocol.ftp;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.brocapi.analyzer.bytes.InetBytes;

/**
 * Pure FTP text parsing: command words, reply codes, and the data channel announced by PORT,
 * EPRT (RFC 2428 §2), 227 (PASV) and 229 (EPSV, RFC 2428 §3) as Zeek's {@code parse_ftp_port},
 * {@code parse_eftp_port}, {@code parse_ftp_pasv} and {@code parse_ftp_epsv} read them. Strings
 * are Latin-1, one char per byte.
 */
public final class FtpParser {
    /** A data channel endpoint; {@code addr} is 16 bytes (IPv4 v4-mapped), all zero when unspecified. */
    public record Endpoint(byte[] addr, int port, boolean valid) {
        boolean unspecified() {
            for (byte b : addr) if (b != 0) return false;
            return true;
        }
    }

    private FtpParser() { }

    /** The three-digit reply code at the start of a line, or 0 (Zeek's {@code get_reply_code}). */
    public static int replyCode(String line) {
        if (line.length() < 3) return 0;
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') return 0;
            code = code * 10 + (c - '0');
        }
        return code;
    }

    /** At least three printable non-space ASCII characters: what Zeek accepts as a command word. */
    public static boolean isCommand(String word) {
        if (word.length() < 3) return false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c <= ' ' || c >= 0x7f) return false;
        }
        return true;
    }

    /** C's {@code isspace} in the "C" locale. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) i++;
        return i;
    }

    /** PORT's {@code h1,h2,h3,h4,p1,p2}; leading text after the numbers is ignored, as sscanf does. */
    public static Endpoint parsePort(String s) {
        int[] v = new int[6];
        boolean good = s.length() >= 11;
        int i = 0;
        for (int k = 0; good && k < 6; k++) {
            if (k > 0) {
                if (i < s.length() && s.charAt(i) == ',') i++;
                else good = false;
            }
            if (!good) break;
            // %d skips leading white space and takes an optional sign
            i = skipSpace(s, i);
            boolean neg = false;
            if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) neg = s.charAt(i++) == '-';
            int start = i;
            long n = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 0x80) {
                n = Math.min(n * 10 + (s.charAt(i) - '0'), 1L << 40);
                i++;
            }
            if (i == start) good = false;
            v[k] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, neg ? -n : n));
            if (v[k] < 0 || v[k] > 255) good = false;
        }
        byte[] addr = new byte[16];
        int port = 0;
        if (good) {
            addr[10] = addr[11] = (byte) 0xff;
            for (int k = 0; k < 4; k++) addr[12 + k] = (byte) v[k];
            port = v[4] << 8 | v[5];
        } else {
            addr[10] = addr[11] = (byte) 0xff; // 0.0.0.0 as Zeek's IPv4 addr value
        }
        return new Endpoint(addr, port, good);
    }

    /** EPRT's {@code <d><net-prt><d><net-addr><d><tcp-port><d>} (also the inside of a 229 reply). */
    public static Endpoint parseEprt(String s) {
        byte[] addr = new byte[16];
        int port = 0;
        boolean good = false;
        if (s == null) return new Endpoint(addr, 0, false);
        int i = skipSpace(s, 0);
        if (i < s.length()) {
            char delim = s.charAt(i++);
            good = true;
            // net-prt: strtol, must end at the delimiter
            int[] end = new int[1];
            strtol(s, i, end);
            if (end[0] >= s.length() || s.charAt(end[0]) != delim) good = false;
            i = end[0];
            if (i < s.length()) i++;
            if (i < s.length() && s.charAt(i) != delim) {
                int e = s.indexOf(delim, i);
                if (e < 0) e = s.length();
                byte[] a = ipLiteral(s.substring(i, e));
                good = a != null;
                if (a != null) addr = a;
            }
            int d = s.indexOf(delim, i);
            if (d >= 0) {
                long p = strtol(s, d + 1, end);
                if (end[0] >= s.length() || s.charAt(end[0]) != delim) good = false;
                if (p < 0 || p > 65535) {
                    p = 0;
                    good = false;
                }
                port = (int) p;
            }
        }
        return new Endpoint(addr, port, good);
    }

    /** A 227 reply: the numbers after '(', after "PORT", or around the first comma. */
    public static Endpoint parsePasv(String msg) {
        if (msg.isEmpty()) return parsePort("");
        int at = msg.indexOf('(');
        if (at >= 0) {
            at++;
        } else if ((at = msg.indexOf("PORT")) >= 0) {
            at += 5;
        } else if ((at = msg.indexOf(',')) >= 0) {
            // back up over the digits before the comma
            do at--; while (at >= 0 && Character.isDigit(msg.charAt(at)) && msg.charAt(at) < 0x80);
            at++;
        } else {
            return parsePort("");
        }
        if (at > msg.length()) return parsePort("");
        return parsePort(msg.substring(at));
    }

    /** A 229 reply: the EPRT-style text after '(' (Zeek passes NULL, hence invalid, without one). */
    public static Endpoint parseEpsv(String msg) {
        int at = msg.indexOf('(');
        return parseEprt(at < 0 ? null : msg.substring(at + 1));
    }

    /** C's {@code strtol(s + i, &end, 10)} clamped to long; {@code end[0]} is where parsing stopped. */
    private static long strtol(String s, int i, int[] end) {
        int j = skipSpace(s, i);
        boolean neg = false;
        if (j < s.length() && (s.charAt(j) == '-' || s.charAt(j) == '+')) neg = s.charAt(j++) == '-';
        int start = j;
        long n = 0;
        while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            n = Math.min(n * 10 + (s.charAt(j) - '0'), Long.MAX_VALUE / 100);
            j++;
        }
        end[0] = j == start ? i : j;
        return neg ? -n : n;
    }

    /** An IPv4 dotted quad or IPv6 literal as 16 bytes, or null (inet_pton's grammar; no name lookup). */
    static byte[] ipLiteral(String s) {
        if (s.isEmpty() || s.length() > 45) return null;
        if (s.indexOf(':') < 0) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) return null;
            byte[] a = new byte[16];
            a[10] = a[11] = (byte) 0xff;
            for (int k = 0; k < 4; k++) {
                String p = parts[k];
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) return null;
                if (p.length() > 1 && p.charAt(0) == '0') return null;
                int v = Integer.parseInt(p);
                if (v > 255) return null;
                a[12 + k] = (byte) v;
            }
            return a;
        }
        // only hex digits, colons and dots: InetAddress then parses a literal and never resolves a name
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(c == ':' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) return null;
        }
        try {
            byte[] raw = InetAddress.getByName(s).getAddress();
            return raw.length == 16 ? raw : InetBytes.v4Mapped(raw, 0);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
