package org.brocapi.analyzer.protocol.mime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.brocapi.analyzer.protocol.http.HttpParser;

/**
 * The lexical pieces of MIME headers (RFC 2045 §5.1, RFC 822 comments) the way Zeek's MIME
 * analyzer reads them: a token skips leading whitespace and comments (and stray separators), a
 * header value is everything after the colon minus leading whitespace. Pure; strings are
 * ISO-8859-1 so bytes round-trip.
 */
public final class MimeText {
    private MimeText() { }

    private static final Pattern FILENAME_IN_DISPOSITION = Pattern.compile("[fF][iI][lL][eE][nN][aA][mM][eE][ \t]*\\*?=");
    private static final Pattern NAME_IN_TYPE = Pattern.compile("[nN][aA][mM][eE][ \t]*=");
    private static final Pattern UP_TO_NAME = Pattern.compile("^.*[nN][aA][mM][eE][ \t]*\\*?=[ \t]*", Pattern.DOTALL);
    private static final Pattern LANGUAGE = Pattern.compile("^[a-zA-Z0-9!#$%&+-^_`{}~]+'[a-zA-Z0-9!#$%&+-^_`{}~]*'");
    private static final Pattern UP_TO_LAST_QUOTE = Pattern.compile("^.+'.*'", Pattern.DOTALL);

    /**
     * The entity filename an HTTP or SMTP entities.zeek {@code mime_one_header} handler takes from
     * this header (Content-Disposition with a filename, Content-Type with a name), or null.
     */
    public static byte[] entityFilename(String upperName, byte[] value) {
        String v = new String(value, StandardCharsets.ISO_8859_1);
        if (upperName.equals("CONTENT-DISPOSITION") && FILENAME_IN_DISPOSITION.matcher(v).find()
                || upperName.equals("CONTENT-TYPE") && NAME_IN_TYPE.matcher(v).find())
            return filenameFromContentDisposition(v);
        return null;
    }

