package org.brocapi.analyzer.protocol.smtp;

import java.util.Set;
import java.util.regex.Pattern;

import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/** SMTP: 25/tcp and 587/tcp as base/protocols/smtp/main.zeek registers them, and its dpd.sig. */
public final class SmtpProtocol implements Protocol {
    public static final SmtpProtocol INSTANCE = new SmtpProtocol();

    private static final String SPACE = "[ \\t\\n\\x0b\\f\\r]";
    /** dpd_smtp_client (originator) requires-reverse-signature dpd_smtp_server (responder). */
    private static final Pattern CLIENT = Pattern.compile(
            "(|.*[\\n\\r])" + SPACE + "*([hH][eE][lL][oO]|[eE][hH][lL][oO])", Pattern.DOTALL);
    private static final Pattern SERVER = Pattern.compile(SPACE + "*220[ \\t\\n\\x0b\\f\\r-]", Pattern.DOTALL);

    private SmtpProtocol() { }

    @Override
    public String name() {
        return "SMTP";
    }

    @Override
    public String script() {
        return "base/protocols/smtp/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(25, 587);
    }

    @Override
    public Probe probe(Transport transport) {
        // the anchored server pattern and the greeting words first: the client pattern's (.*)
        // backtracks over the whole prefix, and most connections are not SMTP
        return (orig, resp) -> !orig.isEmpty() && !resp.isEmpty() && SERVER.matcher(resp.text()).lookingAt()
                && (orig.containsIgnoreCase("helo") || orig.containsIgnoreCase("ehlo"))
                && CLIENT.matcher(orig.text()).lookingAt();
    }

    @Override
    public Instance start(RunContext run) {
        LogStream<SmtpLogEntry> log = run.log("smtp", SmtpLogEntry.class);
        var uids = run.uids();
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new SmtpAnalyzer(session, run.files(), new SmtpTransactions(session, log::write, uids::hashKey));
            }
        };
    }
}
