package org.brocapi.analyzer.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the value of a redef in Zeek's literal syntax: booleans {@code T}/{@code F}, counts,
 * strings, intervals ({@code 5 secs}, {@code 2min}), sets {@code { a, b }} and tables
 * {@code { ["k"] = "v", … }}. Anything else is a {@link ScriptException} naming the redef.
 */
public final class RedefValue {
    private RedefValue() { }

    public static boolean bool(Redef r) {
        return switch (r.value()) {
            case "T" -> true;
            case "F" -> false;
            default -> throw bad(r, "a bool (T or F)");
        };
    }

    public static long count(Redef r) {
        try {
            return Long.parseLong(r.value().strip());
        } catch (NumberFormatException e) {
            throw bad(r, "a count");
        }
    }

    static String string(Redef r) {
        String v = r.value().strip();
        if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') throw bad(r, "a string");
        return unquote(v);
    }

    /** An interval in seconds. */
    static double interval(Redef r) {
        var m = java.util.regex.Pattern.compile("(-?[0-9.]+)\\s*(usecs?|msecs?|secs?|mins?|hrs?|days?)").matcher(r.value().strip());
        if (!m.matches()) throw bad(r, "an interval such as 5 secs");
        double n = Double.parseDouble(m.group(1));
        String u = m.group(2);
        double scale = u.startsWith("usec") ? 1e-6 : u.startsWith("msec") ? 1e-3 : u.startsWith("sec") ? 1
                : u.startsWith("min") ? 60 : u.startsWith("hr") ? 3600 : 86400;
        return n * scale;
    }

    /** The elements of a set literal, as source text, in order. */
    public static List<String> set(Redef r) {
        String v = r.value().strip();
        if (v.startsWith("set(") && v.endsWith(")")) v = "{" + v.substring(4, v.length() - 1) + "}";
        if (!v.startsWith("{") || !v.endsWith("}")) throw bad(r, "a set such as { a, b }");
        var out = new ArrayList<String>();
        for (String e : split(v.substring(1, v.length() - 1))) {
            if (!e.isBlank()) out.add(e.strip());
        }
        return out;
    }

    /** A set literal of strings, unquoted, in order. */
    public static List<String> stringSet(Redef r) {
        var out = new ArrayList<String>();
        for (String e : set(r)) {
            if (e.length() < 2 || !e.startsWith("\"") || !e.endsWith("\"")) throw bad(r, "a set of strings");
            out.add(unquote(e));
        }
        return out;
    }

    /** A table literal of strings to strings. */
    static Map<String, String> stringTable(Redef r) {
        var out = new LinkedHashMap<String, String>();
        for (String e : set(r)) {
            var m = java.util.regex.Pattern.compile("\\[\\s*(\".*\")\\s*]\\s*=\\s*(\".*\")").matcher(e);
            if (!m.matches()) throw bad(r, "a table such as { [\"a\"] = \"b\" }");
            out.put(unquote(m.group(1)), unquote(m.group(2)));
        }
        return out;
    }

    /** Splits on commas outside brackets and quotes. */
    private static List<String> split(String s) {
        var parts = new ArrayList<String>();
        int depth = 0;
        boolean quoted = false;
        var cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                cur.append(c);
                if (c == '\\' && i + 1 < s.length()) cur.append(s.charAt(++i));
                else if (c == '"') quoted = false;
                continue;
            }
            if (c == '"') quoted = true;
            else if (c == '[' || c == '(' || c == '{') depth++;
            else if (c == ']' || c == ')' || c == '}') depth--;
            else if (c == ',' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        parts.add(cur.toString());
        return parts;
    }

    private static String unquote(String q) {
        var out = new StringBuilder();
        for (int i = 1; i < q.length() - 1; i++) {
            char c = q.charAt(i);
            if (c == '\\' && i + 1 < q.length() - 1) c = q.charAt(++i);
            out.append(c);
        }
        return out.toString();
    }

    private static ScriptException bad(Redef r, String what) {
        return new ScriptException("cannot read the value of " + r + ": expected " + what);
    }
}
