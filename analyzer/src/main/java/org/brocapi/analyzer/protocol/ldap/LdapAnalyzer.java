package org.brocapi.analyzer.protocol.ldap;

import org.brocapi.analyzer.protocol.DatagramAnalyzer;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.framing.StreamBuffer;

/**
 * LDAP on one TCP connection or UDP flow, following Zeek's Spicy analyzer: each complete
 * LDAPMessage confirms ({@code spicy::accept_input}); any grammar error is a violation after
 * which nothing more is parsed in either direction. Both directions share one message mode, as
 * they share the Spicy context: after a successful SASL bind the next message of either side
 * decides between cleartext, opaque SASL-wrapped buffers (4-byte length, RFC 4422 §3.7) and
 * Microsoft's Kerberos wrap tokens (RFC 4121 §4.2.6.2), whose unsealed payload holds more LDAP
 * messages; after a successful StartTLS everything goes to an SSL child analyzer. A UDP datagram
 * is parsed on its own: a message cut by its end is an error.
 */
final class LdapAnalyzer implements StreamAnalyzer, DatagramAnalyzer {
    /** Zeek's {@code LDAP::MessageMode}; UNDEF parses like CLEARTEXT. */
    private enum Mode { UNDEF, MS_KRB5, TLS, MAYBE_ENCRYPTED, CLEARTEXT, ENCRYPTED }

    /** RFC 4121 §4.2.6.2 wrap token: TOK_ID 05 04, flags, filler ff, EC, RRC, SND_SEQ. */
    private static final int KRB_WRAP_TOKEN = 0x0504, KRB_HEADER = 4 + 2 + 16;
    private static final int KRB_FLAG_SEALED = 0x02;

    private final Session session;
    private final LdapTransactions transactions;
    private final StreamBuffer[] pending = {new StreamBuffer(), new StreamBuffer()};
    private final long[] skip = new long[2];
    private Mode mode = Mode.UNDEF;
    private String saslMechanism = "";
    private boolean startTlsRequested;
    private StreamAnalyzer ssl;
    private boolean sslStarted;
    private boolean dead;

    LdapAnalyzer(Session session, LdapTransactions transactions) {
        this.session = session;
        this.transactions = transactions;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        if (dead) return;
        int d = dir.isOrig() ? 0 : 1;
        if (mode == Mode.TLS && pending[d].length() == 0 && skip[d] == 0) {
            forwardTls(dir, buf, off, len);
            return;
        }
        pending[d].append(buf, off, len);
        process(dir, false);
    }

    @Override
    public void gap(Direction dir, long len) {
        if (dead) return;
        int d = dir.isOrig() ? 0 : 1;
        // a gap inside bytes being skipped is harmless; anywhere else the parser runs into it
        if (pending[d].length() == 0 && skip[d] >= len) skip[d] -= len;
        else if (mode == Mode.TLS && ssl != null) ssl.gap(dir, len);
        else if (mode != Mode.TLS) fail("missing data in LDAP stream");
    }

    @Override
    public void end() {
        transactions.finish();
    }

    @Override
    public void datagram(Direction dir, byte[] buf, int off, int len) {
        if (dead) return;
        int d = dir.isOrig() ? 0 : 1;
        pending[d].clear();
        skip[d] = 0;
        pending[d].append(buf, off, len);
        process(dir, true);
        if (!dead && (pending[d].length() > 0 || skip[d] > 0)) fail("insufficient input at end of LDAP datagram");
        pending[d].clear();
        skip[d] = 0;
    }

    private void process(Direction dir, boolean eod) {
        int d = dir.isOrig() ? 0 : 1;
        StreamBuffer p = pending[d];
        while (!dead) {
            if (skip[d] > 0) {
                int n = (int) Math.min(skip[d], p.length());
                p.consume(n);
                skip[d] -= n;
                if (skip[d] > 0) return;
            }
            if (p.length() == 0) return;
            switch (mode) {
                case UNDEF, CLEARTEXT -> {
                    var r = LdapParser.message(p.array(), p.start(), p.length(), eod, saslMechanism);
                    if (r.status() == LdapParser.Status.NEED_MORE) return;
                    if (r.status() == LdapParser.Status.ERROR) {
                        fail(r.error());
                        return;
                    }
                    p.consume(r.consumed());
                    accept(r.message());
                }
                case MAYBE_ENCRYPTED -> {
                    if (!decideEncryption(p)) return;
                }
                case ENCRYPTED -> {
                    if (p.length() < 4) return;
                    skip[d] = p.u32(0);
                    p.consume(4);
                }
                case MS_KRB5 -> {
                    if (!krb5Frame(p, d)) return;
                }
                case TLS -> {
                    forwardTls(dir, p.array(), p.start(), p.length());
                    p.clear();
                    return;
                }
            }
        }
    }

