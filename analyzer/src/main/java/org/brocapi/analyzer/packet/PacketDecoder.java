package org.brocapi.analyzer.packet;

import static org.brocapi.analyzer.packet.PacketWeird.*;

import java.util.Arrays;
import org.brocapi.analyzer.pcap.CapturedPacket;
import org.brocapi.analyzer.pcap.LinkType;

/**
 * Decodes one captured frame, layer by layer, into a {@link Packet}, following Zeek 8's packet
 * analyzers (src/packet_analysis/protocol/…): the same checks in the same order, the same weird
 * names, the same drop decisions. Which layer may follow which is the table below, in one place.
 *
 * <p>Reuse: the {@link Packet} passed in is overwritten by every call, and its {@code payload} may
 * point into the capture's buffer or into a reassembled datagram that the next call replaces; copy
 * what you keep. One decoder per analysis thread.
 */
public final class PacketDecoder {
    // ---- what follows what: Zeek's register_packet_analyzer() calls (scripts/base/packet-protocols/*/main.zeek)
    private static final byte NONE = 0, IP = 1, VLAN = 2, MPLS = 3, PPPOE = 4, CFP = 5, PBB = 6;
    private static final byte[] AFTER_ETHERNET = table(
            0x0800, IP, 0x86DD, IP, 0x8100, VLAN, 0x88A8, VLAN, 0x9100, VLAN, 0x8847, MPLS, 0x8864, PPPOE, 0x88E7, PBB);
    private static final byte[] AFTER_VLAN = table(
            0x0800, IP, 0x86DD, IP, 0x8100, VLAN, 0x8847, MPLS, 0x8864, PPPOE, 0x88E7, PBB);
    /** The ethertype in an 802.11 frame's LLC/SNAP header (ieee802_11/main.zeek). */
    private static final byte[] AFTER_WLAN = table(0x0800, IP, 0x86DD, IP);
    private static final byte[] AFTER_SLL = table(0x0800, IP, 0x86DD, IP);
    /** BSD loopback AF_ values: AF_INET, and AF_INET6 of NetBSD/OpenBSD (24), FreeBSD (28), macOS (30). */
    private static final byte[] AFTER_NULL = table(2, IP, 24, IP, 28, IP, 30, IP);
    /** NFLOG address families (Linux AF_INET, AF_INET6). */
    private static final byte[] AFTER_NFLOG = table(2, IP, 10, IP);
    /** PPP protocol numbers inside PPPoE sessions (RFC 1332 IPv4, RFC 5072 IPv6). */
    private static final byte[] AFTER_PPP = table(0x0021, IP, 0x0057, IP);
    /** NFLOG's address family byte: Linux AF_INET and AF_INET6 (nflog/main.zeek). */
    /** PPP as a link type (ppp/main.zeek, ppp_serial/main.zeek): also MPLS unicast (RFC 3032). */
    private static final byte[] AFTER_PPP_LINK = table(0x0021, IP, 0x0057, IP, 0x0281, MPLS);
    // IP protocol numbers handed to a transport decoder; all others are UNKNOWN_TRANSPORT
    private static final int PROTO_ICMP = 1, PROTO_TCP = 6, PROTO_UDP = 17, PROTO_ICMP6 = 58, PROTO_NONE = 59;
    // IPv6 extension headers (RFC 8200 §4) that Zeek walks (IP.cc isIPv6ExtHeader)
    private static final int HOPOPTS = 0, ROUTING = 43, FRAGMENT = 44, ESP = 50, AH = 51, DSTOPTS = 60, MOBILITY = 135;
    private static final int VXLAN_PORT = 4789;

    private static byte[] table(int... pairs) {
        byte[] t = new byte[65536];
        for (int i = 0; i < pairs.length; i += 2) t[pairs[i]] = (byte) pairs[i + 1];
        return t;
    }

    private final boolean verifyChecksums;
    private final IpFragmentReassembler fragments;

    // per-call state
    private byte[] d;
    private Packet out;
    /** Offset of the IP header from the start of the frame (Zeek's hdr_size). */
    private int linkHeaderLen;
    private int frameStart;

    /** @param verifyChecksums false is Zeek's {@code -C}: IP, TCP, UDP and ICMP checksums are not checked */
    public PacketDecoder(boolean verifyChecksums) {
        this(verifyChecksums, new IpFragmentReassembler());
    }

    public PacketDecoder(boolean verifyChecksums, IpFragmentReassembler fragments) {
        this.verifyChecksums = verifyChecksums;
        this.fragments = fragments;
    }

    public IpFragmentReassembler fragments() {
        return fragments;
    }

