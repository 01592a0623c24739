package org.brocapi.analyzer.protocol.postgresql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.framing.StreamBuffer;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.AuthenticationRequest;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.DataRow;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.ErrorOrNotice;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.Field;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.Malformed;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.Parameter;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.ReadyForQuery;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.SimpleQuery;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.Startup;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlMessage.Terminate;

/**
 * PostgreSQL on one TCP connection, following Zeek's Spicy analyzer: the client opens with an
 * SSLRequest or a StartupMessage; until each side knows the other's SSL choice its bytes are held
 * (at most {@link #MAX_HELD} chunks, then a violation); the server's 'S' or 'N' to an SSLRequest
 * confirms and 'S' hands both directions to an SSL child analyzer; otherwise a complete
 * StartupMessage confirms. Any grammar error is a violation after which nothing is parsed, as
 * Spicy skips the rest of the connection. The events of {@code base/protocols/postgresql/main.zeek}
 * are applied inline and produce postgresql.log.
 */
final class PostgresqlAnalyzer implements StreamAnalyzer {
    /** {@code MAX_BUFFERED} in postgresql.spicy. */
    static final int MAX_HELD = 4;

    private enum SslRequest { UNKNOWN, REQUESTED, NOT_REQUESTED }

    private enum SslReply { UNKNOWN, S, N }

    /** Where one direction's parser stands. */
    private enum Phase { HEADER, HOLDING, STARTUP, SSL_BYTE, MESSAGES, SSL }

    private final Session session;
    private final LogStream<PostgresqlLogEntry> log;
    private final StreamBuffer[] pending = {new StreamBuffer(), new StreamBuffer()};
    private final Phase[] phase = {Phase.HEADER, Phase.HOLDING};
    private final int[] heldChunks = new int[2];
    private SslRequest sslRequest = SslRequest.UNKNOWN;
    private SslReply sslReply = SslReply.UNKNOWN;
    private StreamAnalyzer ssl;
    private boolean dead;
    // script state: c$postgresql (the pending row) and c$postgresql_state
    private Row row;
    private boolean haveState;
    private byte[] user, database, applicationName;
    private Long rows;
    private final List<String> errors = new ArrayList<>();

    /** The pending postgresql.log row ({@code c$postgresql}); strings kept as ISO-8859-1 bytes. */
    private static final class Row {
        final double ts;
        String frontend, frontendArg, backend, backendArg;
        Boolean success;
        Long rows;

        Row(double ts) {
            this.ts = ts;
        }
    }

    PostgresqlAnalyzer(Session session, LogStream<PostgresqlLogEntry> log) {
        this.session = session;
        this.log = log;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        if (dead || len == 0) return;
        int d = dir.isOrig() ? 0 : 1;
        if (phase[d] == Phase.SSL) {
            if (ssl != null) ssl.data(dir, buf, off, len);
            return;
        }
        StreamBuffer p = pending[d];
        p.append(buf, off, len);
        if (phase[d] == Phase.HEADER) {
            if (p.length() < 8 || !frontendHeader(p) || p.length() == 0) return;
            // the rest of this delivery is the first chunk
        }
        if (phase[d] == Phase.HOLDING) {
            boolean peerKnown = dir.isOrig() ? sslReply != SslReply.UNKNOWN : sslRequest != SslRequest.UNKNOWN;
            if (!peerKnown) {
                if (++heldChunks[d] > MAX_HELD) {
                    fail("too many " + (dir.isOrig() ? "frontend" : "backend") + " messages buffered");
                }
                return;
            }
            if (dir.isOrig()) phase[d] = sslReply == SslReply.N ? Phase.STARTUP : Phase.SSL;
            else phase[d] = sslRequest == SslRequest.REQUESTED ? Phase.SSL_BYTE : Phase.MESSAGES;
        }
        process(dir, p);
    }

    /** The client's first 8 bytes: SSLRequest, or the start of a StartupMessage. False on violation. */
    private boolean frontendHeader(StreamBuffer p) {
        long length = p.u32(0), magic = p.u32(4);
        if (length < 8) return fail("PostgreSQL message length " + length + " < 8");
        phase[0] = Phase.HOLDING;
        if (length == 8 && magic == PostgresqlParser.SSL_REQUEST_CODE) {
            sslRequest = SslRequest.REQUESTED;
            p.consume(8);
            setSession();
            row.frontend = "ssl_request";
            return true;
        }
        sslRequest = SslRequest.NOT_REQUESTED;
        sslReply = SslReply.N;
        // the 8 bytes stay: the StartupMessage parser reads them again
        if (magic >> 16 != 3) return fail("unsupported PostgreSQL major version " + (magic >> 16));
        return true;
    }

