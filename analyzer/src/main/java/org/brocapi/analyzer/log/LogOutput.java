package org.brocapi.analyzer.log;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The logs of one analysis in one directory: {@code <dir>/<path>.log} per stream, any number
 * open at once. Files appear only with their first row; {@link #close()} writes every
 * {@code #close} line and reports rows per created file, in file creation order. Not
 * {@code AutoCloseable} because {@code close()} returns that report; call it in a {@code finally}.
 *
 * <pre>{@code
 * LogOutput logs = new LogOutput(dir, LogOptions.defaults());
 * LogStream<ConnLogEntry> conn = logs.stream("conn", ConnLogEntry.class, Set.of("mac-logging"));
 * conn.write(entry);
 * Map<String, Long> rows = logs.close();   // {conn=1}
 * }</pre>
 */
public final class LogOutput {
    private final Path dir;
    private final LogOptions options;
    private final Map<String, LogStream<?>> streams = new HashMap<>();
    private final List<LogStream<?>> createdOrder = new ArrayList<>();
    private Map<String, Long> result;

    public LogOutput(Path dir, LogOptions options) {
        this.dir = dir;
        this.options = options;
    }

    public LogOptions options() {
        return options;
    }

    public Path directory() {
        return dir;
    }

    /** The stream for {@code path} with no optional features enabled. */
    public <R extends Record> LogStream<R> stream(String path, Class<R> type) {
        return stream(path, LogSchema.of(type));
    }

    public <R extends Record> LogStream<R> stream(String path, Class<R> type, Set<String> enabledFeatures) {
        return stream(path, LogSchema.of(type, enabledFeatures));
    }

    public <R extends Record> LogStream<R> stream(String path, Class<R> type,
            java.util.function.Predicate<String> featureEnabled) {
        return stream(path, LogSchema.of(type, featureEnabled));
    }

    /**
     * The stream for {@code path}; asking again for the same path returns the same stream when the
     * schema is the same record type and columns, and fails otherwise.
     */
    @SuppressWarnings("unchecked")
    public synchronized <R extends Record> LogStream<R> stream(String path, LogSchema<R> schema) {
        if (result != null) {
            throw new IllegalStateException("log output " + dir + " is closed");
        }
        if (path.isEmpty() || path.contains("/") || path.contains("\\") || path.startsWith(".")) {
            throw new IllegalArgumentException("a log path is a plain file stem, not '" + path + "'");
        }
        LogStream<?> existing = streams.get(path);
        if (existing != null) {
            if (!existing.schema().sameAs(schema)) {
                throw new IllegalArgumentException("log " + path + " is already open with schema " + existing.schema());
            }
            return (LogStream<R>) existing;
        }
        LogStream<R> s = new LogStream<>(path, dir.resolve(path + ".log"), schema, this);
        streams.put(path, s);
        return s;
    }

    synchronized void created(LogStream<?> s) {
        createdOrder.add(s);
    }

    /** Paths of the files created so far, in creation order. */
    public synchronized List<String> createdPaths() {
        return createdOrder.stream().map(LogStream::path).toList();
    }

    /**
     * Finishes every stream ({@code #close} lines) and returns rows written per created file in
     * creation order. Idempotent: a second call returns the same map.
     */
    public synchronized Map<String, Long> close() {
        if (result != null) {
            return result;
        }
        UncheckedIOException first = null;
        for (LogStream<?> s : streams.values()) {
            try {
                s.close();
            } catch (UncheckedIOException e) {
                // keep closing the others: one full disk must not lose the rest
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (LogStream<?> s : createdOrder) {
            rows.put(s.path(), s.rows());
        }
        result = Collections.unmodifiableMap(rows);
        if (first != null) {
            throw first;
        }
        return result;
    }
}
