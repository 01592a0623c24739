package org.brocapi.analyzer.protocol.smb;

import java.util.Set;

import org.brocapi.analyzer.files.FileManager;
import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/** SMB: 139/tcp and 445/tcp as base/protocols/smb/main.zeek registers them, and its dpd.sig. */
public final class SmbProtocol implements Protocol {
    public static final SmbProtocol INSTANCE = new SmbProtocol();

    private SmbProtocol() { }

    @Override
    public String name() {
        return "SMB";
    }

    @Override
    public String script() {
        return "base/protocols/smb/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(139, 445);
    }

    /** dpd_smb: payload /^....[\xfe\xff]SMB/ in either direction. */
    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> header(orig) || header(resp);
    }

    private static boolean header(Probe.Prefix p) {
        return SmbAnalyzer.hasSmbHeader(p.buf(), 0, p.len());
    }

    @Override
    public Instance start(RunContext run) {
        FileManager files = run.files();
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new SmbAnalyzer(session, files);
            }
        };
    }
}
