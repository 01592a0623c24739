package org.brocapi.analyzer.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zeek's file-type detection ({@code file_analysis::Manager::DetectMIME} over the bof buffer):
 * every rule of {@code mime-signatures.txt} whose pattern matches a prefix of the data is a
 * candidate, the highest strength wins, ties go to the smallest type name. The table's header
 * says how Zeek's file-magic rules were restated. Thread-safe: the table is immutable and each
 * call uses its own matchers.
 */
public final class MimeSniffer {
    private static final String TABLE = "mime-signatures.txt";
    private static final Pattern MACRO = Pattern.compile("\\{([A-Z]+)\\}");
    private static final Pattern SKIP = Pattern.compile("\\.\\{(\\d+)\\}");
    private static final VarHandle I64_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L, LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final MimeSniffer DEFAULT = load();

    /**
     * One rule: the type it names, its strength, and its pattern; {@code prefix} holds the bytes
     * every match starts with, {@code fixed} bytes every match has at offset {@code fixedAt} (the
     * literal after a leading {@code .{N}}) and {@code needle} bytes every match contains somewhere
     * (each possibly none), all checked before the regex runs. The regexes are compiled on first use:
     * most rules are ruled out by their literal prefix and never need one, and compiling all 226
     * up front was a good part of a short capture's start-up. Thread-safe (a race compiles twice).
     */
    public static final class Rule {
        private final int strength;
        private final String mimeType;
        private final String regex;
        private final byte[] prefix;
        private final byte[] needle;
        private final int fixedAt;
        private final byte[] fixed;
        private final boolean anywhereForm;
        final FirstBytes firstBytes = new FirstBytes(this);
        private volatile Pattern pattern;
        private volatile Pattern anywhere;

        Rule(int strength, String mimeType, String regex) {
            this.strength = strength;
            this.mimeType = mimeType;
            this.regex = regex;
            this.prefix = MimeSniffer.literalPrefix(regex);
            this.needle = MimeSniffer.needle(regex);
            Matcher skip = SKIP.matcher(regex);
            // `.{369}MICROSOFT PIFEX\x00`: the regex steps over the 369 bytes one by one; the
            // literal after them is compared in place instead, and the regex runs only on a hit
            this.fixedAt = skip.lookingAt() ? Integer.parseInt(skip.group(1)) : 0;
            this.fixed = fixedAt > 0 ? literalPrefix(regex.substring(skip.end())) : new byte[0];
            this.anywhereForm = anywhereRest(regex) != null;
        }

        public int strength() {
            return strength;
        }

        public String mimeType() {
            return mimeType;
        }

        public byte[] prefix() {
            return prefix;
        }

        public byte[] needle() {
            return needle;
        }

        /** Where {@link #fixed} must stand in a match (0 when the rule has no leading {@code .{N}}). */
        public int fixedAt() {
            return fixedAt;
        }

        public byte[] fixed() {
            return fixed;
        }

        /** The rule's regex, matched with {@code lookingAt()} at offset 0 (DOTALL). */
        public Pattern pattern() {
            Pattern p = pattern;
            if (p == null) pattern = p = Pattern.compile(regex, Pattern.DOTALL);
            return p;
        }

        /** For a rule {@code .*REST}: REST, to be found anywhere ({@link #anywhereRest}); else null. */
        public Pattern anywhere() {
            if (!anywhereForm) return null;
            Pattern p = anywhere;
            if (p == null) anywhere = p = Pattern.compile(anywhereRest(regex), Pattern.DOTALL);
            return p;
        }
    }

    /**
     * Bytes that a match of {@code re} must contain, found without the regex: the literal start of
     * REST in {@code .*REST}, or of A in a rule opening with {@code (?>.*?A)} (the table's form of
     * "A somewhere, then …"). Empty when neither applies or the piece has an alternative.
     */
    static byte[] needle(String re) {
        String rest = anywhereRest(re);
        if (rest != null) return literalPrefix(rest);
        if (re.startsWith("(?>.*?")) {
            int depth = 0;
            for (int i = 6; i < re.length(); i++) {
                char c = re.charAt(i);
                if (c == '\\') i++;
                else if (c == '[') return new byte[0]; // keep it simple: no classes in the piece
                else if (c == '(') depth++;
                else if (c == ')' && depth-- == 0) return literalPrefix(re.substring(6, i));
            }
        }
        return new byte[0];
    }

