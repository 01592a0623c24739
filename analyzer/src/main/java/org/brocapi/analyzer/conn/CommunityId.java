package org.brocapi.analyzer.conn;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Community ID flow hash, version 1 (corelight/community-id-spec), as Zeek's
 * {@code community_id_v1} computes it at {@code new_connection}: SHA-1 over seed, the ordered
 * addresses, protocol, a pad byte and the ordered ports, base64 with a {@code 1:} prefix.
 */
public final class CommunityId {
    private final int seed;

    public CommunityId(int seed) {
        this.seed = seed;
    }

    /** The id of the connection's endpoints as they are now. */
    public String of(Connection c) {
        boolean v4 = !c.v6;
        int alen = v4 ? 4 : 16, aoff = v4 ? 12 : 0;
        byte[] src = Arrays.copyOfRange(c.origAddr, aoff, aoff + alen);
        byte[] dst = Arrays.copyOfRange(c.respAddr, aoff, aoff + alen);
        int sport = c.origPort, dport = c.respPort;
        boolean hasPorts = c.ipProto == 6 || c.ipProto == 17 || c.ipProto == 1 || c.ipProto == 58 || c.ipProto == 132;
        boolean oneWay = false;
        if (c.ipProto == 1 || c.ipProto == 58) {
            boolean[] ow = {false};
            IcmpTransport.counterpart(c.ipProto == 58, sport, dport, ow);
            oneWay = ow[0];
        }
        if (!oneWay && !ConnKey.canonLess(c.origAddr, sport, c.respAddr, dport)) {
            byte[] t = src;
            src = dst;
            dst = t;
            int p = sport;
            sport = dport;
            dport = p;
        }
        try {
            var sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(new byte[] {(byte) (seed >> 8), (byte) seed});
            sha1.update(src);
            sha1.update(dst);
            sha1.update(new byte[] {(byte) c.ipProto, 0});
            if (hasPorts) sha1.update(new byte[] {(byte) (sport >> 8), (byte) sport, (byte) (dport >> 8), (byte) dport});
            return "1:" + Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
