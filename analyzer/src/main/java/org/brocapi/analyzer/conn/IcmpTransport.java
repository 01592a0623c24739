package org.brocapi.analyzer.conn;

import org.brocapi.analyzer.packet.Packet;

/** ICMP and ICMPv6 "connections" (Zeek's {@code ICMPAnalyzer}): conn_state is always OTH. */
public final class IcmpTransport implements Transport {
    private final boolean ignoreChecksums;
    private final EndpointLengths lengths = new EndpointLengths();

    public IcmpTransport(Connection c, ConnPolicy policy) {
        this.ignoreChecksums = policy.ignoreChecksums();
        c.setInactivityTimeout(policy.icmpInactivityTimeout());
    }

    /**
     * Zeek's counterpart types (ICMP4_counterpart/ICMP6_counterpart): a request and its reply
     * share a connection, keyed by (type, counterpart type); other messages are one-way,
     * keyed by (type, code). Returns the responder "port"; {@code oneWay[0]} tells which case.
     */
    public static int counterpart(boolean v6, int type, int code, boolean[] oneWay) {
        oneWay[0] = false;
        int c = v6 ? switch (type) {
            case 128 -> 129; case 129 -> 128;   // echo
            case 133 -> 134; case 134 -> 133;   // router solicitation / advertisement
            case 135 -> 136; case 136 -> 135;   // neighbor solicitation / advertisement
            case 130 -> 131; case 131 -> 130;   // MLD query / report
            case 139 -> 140; case 140 -> 139;   // node information query / response
            case 144 -> 145; case 145 -> 144;   // home agent address discovery
            default -> -1;
        } : switch (type) {
            case 8 -> 0; case 0 -> 8;           // echo
            case 13 -> 14; case 14 -> 13;       // timestamp
            case 15 -> 16; case 16 -> 15;       // information
            case 10 -> 9; case 9 -> 10;         // router solicitation / advertisement
            case 17 -> 18; case 18 -> 17;       // address mask
            default -> -1;
        };
        if (c >= 0) return c;
        oneWay[0] = true;
        return code;
    }

    @Override
    public void packet(Connection c, Packet p, boolean isOrig) {
        int len = p.payloadLen + 8; // the whole ICMP message
        int remaining = p.payloadCapLen + 8;
        if (!ignoreChecksums && remaining >= len && p.badChecksum != null) {
            c.weird("bad_ICMP_checksum", "", "ICMP");
            return;
        }
        c.lastTime = p.ts;
        long body = p.payloadLen;
        lengths.add(isOrig, body);
        // Zeek forwards to ConnSize only what was captured whole
        if (remaining >= len) {
            c.countPacket(isOrig, p.ipLen);
        }
    }

    @Override
    public EndpointState state(boolean orig) {
        return EndpointState.NONE;
    }

    @Override
    public long size(boolean orig) {
        return lengths.size(orig);
    }

    @Override
    public void flipRoles() {
        lengths.flip();
    }
}
