package org.brocapi.analyzer.script;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names of Zeek's scripts and their {@code @load} edges (generated from Zeek v8.0's scripts
 * directory by scripts/gen-zeek-script-index.py), and the option identifiers they declare.
 *
 * <p>Name resolution follows Zeek's ZEEKPATH: a name is looked up relative to the scripts root,
 * then {@code policy/}, then {@code site/} ({@code local} is {@code site/local}); a trailing
 * {@code .zeek} is dropped and a directory stands for its {@code __load__.zeek}.
 */
public final class ZeekScripts {
    private static final String[] SEARCH = {"", "policy/", "site/"};
    private static final ZeekScripts INSTANCE = new ZeekScripts();

    private final Map<String, List<String>> loads = new HashMap<>();
    private final Set<String> options = new HashSet<>();
    private final Map<String, List<String>> serverPorts = new HashMap<>();

    private ZeekScripts() {
        for (String line : lines("zeek-scripts.tsv")) {
            String[] f = line.split("\t");
            loads.put(f[0], List.of(f).subList(1, f.length));
        }
        options.addAll(lines("zeek-options.txt"));
        for (String line : lines("zeek-server-ports.tsv")) {
            String[] f = line.split("\t");
            serverPorts.put(f[0], List.of(f).subList(1, f.length));
        }
    }

    /** The ports ({@code 80/tcp}) the loaded scripts add to {@code likely_server_ports}. */
    public List<String> likelyServerPorts(Set<String> loaded) {
        var out = new java.util.ArrayList<String>();
        for (var e : serverPorts.entrySet()) if (loaded.contains(e.getKey())) out.addAll(e.getValue());
        return out;
    }

    public static ZeekScripts get() {
        return INSTANCE;
    }

    /** The canonical name of a script argument or {@code @load} target, if Zeek has it. */
    public Optional<String> resolve(String target) {
        String t = target.endsWith(".zeek") ? target.substring(0, target.length() - 5) : target;
        while (t.endsWith("/")) t = t.substring(0, t.length() - 1);
        if (t.endsWith("/__load__")) t = t.substring(0, t.length() - "/__load__".length());
        for (String prefix : SEARCH) {
            if (loads.containsKey(prefix + t)) return Optional.of(prefix + t);
        }
        return Optional.empty();
    }

    /** Adds {@code name} and everything it loads, transitively, to {@code into}. */
    public void closure(String name, Set<String> into) {
        var todo = new ArrayDeque<String>();
        todo.add(name);
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (into.add(n)) todo.addAll(loads.getOrDefault(n, List.of()));
        }
    }

    /** True when Zeek's scripts declare {@code identifier} as an option or a redef-able constant. */
    public boolean isOption(String identifier) {
        return options.contains(identifier);
    }

    private static Set<String> lines(String resource) {
        var out = new LinkedHashSet<String>();
        try (var in = ZeekScripts.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String l; (l = r.readLine()) != null; ) if (!l.isBlank()) out.add(l);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
