package org.brocapi.analyzer.conn;

import org.brocapi.analyzer.packet.Packet;

/** UDP connection state (Zeek's {@code UDPAnalyzer} + {@code UDPSessionAdapter}). */
public final class UdpTransport implements Transport {
    // Zeek's Session history masks for connection-level UDP letters
    private static final int HIST_ORIG_DATA_PKT = 0x1, HIST_RESP_DATA_PKT = 0x2;

    private final boolean ignoreChecksums;
    private long requestLen = -1, replyLen = -1;
    private final long[] reqChk = {0, 1}, repChk = {0, 1};

    private final DatagramSink sink;

    public UdpTransport(Connection c, ConnPolicy policy) {
        this(c, policy, DatagramSink.NONE);
    }

    public UdpTransport(Connection c, ConnPolicy policy, DatagramSink sink) {
        this.sink = sink;
        this.ignoreChecksums = policy.ignoreChecksums();
        c.setInactivityTimeout(policy.udpInactivityTimeout());
    }

    @Override
    public void packet(Connection c, Packet p, boolean isOrig) {
        int len = p.payloadLen + 8; // Zeek's len is the IP payload: UDP header included
        if (!ignoreChecksums && p.badChecksum != null && p.payloadCapLen >= p.payloadLen
                && p.capLen >= p.wireLen) {
            c.weird("bad_UDP_checksum", "", "UDP");
            c.scaledHistoryEntry(isOrig ? 'C' : 'c', isOrig ? reqChk : repChk);
            return;
        }
        int ulen = p.udpLength;
        if (ulen != len) c.weird("UDP_datagram_length_mismatch", ulen + " != " + len, "UDP");
        c.lastTime = p.ts;
        // Zeek's ConnSize is a child analyzer: it sees the datagram only after the checksum passed
        // (UDPAnalyzer::DeliverPacket ends with adapter->ForwardPacket)
        if (isOrig) {
            c.origPkts++;
            c.origIpBytes += p.ipLen;
        } else {
            c.respPkts++;
            c.respIpBytes += p.ipLen;
        }
        int payload = ulen - 8;
        if (isOrig) {
            c.checkHistory(HIST_ORIG_DATA_PKT, 'D');
            requestLen = requestLen < 0 ? payload : requestLen + payload;
        } else {
            c.checkHistory(HIST_RESP_DATA_PKT, 'd');
            replyLen = replyLen < 0 ? payload : replyLen + payload;
        }
        // Zeek forwards min(IP payload - 8, captured): the UDP length field is not trusted here
        int deliver = Math.min(p.payloadLen, p.payloadCapLen);
        if (deliver >= 0 && p.payload != null) sink.datagram(isOrig, p.payload, p.payloadOffset, deliver);
    }

    @Override
    public EndpointState state(boolean orig) {
        return (orig ? requestLen : replyLen) < 0 ? EndpointState.UDP_INACTIVE : EndpointState.UDP_ACTIVE;
    }

    @Override
    public long size(boolean orig) {
        long s = orig ? requestLen : replyLen;
        return s < 0 ? 0 : s;
    }

    @Override
    public void flipRoles() {
        long t = requestLen;
        requestLen = replyLen;
        replyLen = t;
    }
}
