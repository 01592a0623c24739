package org.brocapi.analyzer.protocol.postgresql;

import java.util.Set;

import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/** PostgreSQL: 5432/tcp as base/protocols/postgresql/main.zeek registers it, and its dpd.sig. */
public final class PostgresqlProtocol implements Protocol {
    public static final PostgresqlProtocol INSTANCE = new PostgresqlProtocol();
    /** dpd_postgresql_client_startup_3_x: {@code .{0,256}} between the version and {@code user\0}. */
    private static final int MAX_USER_OFFSET = 8 + 256;

    private PostgresqlProtocol() { }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String script() {
        return "base/protocols/postgresql/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(5432);
    }

    /**
     * dpd.sig: an SSLRequest answered by {@code ^[SN]}, or a 3.x StartupMessage with a
     * {@code user} parameter answered by a message header {@code ^[a-zA-Z0-9]\x00\x00..}.
     * Signature {@code .} does not match a newline.
     */
    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> sslRequest(orig) && resp.len() >= 1 && (resp.u8(0) == 'S' || resp.u8(0) == 'N')
                || startup(orig) && anyResponse(resp);
    }

    private static boolean sslRequest(Probe.Prefix p) {
        int[] magic = {0x00, 0x00, 0x00, 0x08, 0x04, 0xd2, 0x16, 0x2f};
        if (p.len() < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (p.u8(i) != magic[i]) return false;
        return true;
    }

    private static boolean startup(Probe.Prefix p) {
        if (p.len() < 8 + 5) return false;
        for (int i = 0; i < 4; i++) if (p.u8(i) == '\n') return false;
        if (p.u8(4) != 0 || p.u8(5) != 3 || p.u8(6) != 0 || p.u8(7) == '\n') return false;
        for (int at = 8; at <= MAX_USER_OFFSET && at + 5 <= p.len(); at++) {
            if (p.u8(at) == 'u' && p.u8(at + 1) == 's' && p.u8(at + 2) == 'e' && p.u8(at + 3) == 'r'
                    && p.u8(at + 4) == 0) {
                return true;
            }
            if (p.u8(at) == '\n') return false;
        }
        return false;
    }

    private static boolean anyResponse(Probe.Prefix p) {
        if (p.len() < 5) return false;
        int t = p.u8(0);
        boolean alnum = t >= 'a' && t <= 'z' || t >= 'A' && t <= 'Z' || t >= '0' && t <= '9';
        return alnum && p.u8(1) == 0 && p.u8(2) == 0 && p.u8(3) != '\n' && p.u8(4) != '\n';
    }

    @Override
    public Instance start(RunContext run) {
        LogStream<PostgresqlLogEntry> log = run.log("postgresql", PostgresqlLogEntry.class);
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new PostgresqlAnalyzer(session, log);
            }
        };
    }
}
