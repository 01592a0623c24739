package org.brocapi.analyzer.protocol.dhcp;

import org.brocapi.analyzer.protocol.DatagramAnalyzer;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;

/**
 * DHCP on one UDP connection: Zeek's {@code process_dhcp_message}. A message without the
 * message-type option is a violation (its {@code dhcp_message} event is still raised, type 0); a
 * wrong cookie is a violation and the message is dropped; anything else confirms (a single
 * message on a "connection" is common for DHCP). Messages go to the run's {@link DhcpLogger}.
 */
final class DhcpAnalyzer implements DatagramAnalyzer {
    private final Session session;
    private final DhcpLogger logger;
    /** The relay-agent sum Zeek's binpac flow keeps per direction and never resets. */
    private final int[] relaySumLen = new int[2];

    DhcpAnalyzer(Session session, DhcpLogger logger) {
        this.session = session;
        this.logger = logger;
    }

    @Override
    public void datagram(Direction dir, byte[] buf, int off, int len) {
        int d = dir.isOrig() ? 0 : 1;
        DhcpMessage m = DhcpParser.parse(buf, off, len, relaySumLen[d]);
        if (m == null) {
            session.violation("Binpac exception: out_of_bound: DHCP_Message", buf, off, len);
            return;
        }
        relaySumLen[d] = m.relaySumLen();
        if (m.type() == 0) session.violation("no DHCP message type option");
        if (m.cookie() != DhcpMessage.MAGIC_COOKIE) {
            session.violation("bad cookie (" + (int) m.cookie() + ")");
            return;
        }
        if (logger != null) {
            logger.message(session.now(), session.conn(), dir.isOrig(), m, session.conn().table().timers());
        }
        session.confirm();
    }
}