    /** base/utils/files.zeek's {@code extract_filename_from_content_disposition}. */
    public static byte[] filenameFromContentDisposition(String data) {
        String f = UP_TO_NAME.matcher(data).replaceFirst("");
        if (f.startsWith("\"")) {
            int close = f.indexOf('"', 1);
            f = close < 0 ? f.substring(1) : f.substring(1, close);
        }
        if (LANGUAGE.matcher(f).find()) f = UP_TO_LAST_QUOTE.matcher(f).replaceFirst("");
        byte[] b = f.getBytes(StandardCharsets.ISO_8859_1);
        return HttpParser.unescapeUri(b, 0, b.length, w -> { }).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A header line split into name and value (Zeek's {@code MIME_Header}). */
    public record Header(String name, byte[] value) { }

    /** Null when the line has no field name or no colon after it. */
    public static Header header(byte[] line) {
        String s = new String(line, StandardCharsets.ISO_8859_1);
        int i = skipLwsComments(s, 0);
        int nameStart = -1, nameEnd = -1;
        while (i < s.length()) {
            if (isFieldNameChar(s.charAt(i))) {
                nameStart = i;
                while (i < s.length() && isFieldNameChar(s.charAt(i))) i++;
                nameEnd = i;
                break;
            }
            int j = skipLwsComments(s, i);
            i = j > i ? j : i + 1;
        }
        if (nameStart < 0) return null;
        i = skipLwsComments(s, nameEnd);
        if (i >= s.length() || s.charAt(i) != ':') return null;
        i++;
        while (i < s.length() && isSpace(s.charAt(i))) i++;
        return new Header(s.substring(nameStart, nameEnd), Arrays.copyOfRange(line, i, line.length));
    }

    /** C's isspace(): blank, tab, LF, VT, FF, CR. */
    private static boolean isSpace(char c) {
        return c == ' ' || c >= 9 && c <= 13;
    }

    private static boolean isFieldNameChar(char c) {
        return c >= 33 && c <= 126 && c != ':';
    }

    private static boolean isTspecial(char c, boolean boundary) {
        return boundary ? c == '"' : "()<>@,;:\\\"/[]?=".indexOf(c) >= 0;
    }

    private static boolean isTokenChar(char c, boolean boundary) {
        return c >= 33 && c <= 126 && !isTspecial(c, boundary);
    }

    private static boolean isLws(char c) {
        return c == ' ' || c == '\t';
    }

    /** Skips one RFC 822 comment starting at {@code i} (nested, with quoted pairs). */
    private static int skipComment(String s, int i) {
        if (i >= s.length() || s.charAt(i) != '(') return i;
        int depth = 0;
        for (int k = i; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '(') depth++;
            else if (c == ')') {
                if (--depth == 0) return k + 1;
            } else if (c == '\\') k++;
        }
        return s.length();
    }

    public static int skipLwsComments(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isLws(c)) i++;
            else if (c == '(') i = skipComment(s, i);
            else return i;
        }
        return s.length();
    }

    /** The first token at or after {@code from}, or null (Zeek's {@code MIME_get_token}). */
    public static String token(String s, int from) {
        return token(s, new int[] {from});
    }

    /** As {@link #token(String, int)}; {@code pos[0]} moves past the token. */
    public static String token(String s, int[] pos) {
        return token(s, pos, false);
    }

    private static String token(String s, int[] pos, boolean boundary) {
        int i = boundary ? pos[0] : skipLwsComments(s, pos[0]);
        while (i < s.length()) {
            if (isTokenChar(s.charAt(i), boundary)) {
                int j = i;
                while (j < s.length() && isTokenChar(s.charAt(j), boundary)) j++;
                pos[0] = j;
                return s.substring(i, j);
            }
            int j = skipLwsComments(s, i);
            i = j > i ? j : i + 1;
        }
        return null;
    }

    /** A quoted string's content with quoted pairs decoded, or null when it is not closed. */
    private static String quoted(String s, int[] pos) {
        int i = skipLwsComments(s, pos[0]);
        if (i >= s.length() || s.charAt(i) != '"') return null;
        for (int k = i + 1; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"') {
                pos[0] = k + 1;
                var out = new StringBuilder();
                for (int m = i + 1; m < k; m++) {
                    if (s.charAt(m) == '\\') {
                        if (++m < k) out.append(s.charAt(m));
                    } else out.append(s.charAt(m));
                }
                return out.toString();
            }
            if (c == '\\') k++;
        }
        return null;
    }

    /**
     * The {@code boundary} parameter among the {@code ;attr=value} parameters from {@code i} of a
     * Content-Type value (Zeek's {@code ParseFieldParameters}), the last one winning; null when
     * there is none or {@code multipart} is false.
     */
    public static byte[] boundaryParameter(String s, int i, boolean multipart) {
        String boundary = null;
        int[] pos = {i};
        while (true) {
            int k = skipLwsComments(s, pos[0]);
            if (k >= s.length() || s.charAt(k) != ';') break;
            pos[0] = k + 1;
            String attr = token(s, pos);
            if (attr == null) break;
            k = skipLwsComments(s, pos[0]);
            if (k >= s.length() || s.charAt(k) != '=') {
                pos[0] = k;
                continue;
            }
            pos[0] = k + 1;
            boolean isBoundary = multipart && attr.equalsIgnoreCase("boundary");
            String value;
            int at = isBoundary ? pos[0] : skipLwsComments(s, pos[0]);
            if (at < s.length() && s.charAt(at) == '"') {
                pos[0] = at;
                value = quoted(s, pos);
            } else {
                pos[0] = at;
                value = token(s, pos, isBoundary);
            }
            if (value == null) continue;
            if (isBoundary) boundary = value;
        }
        return boundary == null ? null : boundary.getBytes(StandardCharsets.ISO_8859_1);
    }
}