    /**
     * For a rule {@code .*REST} (DOTALL, no alternative): matching it at offset 0 is the same as
     * finding REST anywhere, which the regex engine does with a fast literal scan instead of
     * backtracking from the buffer's end. REST, or null for other rules.
     */
    static String anywhereRest(String re) {
        if (!re.startsWith(".*") || re.length() < 3 || re.charAt(2) == '?' || re.charAt(2) == '+'
                || re.indexOf('|') >= 0) {
            return null;
        }
        return re.substring(2);
    }

    /**
     * The bytes a match can start with: a pattern that fails on a one-byte input without reaching
     * its end ({@code hitEnd()} false) fails on every input starting with that byte. Lets sniff()
     * skip most regexes on the first byte alone. Each byte is tried the first time a buffer starts
     * with it (226 rules × 256 bytes up front cost more than a short capture's whole sniffing).
     * Thread-safe: concurrent callers at worst compute the same answer twice.
     */
    static final class FirstBytes {
        private static final byte UNKNOWN = 0, YES = 1, NO = 2;
        private final Rule rule;
        private final byte[] state = new byte[256];

        FirstBytes(Rule rule) {
            this.rule = rule;
        }

        boolean admits(int b) {
            byte s = state[b];
            if (s == UNKNOWN) {
                Matcher m = rule.pattern().matcher(String.valueOf((char) b));
                s = m.lookingAt() || m.hitEnd() ? YES : NO;
                state[b] = s;
            }
            return s == YES;
        }
    }

    private final List<Rule> rules;

