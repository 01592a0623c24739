package org.brocapi.analyzer.protocol.postgresql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.brocapi.analyzer.bytes.ByteCursor;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.AuthenticationRequest;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.AuthenticationResponse;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.BackendKeyData;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.DataRow;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.ErrorOrNotice;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.Field;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.Malformed;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.NotImplemented;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.Parameter;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.ParameterStatus;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.ReadyForQuery;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.SimpleQuery;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.Startup;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.Terminate;

/**
 * Parses complete PostgreSQL messages (protocol 3.0) with the rules of Zeek's
 * {@code postgresql.spicy}: the caller frames them (a StartupMessage by its leading length, the
 * others by type byte + length) and hands over exactly one body. Pure; never throws on input.
 */
public final class PostgresqlParser {
    /** SSLRequest's version field (1234 in the high and 5679 in the low 16 bits). */
    public static final long SSL_REQUEST_CODE = 80877103L;
    /** Zeek's AuthenticationRequest accepts identifiers up to SASLFinal. */
    static final long MAX_AUTH_IDENTIFIER = 12;

    private PostgresqlParser() { }

    /** A whole StartupMessage, {@code len} being its length field (which counts itself). */
    public static PostgresqlMessage startup(byte[] b, int off, int len) {
        var in = ByteCursor.of(b, off, len);
        long length = in.u32();
        if (length < 9) return new Malformed("StartupMessage length " + length + " < 9");
        int major = in.u16(), minor = in.u16();
        if (major != 3) return new Malformed("unsupported PostgreSQL major version " + major);
        var params = new ArrayList<Parameter>();
        var region = in.slice(len - 9);
        while (region.remaining() > 0) {
            byte[] name = token(region, PostgresqlParser::isNameChar);
            if (name.length == 0 || region.u8() != 0 || region.truncated()) {
                return new Malformed("bad StartupParameter name");
            }
            byte[] value = token(region, c -> c >= 0x20 && c <= 0x7e);
            if (value.length == 0 || region.u8() != 0 || region.truncated()) {
                return new Malformed("bad StartupParameter value");
            }
            params.add(new Parameter(name, value));
        }
        if (in.u8() != 0 || in.truncated()) return new Malformed("StartupMessage does not end in NUL");
        return new Startup(major, minor, params);
    }

    /** The body of a frontend message of type {@code type}. */
    public static PostgresqlMessage frontend(int type, byte[] b, int off, int len) {
        return switch (type) {
            case 'p' -> new AuthenticationResponse(Arrays.copyOfRange(b, off, off + len));
            case 'X' -> new Terminate();
            case 'Q' -> {
                int nul = indexOfNul(b, off, len);
                yield nul < 0 ? new Malformed("SimpleQuery without NUL") : new SimpleQuery(Arrays.copyOfRange(b, off, nul));
            }
            default -> new NotImplemented(type, Arrays.copyOfRange(b, off, off + len));
        };
    }

    /** The body of a backend message of type {@code type}. */
    public static PostgresqlMessage backend(int type, byte[] b, int off, int len) {
        var in = ByteCursor.of(b, off, len);
        switch (type) {
            case 'K' -> {
                long pid = in.u32(), key = in.u32();
                return in.truncated() ? new Malformed("short BackendKeyData") : new BackendKeyData(pid, key);
            }
            case 'E', 'N' -> {
                return fields(type == 'N', in);
            }
            case 'R' -> {
                long id = in.u32();
                if (in.truncated()) return new Malformed("short AuthenticationRequest");
                if (id > MAX_AUTH_IDENTIFIER) return new Malformed("AuthenticationRequest identifier " + id);
                if (id == 0 && len != 4) return new Malformed("AuthenticationOK with wrong length: " + len);
                return new AuthenticationRequest(id, Arrays.copyOfRange(b, in.position(), off + len));
            }
            case 'S' -> {
                byte[] name = token(in, PostgresqlParser::isNameChar);
                if (name.length == 0 || in.u8() != 0 || in.truncated()) return new Malformed("bad ParameterStatus name");
                byte[] value = token(in, c -> c >= 0x20 && c <= 0x7e);
                if (in.u8() != 0 || in.truncated()) return new Malformed("bad ParameterStatus value");
                return new ParameterStatus(name, value);
            }
            case 'D' -> {
                int columns = in.u16();
                return in.truncated() ? new Malformed("short DataRow") : new DataRow(columns);
            }
            case 'Z' -> {
                int status = in.u8();
                if (in.truncated() || status != 'I' && status != 'T' && status != 'E') {
                    return new Malformed("bad ReadyForQuery status");
                }
                return new ReadyForQuery(status);
            }
            default -> {
                return new NotImplemented(type, Arrays.copyOfRange(b, off, off + len));
            }
        }
    }

    /** Code/value fields up to the terminating NUL code (ErrorResponse and NoticeResponse share the layout). */
    private static PostgresqlMessage fields(boolean notice, ByteCursor in) {
        var fields = new ArrayList<Field>();
        while (true) {
            int code = in.u8();
            if (in.truncated()) return new Malformed("field list without terminator");
            if (code == 0) return new ErrorOrNotice(notice, fields);
            byte[] b = in.array();
            int nul = indexOfNul(b, in.position(), in.remaining());
            if (nul < 0) return new Malformed("field value without NUL");
            fields.add(new Field(code, Arrays.copyOfRange(b, in.position(), nul)));
            in.skip(nul - in.position() + 1);
        }
    }

    private interface CharClass {
        boolean contains(int c);
    }

    /** The longest prefix of characters in {@code cls} (a Spicy regexp field), consumed. */
    private static byte[] token(ByteCursor in, CharClass cls) {
        int start = in.position(), n = 0;
        while (in.peekU8(n) >= 0 && cls.contains(in.peekU8(n))) n++;
        in.skip(n);
        return Arrays.copyOfRange(in.array(), start, start + n);
    }

    private static boolean isNameChar(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '/';
    }

    private static int indexOfNul(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) if (b[i] == 0) return i;
        return -1;
    }
}
