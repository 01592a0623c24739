package org.brocapi.analyzer.protocol.ntlm;

import java.util.Set;

import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * NTLM: no ports and no signature; only other analyzers start it (base/protocols/ntlm/main.zeek
 * creates ntlm.log).
 */
public final class NtlmProtocol implements Protocol {
    public static final NtlmProtocol INSTANCE = new NtlmProtocol();

    private NtlmProtocol() { }

    @Override
    public String name() {
        return "NTLM";
    }

    @Override
    public String script() {
        return "base/protocols/ntlm/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    /** main.zeek: {@code redef DPD::ignore_violations += { Analyzer::ANALYZER_NTLM };}. */
    @Override
    public boolean ignoresViolations() {
        return true;
    }

    @Override
    public Instance start(RunContext run) {
        LogStream<NtlmLogEntry> log = run.log("ntlm", NtlmLogEntry.class);
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new NtlmAnalyzer(session, log);
            }
        };
    }
}
