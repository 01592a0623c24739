package org.brocapi.analyzer.protocol.krb;

import java.util.Set;
import java.util.regex.Pattern;

import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/** KRB_TCP: 88/tcp as base/protocols/krb/main.zeek registers it, and the TCP signatures of its dpd.sig. */
public final class KrbTcpProtocol implements Protocol {
    public static final KrbTcpProtocol INSTANCE = new KrbTcpProtocol();

    /** dpd_krb_tcp_requests / dpd_krb_tcp_replies, either direction. */
    private static final Pattern REQUEST = Pattern.compile(
            ".{4}(\\x6a|\\x6c).{1,4}\\x30.{1,4}\\xa1\\x03\\x02\\x01\\x05\\xa2\\x03\\x02\\x01", Pattern.DOTALL);
    private static final Pattern REPLY = Pattern.compile(
            ".{4}(\\x6b|\\x6d|\\x7e).{1,4}\\x30.{1,4}\\xa0\\x03\\x02\\x01\\x05\\xa1\\x03\\x02\\x01", Pattern.DOTALL);

    private KrbTcpProtocol() { }

    @Override
    public String name() {
        return "KRB_TCP";
    }

    @Override
    public String script() {
        return "base/protocols/krb/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(88);
    }

    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> matches(orig) || matches(resp);
    }

    private static boolean matches(Probe.Prefix p) {
        // both patterns need their application tag at offset 4: checked first, the regexes are
        // only run on the few prefixes that have one
        int tag = p.u8(4);
        if (tag == 0x6a || tag == 0x6c) return REQUEST.matcher(p.text()).lookingAt();
        if (tag == 0x6b || tag == 0x6d || tag == 0x7e) return REPLY.matcher(p.text()).lookingAt();
        return false;
    }

    @Override
    public Instance start(RunContext run) {
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new KrbTcpAnalyzer(session);
            }
        };
    }
}
