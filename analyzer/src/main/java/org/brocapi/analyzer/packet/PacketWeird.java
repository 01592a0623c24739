package org.brocapi.analyzer.packet;

/** Weirds of the packet layers, with Zeek 8's exact names (where Zeek raises them in a comment). */
public final class PacketWeird {
    private PacketWeird() { }

    // packet_analysis/protocol/ethernet/Ethernet.cc
    public static final String TRUNCATED_ETHERNET_FRAME = "truncated_ethernet_frame";
    public static final String TRUNCATED_LINK_HEADER_CFP = "truncated_link_header_cfp";
    public static final String UNDEFINED_ETHER_TYPE = "undefined_ether_type";
    // nflog/NFLog.cc
    public static final String TRUNCATED_NFLOG_HEADER = "truncated_nflog_header";
    public static final String UNKNOWN_NFLOG_VERSION = "unknown_nflog_version";
    public static final String NFLOG_NO_PCAP_PAYLOAD = "nflog_no_pcap_payload";
    public static final String NFLOG_BAD_TLV_LEN = "nflog_bad_tlv_len";
    // ppp/PPP.cc, ppp_serial/PPPSerial.cc
    public static final String TRUNCATED_PPP_HEADER = "truncated_ppp_header";
    public static final String TRUNCATED_PPP_HDLC_HEADER = "truncated_ppp_hdlc_header";
    public static final String TRUNCATED_PPP_SERIAL_HEADER = "truncated_ppp_serial_header";
    // pbb/PBB.cc, ieee802_11_radio/IEEE802_11_Radio.cc, ieee802_11/IEEE802_11.cc
    public static final String TRUNCATED_PBB_HEADER = "truncated_PBB_header";
    public static final String TRUNCATED_RADIOTAP_HEADER = "truncated_radiotap_header";
    public static final String TRUNCATED_802_11_HEADER = "truncated_802_11_header";
    public static final String TRUNCATED_802_11_AMSDU_HEADER = "truncated_802_11_amsdu_header";
    public static final String TRUNCATED_802_11_AMSDU_PACKET = "truncated_802_11_amsdu_packet";
    public static final String TRUNCATED_802_11_LLC_HEADER = "truncated_802_11_llc_header";
    // vlan/VLAN.cc
    public static final String TRUNCATED_VLAN_HEADER = "truncated_VLAN_header";
    public static final String UNDEFINED_VLAN_PROTOCOL = "undefined_vlan_protocol";
    // mpls/MPLS.cc
    public static final String TRUNCATED_LINK_HEADER = "truncated_link_header";
    // pppoe/PPPoE.cc
    public static final String TRUNCATED_PPPOE_HEADER = "truncated_pppoe_header";
    public static final String PPPOE_EXTRA_DATA_AFTER_PAYLOAD = "pppoe_extra_data_after_payload";
    public static final String PPPOE_TRUNCATED_PAYLOAD = "pppoe_truncated_payload";
    // linux_sll/LinuxSLL.cc, linux_sll2/LinuxSLL2.cc, null/Null.cc
    public static final String TRUNCATED_LINUX_SLL_HEADER = "truncated_Linux_SLL_header";
    public static final String TRUNCATED_LINUX_SLL2_HEADER = "truncated_Linux_SLL2_header";
    public static final String NULL_ANALYZER_FAILED = "null_analyzer_failed";
    // Analyzer.cc ForwardPacket
    public static final String MAX_PACKET_ANALYZER_DEPTH_EXCEEDED = "max_packet_analyzer_depth_exceeded";
    // ip/IP.cc
    public static final String TRUNCATED_IP = "truncated_IP";
    public static final String UNKNOWN_IP_VERSION = "unknown_ip_version";
    public static final String IP_HDR_LEN_ZERO = "ip_hdr_len_zero";
    public static final String TRUNCATED_IP_LEN = "truncated_IP_len";
    public static final String INVALID_IP_HEADER_SIZE = "invalid_IP_header_size";
    public static final String INTERNALLY_TRUNCATED_HEADER = "internally_truncated_header";
    public static final String IPV4_MIN_HEADER_SIZE = "IPv4_min_header_size";
    public static final String IPV6_MIN_HEADER_SIZE = "IPv6_min_header_size";
    public static final String BAD_IP_CHECKSUM = "bad_IP_checksum";
    public static final String INCOMPLETELY_CAPTURED_FRAGMENT = "incompletely_captured_fragment";
    public static final String IPV6_NO_NEXT = "ipv6_no_next";
    // IP.cc: IPv6 routing header and destination options
    public static final String MULTIPLE_ROUTING_HEADERS = "multiple_routing_headers";
    public static final String ODD_ROUTING0_LEN = "odd_routing0_len";
    public static final String ROUTING0_HDR = "routing0_hdr";
    public static final String BAD_ROUTING2_LEN = "bad_routing2_len";
    public static final String UNKNOWN_ROUTING_TYPE = "unknown_routing_type";
    public static final String BAD_IPV6_DEST_OPT_LEN = "bad_ipv6_dest_opt_len";
    public static final String MULTIPLE_HOME_ADDR_OPTS = "multiple_home_addr_opts";
    public static final String BAD_HOME_ADDR_LEN = "bad_home_addr_len";
    // Frag.cc
    public static final String FRAGMENT_PROTOCOL_INCONSISTENCY = "fragment_protocol_inconsistency";
    public static final String FRAGMENT_WITH_DF = "fragment_with_DF";
    public static final String FRAGMENT_SIZE_INCONSISTENCY = "fragment_size_inconsistency";
    public static final String EXCESSIVELY_SMALL_FRAGMENT = "excessively_small_fragment";
    public static final String EXCESSIVELY_LARGE_FRAGMENT = "excessively_large_fragment";
    public static final String FRAGMENT_INCONSISTENCY = "fragment_inconsistency";
    public static final String FRAGMENT_OVERLAP = "fragment_overlap";
    // ip/IPBasedAnalyzer.cc CheckHeaderTrunc, tcp/TCP.cc, udp/UDP.cc, icmp/ICMP.cc
    public static final String TRUNCATED_HEADER = "truncated_header";
    public static final String BAD_TCP_HEADER_LEN = "bad_TCP_header_len";
    public static final String BAD_TCP_CHECKSUM = "bad_TCP_checksum";
    public static final String BAD_UDP_CHECKSUM = "bad_UDP_checksum";
    public static final String BAD_ICMP_CHECKSUM = "bad_ICMP_checksum";
    public static final String UDP_DATAGRAM_LENGTH_MISMATCH = "UDP_datagram_length_mismatch";
}