    /** {@code PacketAnalyzer::max_depth} (base/packet-protocols/main.zeek). */
    static final int MAX_ANALYZER_DEPTH = 25;
    /** Packet analyzers the current packet passed through, and the one running now (Zeek's name). */
    private int depth;
    private String analyzer;
    /** IP.cc's {@code packet->ip_hdr} is set: weirds from now on are between the packet's addresses. */
    private boolean ipHeaderSet;

    public DecodeResult decode(CapturedPacket in, Packet out) {
        reset(out);
        this.out = out;
        depth = 0;
        analyzer = null;
        ipHeaderSet = false;
        this.d = in.data;
        this.frameStart = in.offset;
        out.ts = in.ts;
        // Zeek expires fragments by timer as network time advances, whatever the packet
        if (fragments.pendingCount() > 0) fragments.expire(in.ts);
        out.capLen = in.capLen;
        out.wireLen = in.wireLen;
        int off = in.offset;
        int len = in.capLen;
        return switch (in.linkType) {
            case LinkType.ETHERNET -> ethernet(off, len);
            case LinkType.LINUX_SLL -> {
                if (!enter("LINUXSLL")) yield DecodeResult.WEIRD;
                // 16-byte cooked header, protocol last (LINKTYPE_LINUX_SLL)
                if (16 >= len) yield weird(TRUNCATED_LINUX_SLL_HEADER);
                yield next(AFTER_SLL, u16(off + 14), off + 16, len - 16);
            }
            case LinkType.LINUX_SLL2 -> {
                if (!enter("LINUXSLL2")) yield DecodeResult.WEIRD;
                // 20-byte cooked header v2, protocol first (LINKTYPE_LINUX_SLL2)
                if (20 >= len) yield weird(TRUNCATED_LINUX_SLL2_HEADER);
                yield next(AFTER_SLL, u16(off), off + 20, len - 20);
            }
            case LinkType.NULL, LinkType.LOOP -> {
                if (!enter("NULL")) yield DecodeResult.WEIRD;
                if (4 >= len) yield weird(NULL_ANALYZER_FAILED);
                // NULL: the writer's host order, which Zeek reads as little-endian; LOOP: network order
                int af = in.linkType == LinkType.NULL
                        ? (d[off] & 0xff) | (d[off + 1] & 0xff) << 8 | (d[off + 2] & 0xff) << 16 | (d[off + 3] & 0xff) << 24
                        : i32(off);
                yield af >= 0 && af < 65536 ? next(AFTER_NULL, af, off + 4, len - 4) : DecodeResult.NOT_IP;
            }
            case LinkType.NFLOG -> nflog(off, len);
            case LinkType.RAW, LinkType.IPV4, LinkType.IPV6, LinkType.RAW_BSD_12, LinkType.RAW_BSD_14 -> ip(off, len);
            case LinkType.IEEE802_11 -> ieee80211(off, len);
            case LinkType.PPP -> {
                if (!enter("PPP")) yield DecodeResult.WEIRD;
                // PPP.cc: HDLC-like framing (ff 03) is optional before the protocol field
                if (2 >= len) yield weird(TRUNCATED_PPP_HEADER);
                if ((d[off] & 0xff) == 0xff && d[off + 1] == 0x03) {
                    if (4 >= len) yield weird(TRUNCATED_PPP_HDLC_HEADER);
                    yield next(AFTER_PPP_LINK, u16(off + 2), off + 4, len - 4);
                }
                yield next(AFTER_PPP_LINK, u16(off), off + 2, len - 2);
            }
            case LinkType.PPP_SERIAL -> {
                if (!enter("PPPSERIAL")) yield DecodeResult.WEIRD;
                if (4 >= len) yield weird(TRUNCATED_PPP_SERIAL_HEADER);
                yield next(AFTER_PPP_LINK, u16(off + 2), off + 4, len - 4);
            }
            case LinkType.IEEE802_11_RADIOTAP -> {
                if (!enter("IEEE802_11_RADIO")) yield DecodeResult.WEIRD;
                // IEEE802_11_Radio.cc: skip the radiotap header, its length little-endian at offset 2
                if (3 >= len) yield weird(TRUNCATED_RADIOTAP_HEADER);
                int hl = (d[off + 2] & 0xff) | (d[off + 3] & 0xff) << 8;
                if (hl >= len) yield weird(TRUNCATED_RADIOTAP_HEADER);
                yield ieee80211(off + hl, len - hl);
            }
            // 802.11, NFLOG and others: Zeek has analyzers for some; we do not decode them
            default -> DecodeResult.NOT_IP;
        };
    }