    private MimeSniffer(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static MimeSniffer get() {
        return DEFAULT;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The winning type for {@code data[off, off+len)}, or null when no rule matches. */
    public String sniff(byte[] data, int off, int len) {
        if (len <= 0) return null;
        String text = null;
        Rule best = null;
        for (Rule r : rules) {
            if (best != null && (r.strength < best.strength
                    || r.strength == best.strength && r.mimeType.compareTo(best.mimeType) >= 0)) {
                continue; // cannot beat the current winner: skip the regex
            }
            // a literal prefix says more than the first-byte filter, and needs no regex to test
            if (r.prefix.length > 0 ? !startsWith(data, off, len, r.prefix) : !r.firstBytes.admits(data[off] & 0xff)) {
                continue;
            }
            if (r.fixed.length > 0
                    && (len < r.fixedAt || !startsWith(data, off + r.fixedAt, len - r.fixedAt, r.fixed))) {
                continue;
            }
            int at = indexOf(data, off, len, r.needle);
            if (at < 0) continue;
            if (text == null) text = new String(data, off, len, StandardCharsets.ISO_8859_1);
            // an anywhere-rule's match starts with its needle: none starts before the first one
            boolean hit = r.anywhereForm ? r.anywhere().matcher(text).find(at) : r.pattern().matcher(text).lookingAt();
            if (hit) best = r;
        }
        return best == null ? null : best.mimeType;
    }

    /**
     * Where {@code needle} first occurs in {@code data[off, off+len)}, relative to off; 0 for an
     * empty needle. Most calls miss and read the whole bof buffer, so the needle's first byte is
     * looked for eight bytes at a time: the word XOR that byte repeated has a zero byte exactly
     * where they are equal, and the classic exact zero-byte test (Hacker's Delight §6-1) marks
     * those with their top bit. Several times faster than a byte loop, which C1 (the launcher's
     * JIT for most captures) neither unrolls nor vectorises.
     */
    static int indexOf(byte[] data, int off, int len, byte[] needle) {
        if (needle.length == 0) return 0;
        int last = off + len - needle.length; // the last possible start
        if (last < off) return -1;
        long repeated = (needle[0] & 0xffL) * ONES;
        int i = off;
        for (int wordEnd = off + len - Long.BYTES; i <= wordEnd; i += Long.BYTES) {
            long x = (long) I64_LE.get(data, i) ^ repeated;
            long zeros = ~(((x & LOW7) + LOW7) | x | LOW7);
            while (zeros != 0) {
                int at = i + (Long.numberOfTrailingZeros(zeros) >>> 3);
                if (at > last) return -1;
                if (matchesAt(data, at, needle)) return at - off;
                zeros &= zeros - 1;
            }
        }
        for (; i <= last; i++) if (data[i] == needle[0] && matchesAt(data, i, needle)) return i - off;
        return -1;
    }

    private static boolean matchesAt(byte[] data, int at, byte[] needle) {
        for (int j = 1; j < needle.length; j++) if (data[at + j] != needle[j]) return false;
        return true;
    }

    private static boolean startsWith(byte[] data, int off, int len, byte[] prefix) {
        if (prefix.length > len) return false;
        for (int i = 0; i < prefix.length; i++) if (data[off + i] != prefix[i]) return false;
        return true;
    }

    /**
     * The literal bytes a pattern must start with: its leading plain characters and {@code \xhh}
     * escapes, up to the first construct that is not a single fixed byte (and none when the
     * pattern has a top-level alternative).
     */
    static byte[] literalPrefix(String re) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') i++;
            else if (inClass) inClass = c != ']';
            else if (c == '[') inClass = true;
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == '|' && depth == 0) return new byte[0];
        }
        var out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            int b, next;
            if (c == '\\' && i + 1 < re.length()) {
                char e = re.charAt(i + 1);
                if (e == 'x' && i + 3 < re.length()) {
                    b = Integer.parseInt(re.substring(i + 2, i + 4), 16);
                    next = i + 4;
                } else if (e == 'n' || e == 'r' || e == 't') {
                    b = e == 'n' ? '\n' : e == 'r' ? '\r' : '\t';
                    next = i + 2;
                } else if (Character.isLetterOrDigit(e)) {
                    break; // a class such as \s
                } else {
                    b = e;
                    next = i + 2;
                }
            } else if (".[](){}*+?|^$".indexOf(c) >= 0) {
                break;
            } else {
                b = c;
                next = i + 1;
            }
            char q = next < re.length() ? re.charAt(next) : 0;
            if (q == '?' || q == '*' || q == '{') break; // optional or repeated: not fixed
            out.write(b);
            if (q == '+') break;
            i = next;
        }
        return out.toByteArray();
    }

    static MimeSniffer load() {
        try (InputStream in = MimeSniffer.class.getResourceAsStream(TABLE)) {
            if (in == null) throw new IllegalStateException("resource " + TABLE + " is missing");
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + TABLE, e);
        }
    }

    static MimeSniffer parse(BufferedReader r) throws IOException {
        Map<String, String> macros = new HashMap<>();
        List<Rule> rules = new ArrayList<>();
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            try {
                if (line.startsWith("@")) {
                    if (f.length != 2) throw new IllegalArgumentException("a macro is @NAME<TAB>regex");
                    macros.put(f[0].substring(1), expand(f[1], macros));
                    continue;
                }
                if (f.length != 3) throw new IllegalArgumentException("a rule is strength<TAB>type<TAB>regex");
                rules.add(new Rule(Integer.parseInt(f[0].strip()), f[1], expand(f[2], macros)));
            } catch (RuntimeException e) {
                throw new IllegalStateException(TABLE + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        // strongest first, so sniff() can skip rules that cannot win
        rules.sort((a, b) -> a.strength != b.strength ? Integer.compare(b.strength, a.strength)
                : a.mimeType.compareTo(b.mimeType));
        return new MimeSniffer(rules);
    }

    private static String expand(String regex, Map<String, String> macros) {
        var m = MACRO.matcher(regex);
        var sb = new StringBuilder();
        while (m.find()) {
            String v = macros.get(m.group(1));
            if (v == null) throw new IllegalArgumentException("unknown macro {" + m.group(1) + "}");
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
