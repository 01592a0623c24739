package org.brocapi.analyzer.conn;

import org.brocapi.analyzer.packet.Packet;

/** Any other IP protocol (OSPF, VRRP, …): Zeek's "unknown_transport" connections, ports 0. */
public final class UnknownIpTransport implements Transport {
    public UnknownIpTransport(Connection c, ConnPolicy policy) {
        c.setInactivityTimeout(policy.unknownIpInactivityTimeout());
    }

    @Override
    public void packet(Connection c, Packet p, boolean isOrig) {
        c.lastTime = p.ts;
        c.countPacket(isOrig, p.ipLen);
    }

    @Override
    public EndpointState state(boolean orig) {
        return EndpointState.NONE;
    }

    @Override
    public long size(boolean orig) {
        return 0;
    }
}
