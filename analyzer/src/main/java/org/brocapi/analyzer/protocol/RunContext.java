package org.brocapi.analyzer.protocol;

import java.util.Set;

import org.brocapi.analyzer.conn.Uid;
import org.brocapi.analyzer.log.LogOutput;
import org.brocapi.analyzer.log.LogSchema;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.script.ScriptConfig;

/**
 * What a protocol gets once per run: the script configuration, the run's logs and its UID
 * generator (whose key also hashes script tables, see {@link Uid#hashKey}).
 */
public record RunContext(ScriptConfig config, LogOutput logs, Uid uids) {
    /** The log stream {@code path}.log with schema {@code type}; created lazily on first write. */
    public <R extends Record> LogStream<R> log(String path, Class<R> type) {
        return logs.stream(path, LogSchema.of(type, Set.of()));
    }

    public boolean loads(String script) {
        return config.invocation().loads(script);
    }
}
