package org.brocapi.analyzer.protocol.xmpp;

import java.util.Set;
import java.util.regex.Pattern;

import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/** XMPP: 5222/tcp and 5269/tcp as base/protocols/xmpp/main.zeek registers them, and its dpd.sig. */
public final class XmppProtocol implements Protocol {
    public static final XmppProtocol INSTANCE = new XmppProtocol();

    /** dpd_xmpp, either direction. */
    private static final Pattern STREAM = Pattern.compile(
            "(<\\?xml[^?>]*\\?>)?[\\n\\r ]*<stream:stream [^>]*xmlns='jabber:", Pattern.DOTALL);

    private XmppProtocol() { }

    @Override
    public String name() {
        return "XMPP";
    }

    @Override
    public String script() {
        return "base/protocols/xmpp/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(5222, 5269);
    }

    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> STREAM.matcher(orig.text()).lookingAt() || STREAM.matcher(resp.text()).lookingAt();
    }

    @Override
    public Instance start(RunContext run) {
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new XmppAnalyzer(session);
            }
        };
    }
}
