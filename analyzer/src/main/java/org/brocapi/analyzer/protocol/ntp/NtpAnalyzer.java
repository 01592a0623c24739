package org.brocapi.analyzer.protocol.ntp;

import org.brocapi.analyzer.protocol.DatagramAnalyzer;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;

/**
 * NTP on one UDP connection. Every message that parses confirms (Zeek's
 * {@code proc_ntp_message}); the first server-mode message from the originator, or client-mode
 * message from the responder, flips the roles once.
 */
final class NtpAnalyzer implements DatagramAnalyzer {
    private final Session session;
    private boolean flipped;

    NtpAnalyzer(Session session) {
        this.session = session;
    }

    @Override
    public void datagram(Direction dir, byte[] buf, int off, int len) {
        NtpMessage m = NtpParser.parse(buf, off, len);
        if (m == null) {
            session.violation("Binpac exception: out_of_bound: NTP_PDU", buf, off, len);
            return;
        }
        session.confirm();
        boolean wrongWay = (m.mode() == NtpMessage.SERVER && dir.isOrig())
                || (m.mode() == NtpMessage.CLIENT && !dir.isOrig());
        if (wrongWay && !flipped) {
            session.conn().flipRoles();
            flipped = true;
        }
    }
}
