package org.brocapi.analyzer.packet;

import java.util.Arrays;

/**
 * One tunnel a packet travelled in (Zeek's {@code EncapsulatingConn}): the tunnel's endpoints,
 * its type and uid. IP-in-IP and GRE tunnels have ports 0 and their own uid; tunnels carried in
 * UDP share the carrying connection's endpoints and uid.
 *
 * @param transport Zeek's transport of the tunnel id: 6, 17, 1 or 0 (unknown); decides the port type only
 * @param ipProto   the IP protocol of the carrying header (47 for GRE, 4/41 for IP-in-IP, 17 for UDP tunnels)
 * @param type      Zeek's {@code Tunnel::Type} name without the module, e.g. {@code GRE}, {@code VXLAN}
 */
public record Encapsulation(byte[] src, int srcPort, byte[] dst, int dstPort, int transport, int ipProto, String type,
                            String uid) {
    public static final String IP = "IP", GRE = "GRE", VXLAN = "VXLAN", GENEVE = "GENEVE", TEREDO = "TEREDO",
            AYIYA = "AYIYA", GTPV1 = "GTPv1";
    private static final int TCP = 6;

    /**
     * The tunnel of a proxy (SOCKS, HTTP CONNECT), as their main.zeek scripts register it: the
     * proxy connection's id with orig_p 0, because each proxied connection comes from a new client
     * port and they are one tunnel; no uid.
     */
    public static Encapsulation proxy(byte[] orig, byte[] resp, int respPort, String type) {
        return new Encapsulation(orig, 0, resp, respPort, TCP, TCP, type, null);
    }

    /**
     * Zeek's {@code operator==} on EncapsulatingConn: IP and GRE tunnels are the same in either
     * direction; VXLAN ignores the (hashed, varying) source port; the others compare everything.
     */
    public boolean sameAs(Encapsulation o) {
        if (!type.equals(o.type)) return false;
        boolean common = uid.equals(o.uid) && transport == o.transport && ipProto == o.ipProto;
        boolean straight = Arrays.equals(src, o.src) && Arrays.equals(dst, o.dst);
        boolean crossed = Arrays.equals(src, o.dst) && Arrays.equals(dst, o.src);
        if (type.equals(IP) || type.equals(GRE)) return common && (straight || crossed);
        if (type.equals(VXLAN)) return common && dstPort == o.dstPort && (straight || crossed);
        return common && straight && srcPort == o.srcPort && dstPort == o.dstPort;
    }
}