    private void process(Direction dir, StreamBuffer p) {
        int d = dir.isOrig() ? 0 : 1;
        while (!dead && p.length() > 0) {
            switch (phase[d]) {
                case SSL -> {
                    if (ssl != null) ssl.data(dir, p.array(), p.start(), p.length());
                    p.clear();
                    return;
                }
                case SSL_BYTE -> {
                    int b = p.u8(0);
                    if (b != 'S' && b != 'N') {
                        fail("SSL reply is neither 'S' nor 'N'");
                        return;
                    }
                    p.consume(1);
                    sslReply = b == 'S' ? SslReply.S : SslReply.N;
                    session.confirm();
                    if (b == 'S') {
                        ssl = session.startChild("SSL");
                        phase[d] = Phase.SSL;
                    } else {
                        phase[d] = Phase.MESSAGES;
                    }
                    setSession();
                    row.backend = "ssl_reply";
                    row.backendArg = String.valueOf((char) b);
                    row.success = b == 'S';
                    emitLog();
                }
                case STARTUP -> {
                    if (p.length() < 4) return;
                    long length = p.u32(0);
                    if (length < 9) {
                        fail("error while parsing PostgreSQL StartupMessage: length " + length + " < 9");
                        return;
                    }
                    if (p.length() < length) return;
                    var m = PostgresqlParser.startup(p.array(), p.start(), (int) length);
                    p.consume((int) length);
                    if (m instanceof Malformed bad) {
                        fail("error while parsing PostgreSQL StartupMessage: " + bad.reason());
                        return;
                    }
                    phase[d] = Phase.MESSAGES;
                    startup((Startup) m);
                    session.confirm();
                }
                case MESSAGES -> {
                    if (p.length() < 5) return;
                    int type = p.u8(0);
                    long length = p.u32(1);
                    if (length < 4) {
                        fail("error while parsing PostgreSQL: length " + length + " < 4");
                        return;
                    }
                    if (p.length() - 1 < length) return;
                    int bodyLen = (int) length - 4;
                    var m = dir.isOrig()
                            ? PostgresqlParser.frontend(type, p.array(), p.start() + 5, bodyLen)
                            : PostgresqlParser.backend(type, p.array(), p.start() + 5, bodyLen);
                    p.consume(5 + bodyLen);
                    if (m instanceof Malformed bad) {
                        fail("error while parsing PostgreSQL: " + bad.reason());
                        return;
                    }
                    message(m);
                }
                default -> throw new IllegalStateException("phase " + phase[d]);
            }
        }
    }

    /**
     * A violation: Spicy skips the rest of the connection. The pending row is written now, where
     * Zeek's removal hook would write it later (the analyzer may be disabled before removal).
     */
    private boolean fail(String reason) {
        session.violation(reason);
        dead = true;
        emitLog();
        return false;
    }

    /** A content gap: Spicy's parser runs into the missing bytes; the SSL child gets the gap. */
    @Override
    public void gap(Direction dir, long len) {
        if (dead) return;
        if (phase[dir.isOrig() ? 0 : 1] == Phase.SSL) {
            if (ssl != null) ssl.gap(dir, len);
            return;
        }
        fail("missing data in PostgreSQL stream");
    }

    @Override
    public void end() {
        emitLog(); // finalize_postgresql
    }

    // --- base/protocols/postgresql/main.zeek ----------------------------------------------------

    private void startup(Startup m) {
        for (Parameter p : m.parameters()) {
            setSession();
            String name = new String(p.name(), StandardCharsets.ISO_8859_1);
            switch (name) {
                case "user" -> user = p.value();
                case "database" -> database = p.value();
                case "application_name" -> applicationName = p.value();
                default -> { }
            }
        }
        setSession();
        row.frontend = "startup";
    }

    private void message(PostgresqlMessage m) {
        switch (m) {
            case Terminate t -> {
                if (row != null) emitLog();
                setSession();
                row.frontend = "terminate";
                emitLog();
            }
            case SimpleQuery q -> {
                if (row != null) emitLog();
                setSession();
                row.frontend = "simple_query";
                row.frontendArg = latin1(q.query());
                rows = 0L;
            }
            case ErrorOrNotice e when e.notice() -> {
                for (Field f : e.fields()) {
                    setSession();
                    String notice = PostgresqlCodes.errorField(f.code()) + "=" + latin1(f.value());
                    row.backendArg = row.backendArg != null ? row.backendArg + "," + notice : notice;
                }
            }
            case ErrorOrNotice e -> {
                for (Field f : e.fields()) {
                    setSession();
                    errors.add(PostgresqlCodes.errorField(f.code()) + "=" + latin1(f.value()));
                }
                setSession();
                row.backend = row.backend != null ? row.backend + ",error" : "error";
                String joined = String.join(",", errors);
                errors.clear();
                row.backendArg = row.backendArg != null ? row.backendArg + "," + joined : joined;
                row.success = false;
                emitLog();
            }
            case AuthenticationRequest a when a.identifier() == 0 -> {
                setSession();
                row.backend = "auth_ok";
                row.success = true;
            }
            case AuthenticationRequest a -> {
                setSession();
                row.backend = row.backend != null && !row.backend.endsWith("auth")
                        ? row.backend + ",auth_request" : "auth_request";
                String id = PostgresqlCodes.authName(a.identifier());
                row.backendArg = row.backendArg != null ? row.backendArg + "," + id : id;
            }
            case DataRow r -> {
                setSession();
                rows = rows == null ? 1 : rows + 1;
            }
            case ReadyForQuery r -> {
                if (row == null) return;
                if (row.success == null) row.success = r.status() == 'I' || r.status() == 'T';
                if (rows != null) {
                    row.rows = rows;
                    rows = null;
                }
                emitLog();
            }
            default -> { } // no handler in main.zeek
        }
    }

    private void setSession() {
        if (row == null) row = new Row(session.now());
        haveState = true;
    }

    private void emitLog() {
        if (row == null || log == null) {
            row = null;
            return;
        }
        Connection c = session.conn();
        log.write(new PostgresqlLogEntry(row.ts, c.uid(),
                c.id(),
                haveState ? user : null, haveState ? database : null, haveState ? applicationName : null,
                bytes(row.frontend), bytes(row.frontendArg), bytes(row.backend), bytes(row.backendArg),
                row.success, row.rows));
        row = null;
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