    private static void reset(Packet p) {
        p.hasMac = false;
        p.vlan = -1;
        p.innerVlan = -1;
        p.pppoeSession = -1;
        p.ipVersion = 0;
        p.proto = 0;
        p.ipLen = 0;
        p.ttl = 0;
        p.reassembled = false;
        p.srcPort = 0;
        p.dstPort = 0;
        p.tcpFlags = 0;
        p.seq = 0;
        p.ack = 0;
        p.window = 0;
        p.icmpType = 0;
        p.icmpCode = 0;
        p.tcpOptionsOffset = 0;
        p.tcpOptionsLen = 0;
        p.udpLength = 0;
        p.checksumOk = true;
        p.badChecksum = null;
        p.payload = null;
        p.payloadOffset = 0;
        p.payloadCapLen = 0;
        p.payloadLen = 0;
        p.weird = null;
        p.weirdAddl = null;
        p.weirdSource = null;
        p.weirdFlow = false;
        p.packetWeirdCount = 0;
    }

    // ---------------------------------------------------------------- link layers

    private DecodeResult next(byte[] table, int key, int off, int len) {
        return switch (table[key]) {
            case IP -> ip(off, len);
            case VLAN -> vlan(off, len);
            case MPLS -> mpls(off, len);
            case PPPOE -> pppoe(off, len);
            case PBB -> {
                // PBB.cc (802.1ah): the 4-byte I-TAG, then the customer's Ethernet frame
                if (!enter("PBB")) yield DecodeResult.WEIRD;
                if (18 >= len) yield weird(TRUNCATED_PBB_HEADER);
                yield ethernet(off + 4, len - 4);
            }
            default -> DecodeResult.NOT_IP; // ARP and anything unregistered: Zeek reports no weird
        };
    }

    /** Ethernet.cc: Ethernet II, Cisco FabricPath, and 802.3 length frames (LLC/SNAP/Novell: not IP). */
    private DecodeResult ethernet(int off, int len) {
        if (!enter("ETHERNET")) return DecodeResult.WEIRD;
        if (16 >= len) return weird(TRUNCATED_ETHERNET_FRAME);
        if ((d[off + 12] & 0xff) == 0x89 && (d[off + 13] & 0xff) == 0x03) {
            if (16 + 14 >= len) return weird(TRUNCATED_LINK_HEADER_CFP);
            off += 16;
            len -= 16;
        }
        int type = u16(off + 12);
        System.arraycopy(d, off, out.dstMac, 0, 6);
        System.arraycopy(d, off + 6, out.srcMac, 0, 6);
        out.hasMac = true;
        if (type >= 1536) return next(AFTER_ETHERNET, type, off + 14, len - 14);
        if (type <= 1500) return len < type ? weird(TRUNCATED_ETHERNET_FRAME) : DecodeResult.NOT_IP;
        return weird(UNDEFINED_ETHER_TYPE);
    }

    /**
     * NFLog.cc (tcpdump.org/linktypes/LINKTYPE_NFLOG.html): a 4-byte header, then TLVs up to the
     * payload TLV (type 9), whose value is the IP packet. TLV fields are in the capturing host's
     * order; libpcap hands them over in the reader's, which we take to be little-endian (x86 / ARM).
     */
    private DecodeResult nflog(int off, int len) {
        if (!enter("NFLOG")) return DecodeResult.WEIRD;
        if (4 >= len) return weird(TRUNCATED_NFLOG_HEADER);
        int family = d[off] & 0xff;
        if (d[off + 1] != 0) return weird(UNKNOWN_NFLOG_VERSION);
        off += 4;
        len -= 4;
        while (true) {
            if (4 >= len) return weird(NFLOG_NO_PCAP_PAYLOAD);
            int tlvLen = (d[off] & 0xff) | (d[off + 1] & 0xff) << 8;
            int tlvType = (d[off + 2] & 0xff) | (d[off + 3] & 0xff) << 8;
            if (tlvType == 9) {
                return next(AFTER_NFLOG, family, off + 4, len - 4);
            }
            if (tlvLen < 4) return weird(NFLOG_BAD_TLV_LEN);
            int skip = (tlvLen + 3) & ~3; // TLVs are padded to 32 bits
            if (skip > len) {
                out.weirdAddl = "(" + skip + " > " + len + ")";
                return weird(NFLOG_BAD_TLV_LEN);
            }
            off += skip;
            len -= skip;
        }
    }

