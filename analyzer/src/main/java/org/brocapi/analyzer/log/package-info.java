/**
 * Log output, Zeek-exact: a {@code …LogEntry} record is the schema ({@link org.brocapi.analyzer.log.LogSchema}),
 * {@link org.brocapi.analyzer.log.LogOutput} hands out lazily created {@link org.brocapi.analyzer.log.LogStream}s,
 * and {@link org.brocapi.analyzer.log.ZeekTsvWriter} / {@link org.brocapi.analyzer.log.ZeekJsonWriter} write the bytes.
 */
package org.brocapi.analyzer.log;
