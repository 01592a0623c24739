package org.brocapi.analyzer.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A zeek command line, understood: {@code [-b] [-C] -r FILE|- [SCRIPT | FILE.zeek | NAME=VALUE]…}.
 *
 * <p>Scripts are resolved against Zeek's own script names ({@link ZeekScripts}); a {@code .zeek}
 * file given by path may hold {@code @load}, {@code @load-sigs} and {@code redef} lines and
 * comments. Anything else (an unknown option, script, or statement) is a {@link ScriptException}
 * naming it: it would change what Zeek logs, so ignoring it silently would give wrong logs.
 *
 * @param bare            {@code -b}: only base/init-bare plus what is loaded explicitly
 * @param ignoreChecksums {@code -C}
 * @param readFile        the {@code -r} argument ({@code -} for stdin), null for none
 * @param loaded          every script loaded, transitively, by canonical name
 * @param redefs          redefs in the order Zeek applies them: script files first, then params
 * @param version         {@code --version} was asked for
 * @param scriptArgs      the script and {@code NAME=VALUE} arguments as given, in order
 */
public record ZeekInvocation(boolean bare, boolean ignoreChecksums, String readFile, Set<String> loaded,
                             List<Redef> redefs, boolean version, List<String> scriptArgs) {

    public static ZeekInvocation parse(List<String> args) {
        boolean bare = false, checksums = false, version = false;
        String read = null;
        var scripts = new ArrayList<String>();
        var redefs = new ArrayList<Redef>();
        var params = new ArrayList<Redef>();
        var scriptArgs = new ArrayList<String>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--version") || a.equals("-v")) {
                version = true;
            } else if (a.equals("--bare-mode")) {
                bare = true;
            } else if (a.equals("--readfile")) {
                read = operand(args, ++i, a);
            } else if (a.startsWith("-") && a.length() > 1 && !a.startsWith("--")) {
                // short options cluster as in getopt: -Cr FILE, -bC
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    switch (c) {
                        case 'b' -> bare = true;
                        case 'C' -> checksums = true;
                        case 'r' -> {
                            read = j + 1 < a.length() ? a.substring(j + 1) : operand(args, ++i, "-r");
                            j = a.length();
                        }
                        default -> throw new ScriptException("unsupported zeek option -" + c);
                    }
                }
            } else if (a.startsWith("--")) {
                throw new ScriptException("unsupported zeek option " + a);
            } else if (a.matches("[A-Za-z_][A-Za-z0-9_:]*=.*")) {
                int eq = a.indexOf('=');
                params.add(new Redef(a.substring(0, eq), "=", a.substring(eq + 1)));
                scriptArgs.add(a);
            } else {
                scripts.add(a);
                scriptArgs.add(a);
            }
        }
        var index = ZeekScripts.get();
        var loaded = new LinkedHashSet<String>();
        index.closure("base/init-bare", loaded);
        index.closure("base/init-frameworks-and-bifs", loaded);
        if (!bare) index.closure("base/init-default", loaded);
        for (String s : scripts) {
            Path file = Path.of(s);
            if (s.endsWith(".zeek") && Files.isRegularFile(file)) {
                readScriptFile(file, loaded, redefs);
            } else {
                String name = index.resolve(s).orElseThrow(() -> new ScriptException("unknown script " + s));
                index.closure(name, loaded);
            }
        }
        redefs.addAll(params);
        for (Redef r : redefs) {
            if (!index.isOption(r.name())) throw new ScriptException("unknown option in " + r);
        }
        return new ZeekInvocation(bare, checksums, read, loaded, List.copyOf(redefs), version, List.copyOf(scriptArgs));
    }

    /** True when the named script (canonical name, e.g. base/protocols/conn/main) is loaded. */
    public boolean loads(String script) {
        return loaded.contains(script);
    }

    private static void readScriptFile(Path file, Set<String> loaded, List<Redef> redefs) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScriptException("cannot read script " + file + ": " + e.getMessage());
        }
        var index = ZeekScripts.get();
        var statement = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = stripComment(raw).strip();
            if (line.isEmpty()) continue;
            if (statement.isEmpty() && line.startsWith("@load-sigs")) {
                continue; // signature files only refine DPD; our detection is built in
            }
            if (statement.isEmpty() && line.startsWith("@load")) {
                String target = line.substring("@load".length()).strip();
                String name = index.resolve(target).orElseThrow(
                        () -> new ScriptException("unknown script " + target + " (loaded by " + file + ")"));
                index.closure(name, loaded);
                continue;
            }
            if (statement.isEmpty() && !line.startsWith("redef ")) {
                throw new ScriptException("unsupported statement in " + file + ": " + line);
            }
            statement.append(statement.isEmpty() ? "" : " ").append(line);
            if (line.endsWith(";")) {
                redefs.add(Redef.parse(statement.toString()));
                statement.setLength(0);
            }
        }
        if (!statement.isEmpty()) throw new ScriptException("unterminated statement in " + file + ": " + statement);
    }

    /** Drops a {@code #} comment that is not inside a string literal. */
    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') i++;
            else if (c == '"') quoted = !quoted;
            else if (c == '#' && !quoted) return line.substring(0, i);
        }
        return line;
    }

    private static String operand(List<String> args, int i, String option) {
        if (i >= args.size()) throw new ScriptException("option " + option + " needs an argument");
        return args.get(i);
    }
}
