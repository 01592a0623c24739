package org.brocapi.analyzer.protocol.http;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.brocapi.analyzer.protocol.http.HttpMessage.BadRequest;
import org.brocapi.analyzer.protocol.http.HttpMessage.ReplyLine;
import org.brocapi.analyzer.protocol.http.HttpMessage.RequestLine;

/**
 * HTTP/1.x start lines and the framing headers, read the way Zeek's {@code HTTP_Analyzer} reads
 * them (RFC 9112 §3 and §4, with Zeek's tolerance: URIs containing spaces, lowercase
 * {@code http/}, a missing reason phrase, HTTP/0.9 requests without a version). Pure: lines in,
 * values out; the analyzer raises the weirds.
 */
public final class HttpParser {
    private HttpParser() { }

    /**
     * A {@link RequestLine}, or a {@link BadRequest} naming Zeek's weird. Anomalies of an accepted
     * line (lowercase {@code http/}, missing URI, bad escapes) go to {@code weirds} in Zeek's order.
     */
    public static Object requestLine(byte[] b, int off, int len, int previousVersion, Consumer<String> weirds) {
        int end = off + len;
        int endOfMethod = off;
        while (endOfMethod < end && isTokenChar(b[endOfMethod] & 0xff)) endOfMethod++;
        if (endOfMethod == off) {
            // Zeek's weak test for a request whose method is garbage but which ends like a version
            if (end - 9 >= off && regionMatches(b, end - 9, end, " HTTP/", true))
                return new BadRequest("bad_HTTP_request_with_version");
            return new BadRequest("bad_HTTP_request");
        }
        int rest = skipWhitespace(b, endOfMethod, end);
        if (rest == endOfMethod) return new BadRequest("bad_HTTP_request");

        int endOfUri = rest;
        while (endOfUri < end && isUriChar(b[endOfUri] & 0xff)) endOfUri++;
        boolean startsWithVersion = regionMatches(b, rest, end, "HTTP/", false);
        if (!startsWithVersion && regionMatches(b, rest, end, "HTTP/", true)) {
            startsWithVersion = true;
            weirds.accept("lowercase_HTTP_keyword");
        }
        if (endOfUri >= end && startsWithVersion) {
            weirds.accept("missing_HTTP_uri");
            endOfUri = rest;
        }
        // the URI runs to the whitespace before the first "HTTP/", so it may contain spaces
        int versionStart = endOfUri;
        for (; versionStart < end; versionStart++) {
            endOfUri = versionStart;
            versionStart = skipWhitespace(b, versionStart, end);
            if (regionMatches(b, versionStart, end, "HTTP/", false)) break;
            if (regionMatches(b, versionStart, end, "HTTP/", true)) {
                weirds.accept("lowercase_HTTP_keyword");
                break;
            }
        }
        int version = previousVersion;
        boolean present = versionStart < end;
        if (!present) version = HttpMessage.VERSION_09;
        else if (versionStart + 8 <= end) version = version(b, versionStart + 5, end);

        String method = ascii(b, off, endOfMethod - off);
        String uri = ascii(b, rest, endOfUri - rest);
        String unescaped = unescapeUri(b, rest, endOfUri, weirds);
        // HTTP/0.9 has only GET: without a version, demand a 3-character method and a URI
        if (version == HttpMessage.VERSION_09 && (endOfMethod - off < 3 || uri.isEmpty()))
            return new BadRequest("bad_HTTP_request");
        return new RequestLine(method, uri, unescaped, version, present);
    }

    /**
     * Zeek's {@code unescape_URI}: %XX and the non-standard %uXXXX (a 00 high byte dropped) are
     * decoded; a lone, doubled or malformed '%' is kept and reported.
     */
    public static String unescapeUri(byte[] b, int off, int end, Consumer<String> weirds) {
        var out = new java.io.ByteArrayOutputStream(end - off);
        int i = off;
        while (i < end) {
            if (b[i] != '%') {
                out.write(b[i++]);
                continue;
            }
            i++;
            if (i == end) {
                out.write('%');
                weirds.accept("illegal_%_at_end_of_URI");
                break;
            }
            if (i + 1 == end) {
                out.write('%');
                out.write(b[i]);
                weirds.accept("partial_escape_at_end_of_URI");
                break;
            }
            if (b[i] == '%') {
                weirds.accept("double_%_in_URI"); // the first '%' is dropped (Nimda-style evasion)
                continue;
            }
            if (hex(b[i]) >= 0 && hex(b[i + 1]) >= 0) {
                out.write(hex(b[i]) << 4 | hex(b[i + 1]));
                i += 2;
            } else if (end - i >= 5 && b[i] == 'u' && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0
                    && hex(b[i + 3]) >= 0 && hex(b[i + 4]) >= 0) {
                if (!(b[i + 1] == '0' && b[i + 2] == '0')) out.write(hex(b[i + 1]) << 4 | hex(b[i + 2]));
                out.write(hex(b[i + 3]) << 4 | hex(b[i + 4]));
                i += 5;
            } else {
                weirds.accept("unescaped_%_in_URI");
                out.write('%');
                out.write(b[i++]);
            }
        }
        byte[] d = out.toByteArray();
        return ascii(d, 0, d.length);
    }

