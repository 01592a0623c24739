package org.brocapi.analyzer.packet;

/** What {@link PacketDecoder#decode} made of one captured frame; what the connection layer does next. */
public enum DecodeResult {
    /** A TCP, UDP, ICMP or ICMPv6 packet: deliver it. {@link Packet#weird} may hold a connection weird to raise. */
    OK,
    /**
     * Nothing for the connection layer, and Zeek logs nothing: ARP, LLC/802.3, unknown ethertypes,
     * link types we do not decode, IPv6 ESP / Mobility header chains.
     */
    NOT_IP,
    /** Dropped before any connection exists; raise {@link Packet#weird} (Zeek's name) without a uid. */
    WEIRD,
    /** An IP fragment was stored; the datagram is not complete yet. */
    FRAGMENT_PENDING,
    /**
     * A valid IP datagram whose protocol is not TCP/UDP/ICMP ({@link Packet#proto}; tunnels such as
     * IP-in-IP and GRE included): Zeek 8 keeps an {@code unknown_transport} connection for it.
     */
    UNKNOWN_TRANSPORT,
    /**
     * Addresses and ports (or ICMP type/code) are valid, but the transport header is broken or its
     * checksum wrong: find or create the connection, raise {@link Packet#weird} on it, deliver nothing.
     * When {@link Packet#checksumOk} is false it is a bad checksum (Zeek's history {@code C}/{@code c}).
     */
    CONN_WEIRD
}
