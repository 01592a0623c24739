package org.brocapi.analyzer.protocol.ntlm;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * Zeek's NTLM analyzer plus base/protocols/ntlm/main.zeek: each delivery is one whole message
 * (the parent hands over a complete auth blob); a parsed message confirms, a parse error is a
 * violation. The session's names are logged once: after a final SPNEGO result from the carrier
 * ({@link NtlmNegotiation}) or else when the connection goes (finalize_ntlm).
 */
final class NtlmAnalyzer implements StreamAnalyzer, NtlmNegotiation {
    private final Session session;
    private final LogStream<NtlmLogEntry> log;
    /** {@code c$ntlm}; null until the first message. */
    private double ts;
    private boolean started;
    private byte[] username, hostname, domainname, serverNb, serverDns, serverTree;
    private Boolean success;
    /** {@code c$ntlm$done}: already logged after a final negotiation result. */
    private boolean done;

    NtlmAnalyzer(Session session, LogStream<NtlmLogEntry> log) {
        this.session = session;
        this.log = log;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        var r = NtlmParser.parse(buf, off, len);
        if (r.error() != null) {
            session.violation(r.error());
            return;
        }
        switch (r.message()) {
            case NtlmMessage.Negotiate n -> setSession();
            case NtlmMessage.Challenge c -> challenge(c);
            case NtlmMessage.Authenticate a -> {
                setSession();
                if (a.domainName() != null) domainname = text(a.domainName());
                if (a.workstation() != null) hostname = text(a.workstation());
                if (a.userName() != null) username = text(a.userName());
            }
            case NtlmMessage.Other o -> { }
        }
        session.confirm();
    }

    private void challenge(NtlmMessage.Challenge c) {
        // Zeek converts the target name too, even though the script does not log it
        if (c.targetName() != null) text(c.targetName());
        var ti = c.targetInfo();
        byte[] nb = null, dns = null, tree = null;
        if (ti != null) {
            // build_av_record converts every name before it checks for the missing MsvAvEOL
            nb = ti.nbComputerName() != null ? text(ti.nbComputerName()) : null;
            if (ti.nbDomainName() != null) text(ti.nbDomainName());
            dns = ti.dnsComputerName() != null ? text(ti.dnsComputerName()) : null;
            if (ti.dnsDomainName() != null) text(ti.dnsDomainName());
            tree = ti.dnsTreeName() != null ? text(ti.dnsTreeName()) : null;
            if (ti.targetName() != null) text(ti.targetName());
            if (c.targetInfoUnderflow()) session.violation("NTLM AV Pair loop underflow");
        }
        setSession();
        if (nb != null) serverNb = nb;
        if (dns != null) serverDns = dns;
        if (tree != null) serverTree = tree;
    }

    private void setSession() {
        if (started) return;
        started = true;
        ts = session.now();
    }

    /** utf16_to_utf8_val, with its weird and raw-bytes fallback when the conversion fails. */
    private byte[] text(byte[] utf16) {
        byte[] s = NtlmParser.utf16ToUtf8(utf16);
        if (s != null) return s;
        session.conn().weird("utf16_conversion_failed", "utf16 conversion failed in utf16_to_utf8_val");
        return utf16;
    }

    /** gssapi_neg_result at priorities 3 and -3: a final state sets success and logs the session. */
    @Override
    public void negotiationResult(long state) {
        if (!started) return;
        if (state != 1) success = state == 0;
        if (!done && success != null) {
            write();
            done = true;
        }
    }

    /** finalize_ntlm: a session not logged yet is logged when the connection is removed. */
    @Override
    public void end() {
        if (started && !done) write();
    }

    private void write() {
        Connection c = session.conn();
        log.write(new NtlmLogEntry(ts, c.uid(), c.id(), username, hostname, domainname, serverNb, serverDns,
                serverTree, success));
    }
}
