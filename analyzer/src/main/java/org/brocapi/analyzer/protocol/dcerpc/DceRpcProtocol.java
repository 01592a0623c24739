package org.brocapi.analyzer.protocol.dcerpc;

import java.util.Set;

import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/** DCE_RPC: 135/tcp as base/protocols/dce-rpc/main.zeek registers it, and its dpd.sig. */
public final class DceRpcProtocol implements Protocol {
    public static final DceRpcProtocol INSTANCE = new DceRpcProtocol();

    private DceRpcProtocol() { }

    @Override
    public String name() {
        return "DCE_RPC";
    }

    @Override
    public String script() {
        return "base/protocols/dce-rpc/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(135);
    }

    /** dpd_dce_rpc: payload /\x05[\x00\x01][\x00-\x13]/ (version 5, minor 0/1, a known PTYPE), either side. */
    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> header(orig) || header(resp);
    }

    private static boolean header(Probe.Prefix p) {
        return p.len() >= 3 && p.u8(0) == 5 && p.u8(1) <= 1 && p.u8(2) <= 0x13;
    }

    /** main.zeek: {@code redef DPD::ignore_violations += { Analyzer::ANALYZER_DCE_RPC };}. */
    @Override
    public boolean ignoresViolations() {
        return true;
    }

    @Override
    public Instance start(RunContext run) {
        LogStream<DceRpcLogEntry> log = run.log("dce_rpc", DceRpcLogEntry.class);
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new DceRpcAnalyzer(session, log);
            }
        };
    }
}