    /**
     * IEEE802_11.cc: data frames only; addresses by the To/From DS bits; QoS and A-MSDU; then an
     * LLC/SNAP header with an ethertype. Of an A-MSDU only the first subframe is decoded (one
     * {@link Packet} per frame).
     */
    private DecodeResult ieee80211(int off, int len) {
        if (!enter("IEEE802_11")) return DecodeResult.WEIRD;
        int hdr = 24;
        if (hdr >= len) return weird(TRUNCATED_802_11_HEADER);
        int fc = d[off] & 0xff, flags = d[off + 1] & 0xff;
        if (((fc >> 2) & 0x02) == 0) return DecodeResult.NOT_IP; // management and control frames
        if (((fc >> 4) & 0x04) != 0) return DecodeResult.NOT_IP; // subtypes without data
        if ((flags & 0x03) == 0x03) hdr += 6;
        if (hdr >= len) return weird(TRUNCATED_802_11_HEADER);
        boolean amsdu = false;
        if (((fc >> 4) & 0x08) != 0) { // QoS
            amsdu = (d[off + hdr] & 0x80) != 0;
            if ((flags & 0x40) != 0) return DecodeResult.NOT_IP; // protected: encrypted payload
            hdr += 2;
        }
        if (hdr >= len) return weird(TRUNCATED_802_11_HEADER);
        int src = switch (flags & 0x03) {
            case 0x00, 0x01 -> 10;
            case 0x02 -> 16;
            default -> 24;
        };
        int dst = (flags & 0x03) == 0x00 || (flags & 0x03) == 0x02 ? 4 : 16;
        System.arraycopy(d, off + src, out.srcMac, 0, 6);
        System.arraycopy(d, off + dst, out.dstMac, 0, 6);
        out.hasMac = true;
        off += hdr;
        len -= hdr;
        if (amsdu) {
            if (len < 14) return weird(TRUNCATED_802_11_AMSDU_HEADER);
            int sub = u16(off + 12);
            if (len < sub + 14) return weird(TRUNCATED_802_11_AMSDU_PACKET);
            off += 14;
            len = sub;
        }
        if (len < 8) return weird(TRUNCATED_802_11_LLC_HEADER);
        // SNAP with organisation code 0: encapsulated Ethernet (RFC 1042)
        if ((d[off] & 0xff) != 0xaa || (d[off + 1] & 0xff) != 0xaa || d[off + 2] != 0x03 || d[off + 3] != 0
                || d[off + 4] != 0 || d[off + 5] != 0) return DecodeResult.NOT_IP;
        return next(AFTER_WLAN, u16(off + 6), off + 8, len - 8);
    }

    /** VLAN.cc: 802.1Q / 802.1ad tags; the first one seen is the outer VLAN. */
    private DecodeResult vlan(int off, int len) {
        if (!enter("VLAN")) return DecodeResult.WEIRD;
        if (4 >= len) return weird(TRUNCATED_VLAN_HEADER);
        int id = u16(off) & 0xfff;
        // Zeek stores the first tag in vlan and later ones in inner_vlan, treating id 0 as unset
        if (out.vlan <= 0) {
            out.vlan = id;
        } else {
            out.innerVlan = id;
        }
        int type = u16(off + 2);
        if (type >= 1536) return next(AFTER_VLAN, type, off + 4, len - 4);
        if (type <= 1500) return DecodeResult.NOT_IP;
        return weird(UNDEFINED_VLAN_PROTOCOL);
    }

    /** MPLS.cc: skip the label stack to the bottom-of-stack bit; what follows is IP (RFC 3032 does not say). */
    private DecodeResult mpls(int off, int len) {
        if (!enter("MPLS")) return DecodeResult.WEIRD;
        boolean bottom = false;
        while (!bottom) {
            if (4 >= len) return weird(TRUNCATED_LINK_HEADER);
            bottom = (d[off + 2] & 0x01) != 0;
            off += 4;
            len -= 4;
        }
        return ip(off, len);
    }

    /** PPPoE.cc: session header (RFC 2516), then the PPP protocol field. */
    private DecodeResult pppoe(int off, int len) {
        if (!enter("PPPOE")) return DecodeResult.WEIRD;
        if (8 >= len) return weird(TRUNCATED_PPPOE_HEADER);
        out.pppoeSession = u16(off + 2);
        int payloadLength = u16(off + 4);
        int protocol = u16(off + 6);
        if (payloadLength != len - 6) {
            packetWeird(payloadLength < len - 6 ? PPPOE_EXTRA_DATA_AFTER_PAYLOAD : PPPOE_TRUNCATED_PAYLOAD, null);
        }
        int inner = Math.min(payloadLength >= 2 ? payloadLength - 2 : 0, len - 8);
        return next(AFTER_PPP, protocol, off + 8, inner);
    }

    // ---------------------------------------------------------------- IP

