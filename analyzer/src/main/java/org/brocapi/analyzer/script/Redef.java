package org.brocapi.analyzer.script;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code redef NAME OP VALUE;} statement, as written in a script or made from a command-line
 * {@code NAME=VALUE} parameter (Zeek rewrites those into {@code redef NAME = VALUE;}).
 *
 * @param name  the fully qualified identifier, e.g. {@code Site::local_nets}
 * @param op    {@code =}, {@code +=} or {@code -=}
 * @param value the value's source text, trimmed
 */
public record Redef(String name, String op, String value) {
    private static final Pattern STATEMENT =
            Pattern.compile("^\\s*redef\\s+([A-Za-z_][A-Za-z0-9_:]*)\\s*(\\+=|-=|=)\\s*(.*?)\\s*;?\\s*$", Pattern.DOTALL);

    /** Parses one statement; throws {@link ScriptException} naming what is not a simple redef. */
    public static Redef parse(String statement) {
        Matcher m = STATEMENT.matcher(statement);
        if (!m.matches()) throw new ScriptException("unsupported statement: " + statement.strip());
        return new Redef(m.group(1), m.group(2), m.group(3));
    }

    @Override
    public String toString() {
        return "redef " + name + " " + op + " " + value + ";";
    }
}
