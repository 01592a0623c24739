package org.brocapi.service.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An INI file read the way Brocapi 1.0 read it: Python 2's {@code ConfigParser}, so an existing
 * {@code /etc/brocapi.conf} loads unchanged.
 *
 * <ul>
 *   <li>{@code [section]} headers (names case-sensitive); {@code key = value} or {@code key: value},
 *       split at the first {@code =} or {@code :}; keys lower-cased ({@code optionxform}).</li>
 *   <li>Whole-line comments start with {@code #} or {@code ;} (or the word {@code rem}); an inline
 *       comment is {@code ;} preceded by whitespace (Python 2 rule; {@code #} is not inline).</li>
 *   <li>An indented non-blank line continues the previous value, joined with {@code \n}.</li>
 *   <li>{@code [DEFAULT]} supplies values to every section; a value of {@code ""} means empty;
 *       {@code %(key)s} is interpolated from the section and DEFAULT (only when a value holds
 *       {@code %(}, so {@code bro25_%s} stays as written).</li>
 * </ul>
 */
public final class IniFile {
    public static final String DEFAULT = "DEFAULT";

    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    public static IniFile empty() {
        return new IniFile();
    }

    public static IniFile read(Path file) throws IOException, ConfigException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public static IniFile parse(String text, String origin) throws ConfigException {
        IniFile ini = new IniFile();
        Map<String, String> current = null;
        String lastKey = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            // Python 2 takes "rem" as a comment only at the start of a line; indented, it continues a value
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")
                    || (!Character.isWhitespace(line.charAt(0)) && stripped.split("\\s+", 2)[0].equalsIgnoreCase("rem"))) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && current != null && lastKey != null) {
                current.merge(lastKey, stripInlineComment(stripped), (a, b) -> a + "\n" + b);
                continue;
            }
            if (stripped.startsWith("[")) {
                int close = stripped.indexOf(']');
                if (close < 0) {
                    throw new ConfigException(origin + ":" + (i + 1) + ": section header without ']': " + stripped);
                }
                current = ini.sections.computeIfAbsent(stripped.substring(1, close), k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            if (current == null) {
                throw new ConfigException(origin + ":" + (i + 1) + ": key outside of any [section]: " + stripped);
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (sep <= 0) {
                throw new ConfigException(origin + ":" + (i + 1) + ": expected 'key = value': " + stripped);
            }
            lastKey = line.substring(0, sep).strip().toLowerCase(Locale.ROOT);
            String value = stripInlineComment(line.substring(sep + 1)).strip();
            current.put(lastKey, value.equals("\"\"") ? "" : value);
        }
        return ini;
    }

    private static String stripInlineComment(String value) {
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) == ';' && Character.isWhitespace(value.charAt(i - 1))) {
                return value.substring(0, i).strip();
            }
        }
        return value;
    }

    /** The value of {@code key} in {@code section}, falling back to DEFAULT, interpolated. */
    public Optional<String> get(String section, String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String raw = lookup(section, k);
        return raw == null ? Optional.empty() : Optional.of(interpolate(section, raw, 0));
    }

    private String lookup(String section, String key) {
        Map<String, String> s = sections.get(section);
        if (s != null && s.containsKey(key)) {
            return s.get(key);
        }
        Map<String, String> d = sections.get(DEFAULT);
        return d == null ? null : d.get(key);
    }

    private String interpolate(String section, String value, int depth) {
        // ConfigParser only runs "value % vars" when the value holds "%(" (MAX_INTERPOLATION_DEPTH 10)
        if (!value.contains("%(") || depth > 10) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 1 < value.length() && value.charAt(i + 1) == '%') {
                out.append('%');
                i++;
            } else if (c == '%' && value.startsWith("(", i + 1) && value.indexOf(")s", i) > 0) {
                int end = value.indexOf(")s", i);
                String ref = lookup(section, value.substring(i + 2, end).toLowerCase(Locale.ROOT));
                out.append(ref == null ? value.substring(i, end + 2) : interpolate(section, ref, depth + 1));
                i = end + 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Sets a value (environment overrides use this); creates the section when missing. */
    public void set(String section, String key, String value) {
        sections.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key.toLowerCase(Locale.ROOT), value);
    }

    public List<String> sections() {
        return new ArrayList<>(sections.keySet());
    }

    public Map<String, String> section(String name) {
        return Map.copyOf(sections.getOrDefault(name, Map.of()));
    }
}