    // IPv6 header-chain results (RFC 8200 §4), filled by walkIpv6Chain
    private int chainLen, chainNext, chainLast, fragHdrAt, fragNextIndex;
    private boolean haveFinalDst, haveHomeAddr;
    /** The IPv4 total length field was 0 (segmentation offload); see {@link #tcp}. */
    private boolean ipLenZero;
    private final byte[] finalDst = new byte[16], homeAddr = new byte[16];

    /**
     * IP.cc IPAnalyzer::AnalyzePacket. {@code len} is what the capture holds from the IP header on
     * (Ethernet padding included); lengths from the header are checked against it.
     */
    private DecodeResult ip(int off, int len) {
        if (!enter("IP")) return DecodeResult.WEIRD;
        linkHeaderLen = off - frameStart;
        return ipDatagram(off, len, false);
    }

    private DecodeResult ipDatagram(int off, int len, boolean reassembled) {
        // IP.cc sets packet->ip_hdr only once the header passed its checks; weirds before that
        // carry no addresses (a reassembled datagram keeps the header of its fragments)
        if (!reassembled) ipHeaderSet = false;
        if (len < 20) return weird(TRUNCATED_IP);
        int version = (d[off] & 0xff) >>> 4;
        int totalLen;
        int hdrLen;
        boolean v4 = version == 4;
        if (v4) {
            hdrLen = (d[off] & 0x0f) * 4;
            totalLen = u16(off + 2);
            out.ipVersion = 4;
            Arrays.fill(out.src, 0, 10, (byte) 0);
            out.src[10] = out.src[11] = (byte) 0xff;
            System.arraycopy(d, off + 12, out.src, 12, 4);
            Arrays.fill(out.dst, 0, 10, (byte) 0);
            out.dst[10] = out.dst[11] = (byte) 0xff;
            System.arraycopy(d, off + 16, out.dst, 12, 4);
            out.ttl = d[off + 8] & 0xff;
        } else if (version == 6) {
            if (len < 40) return weird(TRUNCATED_IP);
            out.ipVersion = 6;
            System.arraycopy(d, off + 8, out.src, 0, 16);
            System.arraycopy(d, off + 24, out.dst, 0, 16);
            out.ttl = d[off + 7] & 0xff;
            walkIpv6Chain(off, len);
            // IP.cc: a home address option or a routing header changes the effective addresses
            if (haveHomeAddr) System.arraycopy(homeAddr, 0, out.src, 0, 16);
            if (haveFinalDst) System.arraycopy(finalDst, 0, out.dst, 0, 16);
            hdrLen = chainLen;
            totalLen = u16(off + 4) + 40;
        } else {
            return weird(UNKNOWN_IP_VERSION);
        }
        ipLenZero = totalLen == 0;
        if (ipLenZero) {
            // TCP segmentation offload zeroes ip_len; with -C Zeek uses the captured length instead
            if (verifyChecksums) return weird(IP_HDR_LEN_ZERO);
            packetWeird(IP_HDR_LEN_ZERO, null);
            totalLen = out.capLen - linkHeaderLen;
        }
        if (out.wireLen < totalLen + linkHeaderLen) return weird(TRUNCATED_IP_LEN);
        if (hdrLen > totalLen) return weird(INVALID_IP_HEADER_SIZE);
        if (hdrLen > len) return weird(INTERNALLY_TRUNCATED_HEADER);
        if (v4 && hdrLen < 20) return weird(IPV4_MIN_HEADER_SIZE);
        if (!v4 && hdrLen < 40) return weird(IPV6_MIN_HEADER_SIZE);
        ipHeaderSet = true;
        out.ipLen = totalLen;
        out.proto = v4 ? d[off + 9] & 0xff : chainNext;
        if (verifyChecksums && v4 && !reassembled && Checksums.fold(Checksums.sum(d, off, hdrLen, 0)) != 0xffff) {
            out.checksumOk = false;
            out.badChecksum = BAD_IP_CHECKSUM;
            return weird(BAD_IP_CHECKSUM);
        }
        // IPv4: MF or a non-zero offset makes a fragment (DF alone does not)
        boolean fragment = !reassembled && (v4 ? (u16(off + 6) & 0x3fff) != 0 : fragHdrAt >= 0);
        if (fragment) {
            int fragOffset;
            boolean mf;
            boolean df;
            long id;
            int nextHdrIndex = -1;
            if (v4) {
                int flags = u16(off + 6);
                fragOffset = (flags & 0x1fff) * 8;
                mf = (flags & 0x2000) != 0;
                df = (flags & 0x4000) != 0;
                id = u16(off + 4);
            } else {
                int offlg = u16(fragHdrAt + 2);
                fragOffset = offlg & 0xfff8;
                mf = (offlg & 1) != 0;
                df = false;
                id = i32(fragHdrAt + 4) & 0xffffffffL;
                nextHdrIndex = fragNextIndex - off;
            }
            if (len < totalLen) {
                // Don't reassemble what was cut by the snaplen; a first fragment is analysed as is
                if (fragOffset != 0) return weird(INCOMPLETELY_CAPTURED_FRAGMENT);
                packetWeird(INCOMPLETELY_CAPTURED_FRAGMENT, null);
            } else {
                byte[] whole = fragments.add(out.ts, out, d, off, totalLen, hdrLen, id, fragOffset, mf, df,
                        out.proto, nextHdrIndex);
                if (whole == null) return DecodeResult.FRAGMENT_PENDING;
                d = whole;
                out.reassembled = true;
                // Zeek treats the reassembled datagram as fully captured
                out.capLen = out.wireLen = whole.length + linkHeaderLen;
                return ipDatagram(0, whole.length, true);
            }
        }
        if (!v4 && (chainLast == ESP || chainLast == MOBILITY)) {
            // IP.cc: ESP payloads are encrypted and Mobility messages are no sessions
            return DecodeResult.NOT_IP;
        }
        int payloadLen = v4 ? (u16(off + 2) == 0 ? 0 : u16(off + 2) - hdrLen) : u16(off + 4) + 40 - hdrLen;
        int remaining = len - hdrLen;
        if (out.proto == PROTO_NONE) return weird(IPV6_NO_NEXT);
        int t = off + hdrLen;
        return switch (out.proto) {
            case PROTO_TCP -> tcp(t, payloadLen, remaining);
            case PROTO_UDP -> udp(t, payloadLen, remaining);
            case PROTO_ICMP, PROTO_ICMP6 -> icmp(t, payloadLen, remaining);
            default -> {
                out.payload = d;
                out.payloadOffset = t;
                out.payloadLen = payloadLen;
                out.payloadCapLen = Math.max(0, Math.min(payloadLen, remaining));
                yield DecodeResult.UNKNOWN_TRANSPORT;
            }
        };
    }