    private static int hex(byte c) {
        return Character.digit(c, 16);
    }

    /** A status line, or null when the line does not start with {@code HTTP/} or lacks a code. */
    public static ReplyLine replyLine(byte[] b, int off, int len) {
        int end = off + len;
        boolean lowercase = false;
        if (!regionMatches(b, off, end, "HTTP/", false)) {
            if (!regionMatches(b, off, end, "HTTP/", true)) return null;
            lowercase = true;
        }
        int rest = off + 5;
        int version = version(b, rest, end);
        while (rest < end && !isLws(b[rest])) rest++;
        if (rest >= end) return null;
        rest = skipWhitespace(b, rest, end);
        if (rest + 3 > end) return null;
        int code = isDigit(b[rest]) && isDigit(b[rest + 1]) && isDigit(b[rest + 2])
                ? (b[rest] - '0') * 100 + (b[rest + 1] - '0') * 10 + (b[rest + 2] - '0') : 0;
        rest += 3;
        while (rest < end && !isLws(b[rest])) rest++;
        String reason = null; // Zeek tolerates a missing reason phrase
        if (rest < end) {
            rest = skipWhitespace(b, rest, end);
            reason = ascii(b, rest, end - rest);
        }
        return new ReplyLine(version, code, reason, lowercase);
    }

    /** Only {@code [0-9].[0-9]} is a version (Zeek's {@code HTTP_Version}); anything else is unknown. */
    static int version(byte[] b, int off, int end) {
        if (end - off >= 3 && isDigit(b[off]) && b[off + 1] == '.' && isDigit(b[off + 2]))
            return (b[off] - '0') * 10 + (b[off + 2] - '0');
        return HttpMessage.VERSION_UNKNOWN;
    }

    /**
     * A Content-Length value, or -1 when it is not a decimal number (Zeek's
     * {@code HTTP_bad_content_length}).
     */
    public static long contentLength(String v) {
        if (v.isEmpty()) return -1;
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9' || n > Long.MAX_VALUE / 10 - 1) return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /**
     * The size of a chunk (RFC 9112 §7.1): leading hex digits after optional blanks, extensions
     * ignored; -1 when there are none (Zeek's {@code HTTP_bad_chunk_size}).
     */
    public static long chunkSize(byte[] b, int off, int len) {
        int end = off + len;
        int i = skipWhitespace(b, off, end);
        long n = 0;
        int digits = 0;
        for (; i < end; i++) {
            int d = Character.digit(b[i], 16);
            if (d < 0) break;
            if (n > (Long.MAX_VALUE >> 4)) return -1;
            n = n << 4 | d;
            digits++;
        }
        return digits == 0 ? -1 : n;
    }

    /** RFC 2616 token characters: visible ASCII without separators. */
    static boolean isTokenChar(int c) {
        return c > 31 && c < 127 && "  ()<>@,;:\\\"/[]?={}\t".indexOf(c) < 0;
    }

    /** RFC 3986 reserved, unreserved and '%'. */
    static boolean isUriChar(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || ":/?#[]@!$&'()*+,;=-_.~%".indexOf(c) >= 0);
    }

    private static boolean isLws(byte c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int skipWhitespace(byte[] b, int i, int end) {
        while (i < end && isLws(b[i])) i++;
        return i;
    }

    private static boolean regionMatches(byte[] b, int off, int end, String s, boolean ignoreCase) {
        if (end - off < s.length()) return false;
        for (int i = 0; i < s.length(); i++) {
            int c = b[off + i], e = s.charAt(i);
            if (c != e && !(ignoreCase && Character.toLowerCase(c) == Character.toLowerCase(e))) return false;
        }
        return true;
    }

    static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
