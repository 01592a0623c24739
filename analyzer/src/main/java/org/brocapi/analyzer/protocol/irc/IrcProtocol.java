package org.brocapi.analyzer.protocol.irc;

import java.util.Set;
import java.util.regex.Pattern;

import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/** IRC: 6666-6669/tcp as base/protocols/irc/main.zeek registers them, and its dpd.sig. */
public final class IrcProtocol implements Protocol {
    public static final IrcProtocol INSTANCE = new IrcProtocol();

    // dpd.sig irc_client1 / irc_client2 (originator), irc_server_reply (responder)
    private static final Pattern CLIENT1 = Pattern.compile(
            "(|.*[\\r\\n]) *[Uu][Ss][Ee][Rr] +.+[\\n\\r]+ *[Nn][Ii][Cc][Kk] +.*[\\r\\n]", Pattern.DOTALL);
    private static final Pattern CLIENT2 = Pattern.compile(
            "(|.*[\\r\\n]) *[Nn][Ii][Cc][Kk] +.+[\\r\\n]+ *[Uu][Ss][Ee][Rr] +.+[\\r\\n]", Pattern.DOTALL);
    private static final Pattern SERVER_REPLY = Pattern.compile(
            "(|.*[\\n\\r])(:[^ \\n\\r]+ )?[0-9][0-9][0-9] ", Pattern.DOTALL);
    // irc_server_to_server1/2: the same pattern on both sides
    private static final Pattern SERVER_TO_SERVER = Pattern.compile(
            "(|.*[\\r\\n]) *[Ss][Ee][Rr][Vv][Ee][Rr] +[^ ]+ +[0-9]+ +:.+[\\r\\n]", Pattern.DOTALL);

    private IrcProtocol() { }

    @Override
    public String name() {
        return "IRC";
    }

    @Override
    public String script() {
        return "base/protocols/irc/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(6666, 6667, 6668, 6669);
    }

    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> {
            if (orig.isEmpty() || resp.isEmpty()) return false;
            // the client patterns need both words and the server-to-server one needs SERVER on both
            // sides: looking for them first spares the backtracking (.*) of most non-IRC prefixes
            if (orig.containsIgnoreCase("nick") && orig.containsIgnoreCase("user")
                    && (CLIENT1.matcher(orig.text()).lookingAt() || CLIENT2.matcher(orig.text()).lookingAt())
                    && SERVER_REPLY.matcher(resp.text()).lookingAt()) return true;
            return orig.containsIgnoreCase("server") && resp.containsIgnoreCase("server")
                    && SERVER_TO_SERVER.matcher(orig.text()).lookingAt() && SERVER_TO_SERVER.matcher(resp.text()).lookingAt();
        };
    }

    @Override
    public Instance start(RunContext run) {
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new IrcAnalyzer(session);
            }
        };
    }
}
