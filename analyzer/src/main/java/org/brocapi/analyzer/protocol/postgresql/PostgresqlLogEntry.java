package org.brocapi.analyzer.protocol.postgresql;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of postgresql.log (Zeek's {@code PostgreSQL::Info}), columns in Zeek's order. */
public record PostgresqlLogEntry(
        /* Timestamp for when the activity happened. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID for the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* The user as found in the StartupMessage. */
        byte[] user,
        /* The database as found in the StartupMessage. */
        byte[] database,
        /* The application name as found in the StartupMessage. */
        byte[] applicationName,
        /* The command or message from the frontend. */
        byte[] frontend,
        /* Arguments for the command. */
        byte[] frontendArg,
        /* The reply from the backend. */
        byte[] backend,
        /* Arguments for the reply from the backend. */
        byte[] backendArg,
        /* Whether the login/query was successful. */
        Boolean success,
        /* The number of rows returned or affected. */
        Long rows) {
}