    /**
     * Zeek's MaybeEncrypted heuristic: 0x30 starts a cleartext SEQUENCE; anything else is a SASL
     * buffer length, and for GSS mechanisms (or none seen) a following 05 04 means Kerberos wrap
     * tokens. False while too few bytes are there to decide.
     */
    private boolean decideEncryption(StreamBuffer p) {
        if (p.u8(0) == 0x30) {
            mode = Mode.CLEARTEXT;
            return true;
        }
        if (!saslMechanism.isEmpty() && !saslMechanism.startsWith("GSS")) {
            mode = Mode.ENCRYPTED;
            return true;
        }
        if (p.length() < 4) return false;
        long saslLen = p.u32(0);
        if (saslLen < 2) {
            mode = Mode.ENCRYPTED;
            return true;
        }
        if (p.length() < 6) return false;
        mode = (p.u8(4) << 8 | p.u8(5)) == KRB_WRAP_TOKEN ? Mode.MS_KRB5 : Mode.ENCRYPTED;
        return true;
    }

    /** One SASL buffer in MS_KRB5 mode (Zeek's SaslMsKrb5Stripper). False while incomplete. */
    private boolean krb5Frame(StreamBuffer p, int d) {
        if (p.length() < 6) return false;
        long len = p.u32(0);
        int tokId = p.u8(4) << 8 | p.u8(5);
        if (tokId != KRB_WRAP_TOKEN) {
            p.consume(6);
            skip[d] = len - 2 >= 0 ? len - 2 : Long.MAX_VALUE;
            return true;
        }
        if (p.length() < KRB_HEADER) return false;
        int flags = p.u8(6);
        if (p.u8(7) != 0xff) return fail("wrap token filler is not 0xff");
        int ec = p.u8(8) << 8 | p.u8(9), rrc = p.u8(10) << 8 | p.u8(11);
        boolean sealed = (flags & KRB_FLAG_SEALED) != 0;
        long headerEc = 0, trailerEc = 0;
        if (rrc == ec) headerEc = ec;
        else if (rrc == 0) trailerEc = ec;
        else if (!sealed) return fail("Unhandled rc " + ec + " and ec " + rrc);
        long payload = len - (KRB_HEADER - 4 + headerEc) - trailerEc;
        if (payload < 0) payload = Long.MAX_VALUE; // Spicy's unsigned wrap: waits for ever
        if (sealed) {
            p.consume(KRB_HEADER);
            skip[d] = satAdd(satAdd(headerEc, payload), trailerEc);
            return true;
        }
        long total = KRB_HEADER + headerEc + payload + trailerEc;
        if (p.length() < total) return false;
        int at = p.start() + KRB_HEADER + (int) headerEc, end = at + (int) payload;
        while (at < end && !dead) {
            var r = LdapParser.message(p.array(), at, end - at, true, saslMechanism);
            if (r.status() != LdapParser.Status.OK) return fail(r.error());
            at += r.consumed();
            accept(r.message());
        }
        p.consume((int) total);
        return !dead;
    }

    private static long satAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** A complete message: Zeek's context updates, then {@code spicy::accept_input()}. */
    private void accept(LdapMessage m) {
        switch (m.opcode()) {
            case LdapCodes.BIND_REQUEST -> {
                if (m.saslMechanism() != null) saslMechanism = m.saslMechanism();
            }
            case LdapCodes.BIND_RESPONSE -> {
                if (!saslMechanism.isEmpty() && m.result() != null && m.result() == LdapCodes.SUCCESS) {
                    mode = Mode.MAYBE_ENCRYPTED;
                }
                if (m.krb5Selected()) mode = Mode.MS_KRB5;
            }
            case LdapCodes.EXTENDED_REQUEST -> {
                if (m.startTlsRequest()) startTlsRequested = true;
            }
            case LdapCodes.EXTENDED_RESPONSE -> {
                if (startTlsRequested && m.result() != null && m.result() == LdapCodes.SUCCESS) mode = Mode.TLS;
            }
            default -> { }
        }
        transactions.message(m);
        session.confirm();
    }

    private void forwardTls(Direction dir, byte[] buf, int off, int len) {
        if (!sslStarted) {
            sslStarted = true;
            ssl = session.startChild("SSL");
        }
        if (ssl != null && len > 0) ssl.data(dir, buf, off, len);
    }

    /**
     * A violation: Spicy skips the rest of the connection. Pending operations are logged now,
     * where Zeek's removal hook would log them later (the analyzer may be disabled before removal).
     */
    private boolean fail(String reason) {
        session.violation(reason);
        dead = true;
        transactions.finish();
        return false;
    }
}
