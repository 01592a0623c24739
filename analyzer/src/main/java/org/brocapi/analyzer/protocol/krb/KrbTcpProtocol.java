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
        return (orig, resp) -> matches(orig.text()) || matches(resp.text());
    }

    private static boolean matches(String s) {
        return REQUEST.matcher(s).lookingAt() || REPLY.matcher(s).lookingAt();
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