    /**
     * IP.cc IPv6_Hdr_Chain::Init: walks extension headers while they fit in the captured bytes,
     * stopping after a fragment, ESP or Mobility header. A header that does not fit ends the chain.
     */
    private void walkIpv6Chain(int off, int len) {
        chainLen = 0;
        fragHdrAt = -1;
        fragNextIndex = -1;
        haveFinalDst = false;
        haveHomeAddr = false;
        int p = off;
        int remain = len;
        int current;
        int nextIndex = off + 6;
        int next = d[off + 6] & 0xff;
        chainLast = -1;
        chainNext = next;
        do {
            if (remain < 2) return;
            int type = chainLen == 0 ? -1 : next; // -1: the fixed header
            int hlen = type == -1 ? 40 : extLength(type, d[p + 1] & 0xff);
            if (hlen > remain) return;
            int nxt = type == -1 ? d[p + 6] & 0xff : d[p] & 0xff;
            if (type == ROUTING) routingHeader(p, hlen);
            if (type == DSTOPTS) destinationOptions(p, hlen);
            if (type == FRAGMENT) {
                fragHdrAt = p;
                fragNextIndex = nextIndex;
            }
            nextIndex = type == -1 ? p + 6 : p;
            chainLast = type;
            chainNext = nxt;
            p += hlen;
            chainLen += hlen;
            remain -= hlen;
            current = type;
            next = nxt;
        } while (current != FRAGMENT && current != ESP && current != MOBILITY && isExtension(next));
    }

    private static boolean isExtension(int type) {
        return type == HOPOPTS || type == ROUTING || type == DSTOPTS || type == FRAGMENT || type == AH
                || type == ESP || type == MOBILITY;
    }

    private static int extLength(int type, int lenField) {
        return switch (type) {
            case HOPOPTS, DSTOPTS, ROUTING, MOBILITY -> 8 + 8 * lenField;
            case FRAGMENT, ESP -> 8; // ESP: the encrypted payload starts after SPI and sequence
            case AH -> 8 + 4 * lenField; // RFC 4302 §2.2: 32-bit words minus 2
            default -> 0;
        };
    }

