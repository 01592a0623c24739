package org.brocapi.analyzer.packet;

/**
 * One decoded packet: what the connection layer needs from link, IP and transport headers.
 *
 * <p>{@link PacketDecoder} owns one instance and overwrites it on every decode; copy what you
 * keep. Addresses are 16 bytes, IPv4 in its v4-mapped form ({@code ::ffff:a.b.c.d}), which is also
 * how Zeek orders addresses.
 */
public final class Packet {
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;
    public static final int ICMP6 = 58;

    // TCP flag bits (RFC 9293 §3.1)
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20;

    /** Capture time, seconds since the epoch. */
    public double ts;
    /** The capture's own lengths for this record. */
    public int capLen, wireLen;

    // --- link layer -----------------------------------------------------------------------
    /** Ethernet source/destination, valid when {@link #hasMac}. */
    public final byte[] srcMac = new byte[6], dstMac = new byte[6];
    public boolean hasMac;
    /** Outer and inner 802.1Q VLAN id, -1 when absent. */
    public int vlan = -1, innerVlan = -1;
    /** PPPoE session id, -1 when absent. */
    public int pppoeSession = -1;

    // --- network layer --------------------------------------------------------------------
    /** 4 or 6. */
    public int ipVersion;
    public final byte[] src = new byte[16], dst = new byte[16];
    /** The transport protocol after any IPv6 extension headers (6, 17, 1, 58, …). */
    public int proto;
    /** The IP datagram's length as its header says (IPv4 total length; IPv6 payload length + 40). */
    public int ipLen;
    public int ttl;
    /** True when this datagram was reassembled from fragments. */
    public boolean reassembled;

    // --- transport layer ------------------------------------------------------------------
    /** TCP/UDP ports; 0 for ICMP, whose type and code are in {@link #icmpType}/{@link #icmpCode}. */
    public int srcPort, dstPort;
    public int tcpFlags;
    public long seq, ack;
    public int window;
    public int icmpType, icmpCode;
    /** TCP options: {@code payload[tcpOptionsOffset, tcpOptionsOffset + tcpOptionsLen)}; 0 length when none. */
    public int tcpOptionsOffset, tcpOptionsLen;
    /** The UDP header's length field (Zeek counts {@code udpLength - 8} as the endpoint's bytes). */
    public int udpLength;
    /** False when a checksum (IPv4 header, TCP, UDP, ICMP) did not verify. */
    public boolean checksumOk = true;
    /** Which checksum failed: a Zeek weird name such as {@code bad_TCP_checksum}; null when fine. */
    public String badChecksum;

    /** Transport payload: {@code payload[payloadOffset, payloadOffset + payloadCapLen)} is captured. */
    public byte[] payload;
    public int payloadOffset;
    /** Payload bytes present in the capture (less than {@link #payloadLen} when snaplen cut it). */
    public int payloadCapLen;
    /** Payload length according to the headers (IP length minus IP and transport headers). */
    public int payloadLen;

    /**
     * The weird that decides the {@link DecodeResult} (Zeek's name), null when none: for
     * {@code WEIRD} why the packet was dropped, for {@code CONN_WEIRD} the connection weird, for
     * {@code OK} a connection weird that does not stop processing ({@code UDP_datagram_length_mismatch}).
     */
    public String weird;
    public String weirdAddl;
    /**
     * Where Zeek reports {@link #weird} (a {@code WEIRD} result): the packet analyzer that raised it
     * ({@code ETHERNET}, {@code IP}; weird.log's {@code source}), and whether the IP header was
     * accepted by then, making it a weird between the packet's addresses rather than one without
     * (session::Manager::Weird looks at {@code packet->ip_hdr}).
     */
    public String weirdSource;
    public boolean weirdFlow;

    /**
     * Weirds raised on the way that did not stop decoding and belong to no connection, in order
     * ({@code fragment_overlap}, {@code routing0_hdr}, {@code pppoe_extra_data_after_payload}, …).
     * Names and addl (null when none) are in the first {@link #packetWeirdCount} slots.
     */
    public final String[] packetWeirds = new String[8], packetWeirdAddls = new String[8];
    /** Per packet weird, as {@link #weirdSource} and {@link #weirdFlow}. */
    public final String[] packetWeirdSources = new String[8];
    public final boolean[] packetWeirdFlows = new boolean[8];
    public int packetWeirdCount;

    void addPacketWeird(String name, String addl, String source, boolean flow) {
        if (packetWeirdCount < packetWeirds.length) {
            packetWeirds[packetWeirdCount] = name;
            packetWeirdAddls[packetWeirdCount] = addl;
            packetWeirdSources[packetWeirdCount] = source;
            packetWeirdFlows[packetWeirdCount] = flow;
            packetWeirdCount++;
        }
    }

    public boolean isV4() {
        return ipVersion == 4;
    }
}
