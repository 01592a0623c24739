package org.brocapi.analyzer.protocol;

import java.util.Set;
import java.util.function.Consumer;

import org.brocapi.analyzer.conn.TimerQueue;
import org.brocapi.analyzer.conn.Uid;
import org.brocapi.analyzer.files.FileManager;
import org.brocapi.analyzer.files.FilesLogEntry;
import org.brocapi.analyzer.log.LogOutput;
import org.brocapi.analyzer.log.LogSchema;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.packet.Encapsulation;
import org.brocapi.analyzer.script.ScriptConfig;

/**
 * What a protocol gets once per run: the script configuration, the run's logs, the run's file
 * analysis ({@link #files()}: hand file contents there, Zeek's {@code file_mgr}), its UID
 * generator ({@link #uids()}, whose key also orders script tables, see {@link Uid#hashKey}) and
 * {@link #tunnels()}, Zeek's {@code Tunnel::register} for the tunnels a protocol opens itself
 * (HTTP CONNECT, SOCKS); it does nothing when base/frameworks/tunnels is not loaded.
 */
public record RunContext(ScriptConfig config, LogOutput logs, FileManager files, Uid uids,
                         Consumer<Encapsulation> tunnels) {
    /** A context whose file analysis runs on the given timer queue (the run's network time). */
    public RunContext(ScriptConfig config, LogOutput logs, TimerQueue timers, Uid uids,
                      Consumer<Encapsulation> tunnels) {
        this(config, logs, newFileManager(config, logs, timers), uids, tunnels);
    }

    /** As above without tunnel registration (tests). */
    public RunContext(ScriptConfig config, LogOutput logs, TimerQueue timers, Uid uids) {
        this(config, logs, timers, uids, e -> { });
    }

    /** As above with an unseeded UID generator (tests). */
    public RunContext(ScriptConfig config, LogOutput logs, TimerQueue timers) {
        this(config, logs, timers, Uid.random());
    }

    /** For tests without a packet loop: file timers live on a queue of their own that never advances. */
    public RunContext(ScriptConfig config, LogOutput logs) {
        this(config, logs, new TimerQueue());
    }

    /** The log stream {@code path}.log with schema {@code type}; created lazily on first write. */
    public <R extends Record> LogStream<R> log(String path, Class<R> type) {
        return logs.stream(path, LogSchema.deferred(type, Set.of()));
    }

    public boolean loads(String script) {
        return config.invocation().loads(script);
    }

    /** files.log gets md5/sha1/sha256 with base/files/hash and the extract columns with base/files/extract. */
    private static FileManager newFileManager(ScriptConfig config, LogOutput logs, TimerQueue timers) {
        var policy = config.filePolicy();
        Set<String> features = new java.util.HashSet<>();
        if (policy.hashColumns()) features.add("hash");
        if (policy.extractColumns()) features.add("extract");
        LogStream<FilesLogEntry> files = logs.stream("files", LogSchema.deferred(FilesLogEntry.class, features));
        var inv = config.invocation();
        return new FileManager(policy, timers, files::write, config.localNets(),
                FileManager.mimeAnalyzers(inv.loads("base/files/x509/main"), inv.loads("base/files/pe/main")));
    }
}
