package org.brocapi.analyzer.protocol.pop3;

import java.util.Set;
import java.util.regex.Pattern;

import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/** POP3: base/protocols/pop3 only loads its dpd.sig (no ports are registered). */
public final class Pop3Protocol implements Protocol {
    public static final Pop3Protocol INSTANCE = new Pop3Protocol();

    /** dpd_pop3_client; [[:space:]] is POSIX space. */
    private static final Pattern CLIENT = Pattern.compile(
            "(|.*[\\r\\n])[ \\t\\n\\x0b\\f\\r]*([uU][sS][eE][rR][ \\t\\n\\x0b\\f\\r]|[aA][pP][oO][pP][ \\t\\n\\x0b\\f\\r]"
                    + "|[cC][aA][pP][aA]|[aA][uU][tT][hH]|[sS][tT][lL][sS])", Pattern.DOTALL);

    private Pop3Protocol() { }

    @Override
    public String name() {
        return "POP3";
    }

    @Override
    public String script() {
        return "base/protocols/pop3";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    /** dpd_pop3_server ({@code /^\+OK/}, responder) requires-reverse-signature dpd_pop3_client. */
    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> resp.startsWith("+OK") && CLIENT.matcher(orig.text()).lookingAt();
    }

    @Override
    public Instance start(RunContext run) {
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new Pop3Analyzer(session);
            }
        };
    }
}
