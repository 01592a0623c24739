package org.brocapi.analyzer.protocol.ftp;

import java.util.Set;

import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/** FTP: 21/tcp and 2811/tcp (GridFTP) as base/protocols/ftp/main.zeek registers them, and its dpd.sig. */
public final class FtpProtocol implements Protocol {
    public static final FtpProtocol INSTANCE = new FtpProtocol();

    private FtpProtocol() { }

    @Override
    public String name() {
        return "FTP";
    }

    @Override
    public String script() {
        return "base/protocols/ftp/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(21, 2811);
    }

    /**
     * dpd_ftp_server requires-reverse-signature dpd_ftp_client: the client sent
     * {@code /(|.*[\n\r]) *[uU][sS][eE][rR] /} and the server {@code /[\n\r ]*(120|220)[^0-9].*[\n\r] *(230|331)[^0-9]/}.
     */
    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> clientUser(orig) && serverLogin(resp);
    }

    /** A line (the first, or any after CR/LF) that is spaces then "USER " in any case. */
    static boolean clientUser(Probe.Prefix p) {
        for (int start = 0; start < p.len(); start++) {
            if (start > 0 && p.u8(start - 1) != '\n' && p.u8(start - 1) != '\r') continue;
            int i = start;
            while (p.u8(i) == ' ') i++;
            if (i + 5 > p.len()) continue;
            boolean user = true;
            for (int k = 0; k < 4 && user; k++) user = (p.u8(i + k) | 0x20) == "user".charAt(k);
            if (user && p.u8(i + 4) == ' ') return true;
        }
        return false;
    }

    /** Greeting 120/220, then after some CR/LF a 230/331 reply (the regex is anchored at the start). */
    static boolean serverLogin(Probe.Prefix p) {
        int i = 0;
        while (p.u8(i) == '\n' || p.u8(i) == '\r' || p.u8(i) == ' ') i++;
        if (!code(p, i, "120") && !code(p, i, "220")) return false;
        // signature regexes are multi-line ('.' matches CR/LF too): any later CR/LF then spaces and 230/331
        for (int j = i + 4; j < p.len(); j++) {
            if (p.u8(j) != '\n' && p.u8(j) != '\r') continue;
            int k = j + 1;
            while (p.u8(k) == ' ') k++;
            if (code(p, k, "230") || code(p, k, "331")) return true;
        }
        return false;
    }

    /** {@code digits} at {@code i} followed by a non-digit. */
    private static boolean code(Probe.Prefix p, int i, String digits) {
        for (int k = 0; k < 3; k++) if (p.u8(i + k) != digits.charAt(k)) return false;
        int next = p.u8(i + 3);
        return next >= 0 && (next < '0' || next > '9');
    }

    @Override
    public Instance start(RunContext run) {
        var data = new FtpDataChannels(run.files());
        var options = FtpOptions.of(run.config().invocation());
        var log = run.log("ftp", FtpLogEntry.class);
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new FtpAnalyzer(session, data, options, log);
            }
        };
    }
}
