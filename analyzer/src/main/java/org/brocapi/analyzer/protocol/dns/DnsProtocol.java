package org.brocapi.analyzer.protocol.dns;

import java.util.Set;

import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.DatagramAnalyzer;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/** DNS: ports as base/protocols/dns/main.zeek registers them; no dpd.sig (port-only). */
public final class DnsProtocol implements Protocol {
    public static final DnsProtocol INSTANCE = new DnsProtocol();

    private DnsProtocol() { }

    @Override
    public String name() {
        return "DNS";
    }

    @Override
    public String script() {
        return "base/protocols/dns/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP, Transport.UDP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(53);
    }

    @Override
    public Set<Integer> udpPorts() {
        // 137: NetBIOS name service; 5353: mDNS; 5355: LLMNR
        return Set.of(53, 137, 5353, 5355);
    }

    @Override
    public Instance start(RunContext run) {
        LogStream<DnsLogEntry> log = run.log("dns", DnsLogEntry.class);
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new DnsAnalyzer(session, log::write, true);
            }

            @Override
            public DatagramAnalyzer datagram(Session session) {
                return new DnsAnalyzer(session, log::write, false);
            }
        };
    }
}
