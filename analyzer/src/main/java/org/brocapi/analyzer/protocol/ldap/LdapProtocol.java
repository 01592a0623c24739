package org.brocapi.analyzer.protocol.ldap;

import java.util.List;
import java.util.Set;

import org.brocapi.analyzer.conn.Uid;
import org.brocapi.analyzer.log.LogStream;

import org.brocapi.analyzer.protocol.DatagramAnalyzer;
import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.script.Redef;
import org.brocapi.analyzer.script.ScriptException;

/**
 * LDAP as Zeek registers it: two analyzers, LDAP_TCP (389/tcp, 3268/tcp) and LDAP_UDP (389/udp),
 * so conn.log's service reads {@code ldap_tcp} or {@code ldap_udp}; both from
 * base/protocols/ldap/main.zeek and its dpd.sig.
 */
public final class LdapProtocol implements Protocol {
    public static final LdapProtocol TCP = new LdapProtocol(Transport.TCP);
    public static final LdapProtocol UDP = new LdapProtocol(Transport.UDP);

    private final Transport transport;

    private LdapProtocol(Transport transport) {
        this.transport = transport;
    }

    @Override
    public String name() {
        return transport == Transport.TCP ? "LDAP_TCP" : "LDAP_UDP";
    }

    @Override
    public String script() {
        return "base/protocols/ldap/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(transport);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return transport == Transport.TCP ? Set.of(389, 3268) : Set.of();
    }

    @Override
    public Set<Integer> udpPorts() {
        return transport == Transport.UDP ? Set.of(389) : Set.of();
    }

    /**
     * dpd_ldap_client_* {@code /^\x30.\x02\x01.\x60/} (a SEQUENCE with a one-byte messageID and a
     * BindRequest) answered by dpd_ldap_server_* {@code /^\x30/}; signature {@code .} is not a newline.
     */
    @Override
    public Probe probe(Transport t) {
        return (orig, resp) -> orig.len() >= 6 && orig.u8(0) == 0x30 && orig.u8(1) != '\n' && orig.u8(2) == 0x02
                && orig.u8(3) == 0x01 && orig.u8(4) != '\n' && orig.u8(5) == 0x60
                && resp.len() >= 1 && resp.u8(0) == 0x30;
    }

    /**
     * Opens ldap.log and ldap_search.log once per run; both analyzers share them (the TCP one is
     * listed first and creates them, as Zeek's single script does).
     */
    @Override
    public Instance start(RunContext run) {
        var logs = Logs.of(run);
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new LdapAnalyzer(session, logs.transactions(session));
            }

            @Override
            public DatagramAnalyzer datagram(Session session) {
                return new LdapAnalyzer(session, logs.transactions(session));
            }
        };
    }

    private record Logs(LdapTransactions.Options options, LogStream<LdapLogEntry> log,
                        LogStream<LdapSearchLogEntry> searchLog, Uid uids) {
        static Logs of(RunContext run) {
            return new Logs(scriptOptions(run.config().invocation().redefs()), run.log("ldap", LdapLogEntry.class),
                    run.log("ldap_search", LdapSearchLogEntry.class), run.uids());
        }

        LdapTransactions transactions(Session session) {
            return new LdapTransactions(session, options, log, searchLog, uids::hashKey);
        }
    }

    /** The {@code LDAP::} options a run's redefs set; others keep main.zeek's defaults. */
    static LdapTransactions.Options scriptOptions(List<Redef> redefs) {
        var d = LdapTransactions.Options.DEFAULTS;
        long messages = d.maxPendingMessages(), searches = d.maxPendingSearches();
        boolean password = d.capturePassword(), attributes = d.logSearchAttributes();
        for (Redef r : redefs) {
            String v = r.value().strip();
            switch (r.name()) {
                case "LDAP::max_pending_messages" -> messages = count(r);
                case "LDAP::max_pending_searches" -> searches = count(r);
                case "LDAP::default_capture_password" -> password = v.equals("T");
                case "LDAP::default_log_search_attributes" -> attributes = v.equals("T");
                default -> { }
            }
        }
        return new LdapTransactions.Options(messages, searches, password, attributes);
    }

    private static long count(Redef r) {
        try {
            return Long.parseUnsignedLong(r.value().strip());
        } catch (NumberFormatException e) {
            throw new ScriptException(r + ": not a count");
        }
    }
}
