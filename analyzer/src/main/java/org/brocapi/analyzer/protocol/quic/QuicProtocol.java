package org.brocapi.analyzer.protocol.quic;

import java.util.Set;

import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.DatagramAnalyzer;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;

/** QUIC: the UDP ports base/protocols/quic/main.zeek registers (it has no dpd.sig). */
public final class QuicProtocol implements Protocol {
    public static final QuicProtocol INSTANCE = new QuicProtocol();

    private QuicProtocol() { }

    @Override
    public String name() {
        return "QUIC";
    }

    @Override
    public String script() {
        return "base/protocols/quic/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.UDP);
    }

    /** {@code quic_ports}: HTTP/3 on 443, DNS over QUIC on 853 and its early 784. */
    @Override
    public Set<Integer> udpPorts() {
        return Set.of(443, 853, 784);
    }

    @Override
    public Instance start(RunContext run) {
        LogStream<QuicLogEntry> log = run.log("quic", QuicLogEntry.class);
        return new Instance() {
            @Override
            public DatagramAnalyzer datagram(Session session) {
                return new QuicAnalyzer(session, log);
            }
        };
    }
}
