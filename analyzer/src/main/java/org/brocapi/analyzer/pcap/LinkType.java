package org.brocapi.analyzer.pcap;

/**
 * Link-layer header types we decode (tcpdump.org/linktypes.html, the LINKTYPE_ values stored in
 * pcap headers and pcapng interface blocks).
 */
public final class LinkType {
    private LinkType() { }

    public static final int NULL = 0;            // BSD loopback: 4-byte AF_ value in host order
    public static final int ETHERNET = 1;
    public static final int RAW = 101;           // raw IPv4/IPv6, version from the first nibble
    public static final int LOOP = 108;          // OpenBSD loopback: AF_ value in network order
    public static final int LINUX_SLL = 113;
    public static final int PPP = 9;               // RFC 1661, with or without HDLC-like framing
    public static final int PPP_SERIAL = 50;       // PPP in HDLC-like framing (Cisco HDLC)
    public static final int IEEE802_11 = 105;          // 802.11 frames without radio header
    public static final int IEEE802_11_RADIOTAP = 127;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int NFLOG = 239;
    public static final int LINUX_SLL2 = 276;
    /** DLT_RAW's value on some BSDs (12, 14) that pcap files still carry. */
    public static final int RAW_BSD_12 = 12;
    public static final int RAW_BSD_14 = 14;
}