    /** IP.cc ProcessRoutingHeader: type 0 (RFC 2460, deprecated) and type 2 (RFC 6275) name the final destination. */
    private void routingHeader(int p, int hlen) {
        if (haveFinalDst) {
            // RFC 8200 §4.1: at most one routing header
            addressedWeird(MULTIPLE_ROUTING_HEADERS, null);
            return;
        }
        int type = d[p + 2] & 0xff;
        int segLeft = d[p + 3] & 0xff;
        int lenField = d[p + 1] & 0xff;
        int addrAt = p + hlen - 16;
        switch (type) {
            case 0 -> {
                if (segLeft > 0 && lenField >= 2) {
                    if (lenField % 2 == 0) {
                        System.arraycopy(d, addrAt, finalDst, 0, 16);
                        haveFinalDst = true;
                    } else {
                        addressedWeird(ODD_ROUTING0_LEN, null);
                    }
                }
                addressedWeird(ROUTING0_HDR, null);
            }
            case 2 -> {
                if (segLeft > 0) {
                    if (lenField == 2) {
                        System.arraycopy(d, addrAt, finalDst, 0, 16);
                        haveFinalDst = true;
                    } else {
                        addressedWeird(BAD_ROUTING2_LEN, null);
                    }
                }
            }
            default -> addressedWeird(UNKNOWN_ROUTING_TYPE, Integer.toString(type));
        }
    }

    /** IP.cc ProcessDstOpts: only the Home Address option (RFC 6275 §6.3, type 201) matters. */
    private void destinationOptions(int p, int hlen) {
        int at = p + 2;
        int left = hlen - 2;
        while (left > 0) {
            int type = d[at] & 0xff;
            if (type == 0) { // Pad1
                at++;
                left--;
                continue;
            }
            int olen = left >= 2 ? d[at + 1] & 0xff : 0;
            if (left < 2 || left < 2 + olen) {
                addressedWeird(BAD_IPV6_DEST_OPT_LEN, null);
                return;
            }
            if (type == 201) {
                if (olen == 16) {
                    if (haveHomeAddr) {
                        addressedWeird(MULTIPLE_HOME_ADDR_OPTS, null);
                    } else {
                        System.arraycopy(d, at + 2, homeAddr, 0, 16);
                        haveHomeAddr = true;
                    }
                } else {
                    addressedWeird(BAD_HOME_ADDR_LEN, null);
                }
            }
            at += 2 + olen;
            left -= 2 + olen;
        }
    }

    // ---------------------------------------------------------------- transport

    /** IPBasedAnalyzer::CheckHeaderTrunc: null when the minimal header is there. */
    private DecodeResult headerTruncated(int minLen, int payloadLen, int remaining) {
        if (payloadLen != 0 && payloadLen < minLen) return weird(TRUNCATED_HEADER);
        if (remaining < minLen) return weird(INTERNALLY_TRUNCATED_HEADER);
        return null;
    }

    /** TCP.cc InitConnKey, ExtractTCP_Header, ValidateChecksum. */
    private DecodeResult tcp(int t, int payloadLen, int remaining) {
        if (!enter("TCP")) return DecodeResult.WEIRD;
        DecodeResult trunc = headerTruncated(20, payloadLen, remaining);
        if (trunc != null) return trunc;
        out.srcPort = u16(t);
        out.dstPort = u16(t + 2);
        out.seq = i32(t + 4) & 0xffffffffL;
        out.ack = i32(t + 8) & 0xffffffffL;
        int hdrLen = ((d[t + 12] & 0xff) >>> 4) * 4;
        out.tcpFlags = d[t + 13] & 0xff;
        out.window = u16(t + 14);
        out.payload = d;
        // segmentation offload: with ip_len 0 the captured bytes are the segment
        int len = ipLenZero ? remaining : payloadLen;
        if (hdrLen < 20) return connWeird(BAD_TCP_HEADER_LEN);
        if (hdrLen > len || hdrLen > remaining) return connWeird(TRUNCATED_HEADER);
        out.tcpOptionsOffset = t + 20;
        out.tcpOptionsLen = hdrLen - 20;
        if (verifyChecksums && remaining >= len && !checksumOk(PROTO_TCP, t, len)) {
            return badChecksum(BAD_TCP_CHECKSUM);
        }
        out.payloadOffset = t + hdrLen;
        out.payloadLen = len - hdrLen;
        // Ethernet padding can make remaining > len
        out.payloadCapLen = Math.min(len, remaining) - hdrLen;
        return DecodeResult.OK;
    }

