package org.brocapi.analyzer.protocol.xmpp;

import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * XMPP on one TCP connection, as Zeek's XMPP analyzer decides: the client's
 * {@code <stream:stream>} confirms, a chunk that is not a sequence of tags is a violation, and
 * once the server answers the client's {@code <starttls>} with {@code <proceed>} (RFC 6120 §5.4.2)
 * the rest goes to SSL. After the handshake tags ({@code success}, {@code message},
 * {@code presence}, dialback results) the analyzer stops looking. Connections whose start was not
 * seen, or after a content gap, are not analysed.
 */
final class XmppAnalyzer implements StreamAnalyzer {
    private final Session session;
    private boolean hadGap, skip, clientStarttls, tlsActive;
    private StreamAnalyzer tls;

    XmppAnalyzer(Session session) {
        this.session = session;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        if (tlsActive) {
            if (tls != null) tls.data(dir, buf, off, len);
            return;
        }
        if (session.isPartial() || hadGap || skip || len == 0) return;
        String error = XmppParser.parse(buf, off, len, name -> token(dir, name));
        if (error != null) session.violation("Binpac exception: " + error);
    }

    @Override
    public void gap(Direction dir, long len) {
        if (tlsActive) {
            if (tls != null) tls.gap(dir, len);
            return;
        }
        hadGap = true;
    }

    @Override
    public void end() {
        if (tls != null) tls.end();
    }

    private void token(Direction dir, String name) {
        int colon = name.indexOf(':');
        String local = colon >= 0 && name.length() > colon + 1 ? name.substring(colon + 1) : name;
        if (dir.isOrig() && name.equals("stream:stream")) session.confirm();
        if (name.equals("success") || name.equals("message") || name.equals("db:result")
                || name.equals("db:verify") || name.equals("presence")) skip = true;
        if (dir.isOrig() && (name.equals("starttls") || local.equals("starttls"))) clientStarttls = true;
        if (!dir.isOrig() && (name.equals("proceed") || local.equals("proceed")) && clientStarttls) {
            if (!tlsActive) tls = session.startChild("SSL");
            tlsActive = true;
        } else if (!dir.isOrig() && name.equals("proceed")) {
            session.weird("XMPP: proceed without starttls");
        }
    }
}
