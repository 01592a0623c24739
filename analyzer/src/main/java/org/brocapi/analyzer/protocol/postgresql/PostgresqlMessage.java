package org.brocapi.analyzer.protocol.postgresql;

import java.util.List;

/** One parsed PostgreSQL message (https://www.postgresql.org/docs/current/protocol-message-formats.html). */
public sealed interface PostgresqlMessage {
    /** StartupMessage: protocol version and its name/value parameters. */
    record Startup(int major, int minor, List<Parameter> parameters) implements PostgresqlMessage { }

    record Parameter(byte[] name, byte[] value) { }

    /** Frontend 'Q'. */
    record SimpleQuery(byte[] query) implements PostgresqlMessage { }

    /** Frontend 'p' (PasswordMessage, SASLInitialResponse, …: not told apart, as in Zeek). */
    record AuthenticationResponse(byte[] data) implements PostgresqlMessage { }

    /** Frontend 'X'. */
    record Terminate() implements PostgresqlMessage { }

    /** Backend 'R': identifier 0 is AuthenticationOk. */
    record AuthenticationRequest(long identifier, byte[] data) implements PostgresqlMessage { }

    /** Backend 'E' ({@code notice} false) or 'N' ({@code notice} true): the identified fields in order. */
    record ErrorOrNotice(boolean notice, List<Field> fields) implements PostgresqlMessage { }

    /** One field of an ErrorResponse / NoticeResponse: a one-byte code and its text. */
    record Field(int code, byte[] value) { }

    /** Backend 'S'. */
    record ParameterStatus(byte[] name, byte[] value) implements PostgresqlMessage { }

    /** Backend 'D': only the column count is parsed. */
    record DataRow(int columns) implements PostgresqlMessage { }

    /** Backend 'Z': transaction status 'I', 'T' or 'E'. */
    record ReadyForQuery(int status) implements PostgresqlMessage { }

    /** Backend 'K'. */
    record BackendKeyData(long processId, long secretKey) implements PostgresqlMessage { }

    /** Any other type, kept as raw bytes. */
    record NotImplemented(int type, byte[] chunk) implements PostgresqlMessage { }

    /** The bytes do not follow the grammar; {@code reason} goes to analyzer.log. */
    record Malformed(String reason) implements PostgresqlMessage { }
}