    /** UDP.cc DeliverPacket. */
    private DecodeResult udp(int t, int payloadLen, int remaining) {
        if (!enter("UDP")) return DecodeResult.WEIRD;
        DecodeResult trunc = headerTruncated(8, payloadLen, remaining);
        if (trunc != null) return trunc;
        out.srcPort = u16(t);
        out.dstPort = u16(t + 2);
        int ulen = u16(t + 4);
        int sum = u16(t + 6);
        out.udpLength = ulen;
        out.payload = d;
        int len = payloadLen == 0 ? remaining : payloadLen;
        boolean verify = verifyChecksums && remaining >= len && out.wireLen <= out.capLen;
        if (verify && len > 8 + 8 + 14 && (d[t + 8] & 0x08) == 0x08 && out.dstPort == VXLAN_PORT && sum == 0) {
            // VXLAN (RFC 7348 §5) may send a zero checksum even over IPv6
            verify = false;
        }
        // a zero UDP checksum means "none" over IPv4 only (RFC 768; RFC 8200 §8.1)
        if (verify && (out.ipVersion == 6 || sum != 0) && !checksumOk(PROTO_UDP, t, len)) {
            return badChecksum(BAD_UDP_CHECKSUM);
        }
        if (ulen != len) {
            out.weird = UDP_DATAGRAM_LENGTH_MISMATCH;
            out.weirdAddl = ulen + " != " + len;
        }
        out.payloadOffset = t + 8;
        out.payloadLen = len - 8;
        out.payloadCapLen = Math.max(0, Math.min(len, remaining) - 8);
        return DecodeResult.OK;
    }

    /** ICMP.cc InitConnKey and DeliverPacket (both ICMPv4 and ICMPv6). */
    private DecodeResult icmp(int t, int payloadLen, int remaining) {
        if (!enter("ICMP")) return DecodeResult.WEIRD;
        DecodeResult trunc = headerTruncated(8, payloadLen, remaining);
        if (trunc != null) return trunc;
        out.icmpType = d[t] & 0xff;
        out.icmpCode = d[t + 1] & 0xff;
        out.payload = d;
        int len = payloadLen == 0 ? remaining : payloadLen;
        if (verifyChecksums && remaining >= len) {
            boolean ok = out.proto == PROTO_ICMP
                    ? Checksums.fold(Checksums.sum(d, t, len, 0)) == 0xffff
                    : checksumOk(PROTO_ICMP6, t, len);
            if (!ok) return badChecksum(BAD_ICMP_CHECKSUM);
        }
        out.payloadOffset = t + 8;
        out.payloadLen = len - 8;
        out.payloadCapLen = Math.max(0, Math.min(len, remaining) - 8);
        return DecodeResult.OK;
    }

    private boolean checksumOk(int proto, int t, int len) {
        long acc = Checksums.pseudoHeader(out.ipVersion == 4, out.src, out.dst, proto, len);
        return Checksums.fold(Checksums.sum(d, t, len, acc)) == 0xffff;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A weird raised by the packet analyzer now running (Zeek's {@code packet_analysis::Analyzer::Weird}:
     * weird.log's {@code source} is that analyzer's name).
     */
    private DecodeResult weird(String name) {
        out.weird = name;
        out.weirdSource = analyzer;
        out.weirdFlow = ipHeaderSet;
        return DecodeResult.WEIRD;
    }

    /** A weird that does not stop decoding, raised by the packet analyzer now running. */
    private void packetWeird(String name, String addl) {
        out.addPacketWeird(name, addl, analyzer, ipHeaderSet);
    }

    /**
     * A weird IP_Hdr or the fragment reassembler reports between the packet's addresses itself
     * ({@code reporter->Weird(src, dst, …)}), with no analyzer as source.
     */
    void addressedWeird(String name, String addl) {
        out.addPacketWeird(name, addl, null, true);
    }

    /**
     * Analyzer.cc ForwardPacket: a packet passes through at most {@code PacketAnalyzer::max_depth}
     * analyzers; the one that would forward beyond raises {@code max_packet_analyzer_depth_exceeded}.
     * Called when analyzer {@code name} takes the packet.
     */
    private boolean enter(String name) {
        if (depth == MAX_ANALYZER_DEPTH) {
            weird(MAX_PACKET_ANALYZER_DEPTH_EXCEEDED);
            return false;
        }
        depth++;
        analyzer = name;
        return true;
    }

    private DecodeResult connWeird(String name) {
        out.weird = name;
        return DecodeResult.CONN_WEIRD;
    }

    private DecodeResult badChecksum(String name) {
        out.checksumOk = false;
        out.badChecksum = name;
        out.weird = name;
        return DecodeResult.CONN_WEIRD;
    }

    private int u16(int at) {
        return (d[at] & 0xff) << 8 | (d[at + 1] & 0xff);
    }

    private int i32(int at) {
        return (d[at] & 0xff) << 24 | (d[at + 1] & 0xff) << 16 | (d[at + 2] & 0xff) << 8 | (d[at + 3] & 0xff);
    }
}
