package org.brocapi.analyzer.protocol.socks;

import java.util.Set;
import java.util.function.Consumer;

import org.brocapi.analyzer.packet.Encapsulation;
import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.script.Redef;
import org.brocapi.analyzer.script.RedefValue;

/** SOCKS: 1080/tcp as base/protocols/socks/main.zeek registers it, and its dpd.sig. */
public final class SocksProtocol implements Protocol {
    public static final SocksProtocol INSTANCE = new SocksProtocol();

    private SocksProtocol() { }

    @Override
    public String name() {
        return "SOCKS";
    }

    @Override
    public String script() {
        return "base/protocols/socks/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(1080);
    }

    /**
     * dpd_socks4_server requires dpd_socks4_client (also with roles reversed), dpd_socks5_server
     * requires dpd_socks5_client.
     */
    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> socks4Client(orig) && socks4Server(resp) || socks4Client(resp) && socks4Server(orig)
                || socks5Client(orig) && socks5Server(resp);
    }

    /** {@code /^\x04[\x01\x02].{0,32}\x00/}. */
    static boolean socks4Client(Probe.Prefix p) {
        if (p.u8(0) != 4 || p.u8(1) != 1 && p.u8(1) != 2) return false;
        for (int i = 2; i < Math.min(p.len(), 2 + 33); i++) if (p.u8(i) == 0) return true;
        return false;
    }

    /** {@code /^\x00[\x5a\x5b\x5c\x5d]/}. */
    static boolean socks4Server(Probe.Prefix p) {
        return p.u8(0) == 0 && p.u8(1) >= 0x5a && p.u8(1) <= 0x5d;
    }

    /** {@code /^\x05.[\x00\x01\x02\x03\x05\x06\x07\x08\x09]/}: version, method count, a known first method. */
    static boolean socks5Client(Probe.Prefix p) {
        int m = p.u8(2);
        return p.u8(0) == 5 && p.len() >= 3 && m >= 0 && m <= 9 && m != 4;
    }

    /** {@code /^\x05[\x00\x01\x02\x03\x05\x06\x07\x08\x09\xff]/}: the chosen method or "none acceptable". */
    static boolean socks5Server(Probe.Prefix p) {
        int m = p.u8(1);
        return p.u8(0) == 5 && (m >= 0 && m <= 9 && m != 4 || m == 0xff);
    }

    @Override
    public Instance start(RunContext run) {
        // main.zeek's handlers: socks.log, and the proxy registered as a tunnel
        boolean scripted = run.loads(script());
        Consumer<Encapsulation> tunnels = scripted ? run.tunnels() : e -> { };
        Consumer<SocksLogEntry> log = scripted ? run.log("socks", SocksLogEntry.class)::write : null;
        boolean capturePassword = false;
        for (Redef r : run.config().invocation().redefs()) {
            if (r.name().equals("SOCKS::default_capture_password")) capturePassword = RedefValue.bool(r);
        }
        boolean capture = capturePassword;
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new SocksAnalyzer(session, tunnels, log, capture);
            }
        };
    }
}
