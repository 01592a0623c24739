package org.brocapi.analyzer.protocol.ntp;

import java.util.Set;

import org.brocapi.analyzer.protocol.DatagramAnalyzer;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;

/** NTP: 123/udp as base/protocols/ntp/main.zeek registers it; no dpd.sig. */
public final class NtpProtocol implements Protocol {
    public static final NtpProtocol INSTANCE = new NtpProtocol();

    private NtpProtocol() { }

    @Override
    public String name() {
        return "NTP";
    }

    @Override
    public String script() {
        return "base/protocols/ntp/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.UDP);
    }

    @Override
    public Set<Integer> udpPorts() {
        return Set.of(123);
    }

    @Override
    public Instance start(RunContext run) {
        return new Instance() {
            @Override
            public DatagramAnalyzer datagram(Session session) {
                return new NtpAnalyzer(session);
            }
        };
    }
}
