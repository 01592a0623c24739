package org.brocapi.analyzer.protocol.dhcp;

import org.brocapi.analyzer.protocol.DatagramAnalyzer;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;

/**
 * DHCP on one UDP connection: Zeek's {@code process_dhcp_message}. A message without the
 * message-type option is a violation; a wrong cookie is a violation and the message is dropped;
 * anything else confirms (a single message on a "connection" is common for DHCP).
 */
final class DhcpAnalyzer implements DatagramAnalyzer {
    private final Session session;

    DhcpAnalyzer(Session session) {
        this.session = session;
    }

    @Override
    public void datagram(Direction dir, byte[] buf, int off, int len) {
        DhcpMessage m = DhcpParser.parse(buf, off, len);
        if (m == null) {
            session.violation("Binpac exception: out_of_bound: DHCP_Message", buf, off, len);
            return;
        }
        if (m.type() == 0) session.violation("no DHCP message type option");
        if (m.cookie() != DhcpMessage.MAGIC_COOKIE) {
            session.violation("bad cookie (" + (int) m.cookie() + ")");
            return;
        }
        session.confirm();
    }
}
