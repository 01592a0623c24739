package org.brocapi.analyzer.log;

import java.time.ZonedDateTime;

/**
 * Turns rows of one log into bytes. Lifecycle, in order: {@link #header} once when the file is
 * created (lazily, on the first row, as Zeek does), {@link #row} per entry, {@link #footer} once
 * at clean shutdown. Implementations keep no per-row state beyond the buffer they are handed.
 */
public sealed interface LogFormatter permits ZeekTsvWriter, ZeekJsonWriter {

    void header(LineBuffer out, ZonedDateTime openedAt);

    /** Appends one row including its trailing newline. */
    void row(Object entry, LineBuffer out);

    void footer(LineBuffer out, ZonedDateTime closedAt);

    /** The writer Zeek's ASCII writer would be for these options: JSON when {@code use_json}, else TSV. */
    static LogFormatter create(String path, LogSchema<?> schema, LogOptions options) {
        return options.json() ? new ZeekJsonWriter(schema, options) : new ZeekTsvWriter(path, schema, options);
    }
}
