package org.brocapi.analyzer.protocol.postgresql;

/** Zeek's {@code PostgreSQL::error_ids} and {@code PostgreSQL::auth_ids} (base/protocols/postgresql/consts.zeek). */
final class PostgresqlCodes {
    private PostgresqlCodes() { }

    /** Name of an ErrorResponse/NoticeResponse field code (protocol-error-fields.html). */
    static String errorField(int code) {
        return switch (code) {
            case 'S' -> "SeverityLocalized";
            case 'V' -> "Severity";
            case 'C' -> "Code";
            case 'M' -> "Message";
            case 'D' -> "Detail";
            case 'H' -> "Hint";
            case 'P' -> "Position";
            case 'p' -> "InternalPosition";
            case 'q' -> "InternalQuery";
            case 'W' -> "Where";
            case 's' -> "Schema";
            case 't' -> "Table";
            case 'c' -> "Column";
            case 'd' -> "Data";
            case 'n' -> "Constraint";
            case 'F' -> "File";
            case 'L' -> "Line";
            case 'R' -> "Routine";
            default -> "UnknownErrorId" + (char) code;
        };
    }

    /** Name of an AuthenticationRequest identifier. */
    static String authName(long id) {
        return switch ((int) id) {
            case 2 -> "KerberosV5";
            case 3 -> "CleartextPassword";
            case 5 -> "MD5Password";
            case 7 -> "GSSAPI";
            case 8 -> "GSSAPIContinue";
            case 9 -> "SSPI";
            case 10 -> "SASL";
            case 11 -> "SASLContinue";
            case 12 -> "SASLFinal";
            default -> "UnknownAuthId" + id;
        };
    }
}
