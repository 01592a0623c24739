package org.brocapi.analyzer.protocol.dhcp;

import java.util.Set;

import org.brocapi.analyzer.log.LogSchema;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.DatagramAnalyzer;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;

/** DHCP: ports as base/protocols/dhcp/main.zeek registers them (4011: PXE); no dpd.sig. */
public final class DhcpProtocol implements Protocol {
    public static final DhcpProtocol INSTANCE = new DhcpProtocol();

    private DhcpProtocol() { }

    @Override
    public String name() {
        return "DHCP";
    }

    @Override
    public String script() {
        return "base/protocols/dhcp/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.UDP);
    }

    @Override
    public Set<Integer> udpPorts() {
        return Set.of(67, 68, 4011);
    }

    @Override
    public Instance start(RunContext run) {
        Set<String> features = run.loads("policy/protocols/dhcp/sub-opts") ? Set.of(DhcpLogEntry.SUB_OPTS) : Set.of();
        LogStream<DhcpLogEntry> log = run.logs().stream("dhcp", LogSchema.deferred(DhcpLogEntry.class, features));
        var logger = new DhcpLogger(log::write, !features.isEmpty());
        return new Instance() {
            @Override
            public DatagramAnalyzer datagram(Session session) {
                return new DhcpAnalyzer(session, logger);
            }
        };
    }
}
