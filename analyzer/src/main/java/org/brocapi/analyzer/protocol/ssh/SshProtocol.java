package org.brocapi.analyzer.protocol.ssh;

import java.util.Set;

import org.brocapi.analyzer.conn.LocalNets;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/** SSH: 22/tcp as base/protocols/ssh/main.zeek registers it, and its dpd.sig. */
public final class SshProtocol implements Protocol {
    public static final SshProtocol INSTANCE = new SshProtocol();

    private SshProtocol() { }

    @Override
    public String name() {
        return "SSH";
    }

    @Override
    public String script() {
        return "base/protocols/ssh/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(22);
    }

    /** dpd_ssh_client requires-reverse-signature dpd_ssh_server: both sides open with /^[sS][sS][hH]-[12]\./. */
    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> banner(orig) && banner(resp);
    }

    private static boolean banner(Probe.Prefix p) {
        if (p.len() < 6) return false;
        for (int i = 0; i < 3; i++) {
            int c = p.u8(i) | 0x20;
            if (c != "ssh".charAt(i)) return false;
        }
        return p.u8(3) == '-' && (p.u8(4) == '1' || p.u8(4) == '2') && p.u8(5) == '.';
    }

    @Override
    public Instance start(RunContext run) {
        LogStream<SshLogEntry> log = run.log("ssh", SshLogEntry.class);
        LocalNets localNets = run.config().localNets();
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new SshAnalyzer(session, log::write, localNets);
            }
        };
    }
}
