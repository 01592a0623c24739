package org.brocapi.analyzer.protocol.ssl;

import java.util.Set;

import org.brocapi.analyzer.files.x509.X509Analyzer;
import org.brocapi.analyzer.log.LogSchema;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/** SSL: the TCP ports base/protocols/ssl/main.zeek registers and its dpd.sig (TLS hellos). */
public final class SslProtocol implements Protocol {
    public static final SslProtocol INSTANCE = new SslProtocol();

    private SslProtocol() { }

    @Override
    public String name() {
        return "SSL";
    }

    @Override
    public String script() {
        return "base/protocols/ssl/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    /** {@code ssl_ports}. */
    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(443, 563, 585, 614, 636, 989, 990, 992, 993, 995, 5223);
    }

    /** dpd_tls_client on the originator's bytes or dpd_tls_server on the responder's. */
    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> clientHello(orig) || serverHello(resp, 0) || alertThenServerHello(resp);
    }

    /** /^\x16\x03[\x00-\x03]..\x01...\x03[\x00-\x03]/: a handshake record opening with a ClientHello. */
    static boolean clientHello(Probe.Prefix p) {
        return p.u8(0) == 0x16 && p.u8(1) == 3 && inRange(p.u8(2), 0, 3) && p.u8(5) == 1 && p.u8(9) == 3
                && inRange(p.u8(10), 0, 3);
    }

    /** /\x16\x03[\x00-\x03]..\x02...((\x03[\x00-\x04])|(\x7F[\x00-\x50]))/ at {@code at}. */
    static boolean serverHello(Probe.Prefix p, int at) {
        if (!(p.u8(at) == 0x16 && p.u8(at + 1) == 3 && inRange(p.u8(at + 2), 0, 3) && p.u8(at + 5) == 2)) return false;
        int major = p.u8(at + 9), minor = p.u8(at + 10);
        return major == 3 && inRange(minor, 0, 4) || major == 0x7f && inRange(minor, 0, 0x50);
    }

    /** The optional lead of dpd_tls_server: one alert record /\x15\x03[\x00-\x03]..../ first. */
    private static boolean alertThenServerHello(Probe.Prefix p) {
        return p.u8(0) == 0x15 && p.u8(1) == 3 && inRange(p.u8(2), 0, 3) && serverHello(p, 7);
    }

    private static boolean inRange(int v, int lo, int hi) {
        return v >= lo && v <= hi;
    }

    @Override
    public Instance start(RunContext run) {
        Set<String> features = new java.util.HashSet<>();
        if (run.loads("base/protocols/ssl/files")) features.add(SslLogEntry.FILES);
        if (run.loads("policy/protocols/ssl/certificate-request-info")) features.add(SslLogEntry.CERTIFICATE_REQUEST_INFO);
        LogStream<SslLogEntry> log = run.logs().stream("ssl", LogSchema.deferred(SslLogEntry.class, features));
        X509Analyzer x509 = new X509Analyzer(run);
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new SslAnalyzer(session, log, x509);
            }
        };
    }
}
