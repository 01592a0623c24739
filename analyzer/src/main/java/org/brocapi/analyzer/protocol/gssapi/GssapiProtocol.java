package org.brocapi.analyzer.protocol.gssapi;

import java.util.Set;

import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * GSSAPI: no ports, no signature, no script of its own (the analyzer is built into Zeek, so it
 * is there whenever Zeek runs); only other analyzers start it.
 */
public final class GssapiProtocol implements Protocol {
    public static final GssapiProtocol INSTANCE = new GssapiProtocol();

    private GssapiProtocol() { }

    @Override
    public String name() {
        return "GSSAPI";
    }

    @Override
    public String script() {
        return "base/init-bare";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Instance start(RunContext run) {
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new GssapiAnalyzer(session);
            }
        };
    }
}
