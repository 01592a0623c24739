package org.brocapi.analyzer.tunnel;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.brocapi.analyzer.conn.ConnTracker;
import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.conn.Timer;
import org.brocapi.analyzer.packet.DecodeResult;
import org.brocapi.analyzer.packet.Encapsulation;
import org.brocapi.analyzer.packet.EncapsulationStack;
import org.brocapi.analyzer.packet.Packet;
import org.brocapi.analyzer.packet.PacketDecoder;
import org.brocapi.analyzer.pcap.CapturedPacket;
import org.brocapi.analyzer.pcap.LinkType;

/**
 * Runs each captured frame through the packet decoder and the connection tracker, decapsulating
 * tunnels on the way as Zeek 8's packet analyzers do (src/packet_analysis/protocol/{iptunnel,
 * gre, vxlan, geneve, teredo, ayiya, gtpv1}): an inner packet is decoded from its link or IP
 * layer and processed like a captured one, inside an {@link EncapsulationStack}, with the outer
 * packet's time.
 *
 * <p>IP-in-IP and GRE run before any connection (Zeek registers IP protocols 4, 41 and 47 to its
 * tunnel analyzers, so they are no unknown_transport connections); the UDP tunnels run after the
 * carrying UDP connection took the datagram, chosen by its responder port (VXLAN 4789, Geneve
 * 6081, GRE 4754, Teredo 3544, AYIYA 5072, GTPv1 2152/2123) or else by AYIYA's and Teredo's
 * payload probes, on every UDP datagram.
 *
 * <p>Reuse: one {@link Packet} per tunnel depth, overwritten by the next packet at that depth.
 */
public final class TunnelDecoder {
    /**
     * Weirds of the packet and tunnel analyzers (Zeek's name, {@code _in_tunnel} appended inside a
     * tunnel): between the packet's addresses when {@code flow}, else without addresses;
     * {@code source} is the raising packet analyzer's name, null for none.
     */
    public interface Weirds {
        void weird(String name, Packet p, String addl, boolean flow, String source);
    }

    private static final int IPPROTO_IPIP = 4, IPPROTO_IPV6 = 41, IPPROTO_GRE = 47, IPPROTO_NONE = 59;

    // per-connection packet-analyzer states (Zeek's Session::AnalyzerState)
    private static final byte CONFIRMED = 1, VIOLATED = 2;
    private static final int VXLAN = 0, GENEVE = 1, TEREDO = 2, AYIYA = 3, GTP = 4;
    private static final String[] SERVICE = {"vxlan", "geneve", "teredo", "ayiya", "gtpv1"};

    /** What the tunnel analyzers keep per UDP connection. */
    private static final class ConnState {
        final byte[] analyzer = new byte[5];
        boolean teredoOrig, teredoResp, gtpOrig, gtpResp;
    }

    /** An IP tunnel's unordered address pair, lower address first (IPTunnel.cc's IPPair). */
    private record Pair(long aHi, long aLo, long bHi, long bLo) {
        static Pair of(byte[] x, byte[] y) {
            boolean xFirst = Arrays.compareUnsigned(x, y) < 0;
            byte[] a = xFirst ? x : y, b = xFirst ? y : x;
            return new Pair(word(a, 0), word(a, 8), word(b, 0), word(b, 8));
        }

        private static long word(byte[] a, int at) {
            long v = 0;
            for (int i = at; i < at + 8; i++) v = v << 8 | (a[i] & 0xff);
            return v;
        }
    }

    /** A known IP/GRE tunnel: its identity (and uid) and when it was last used. */
    private static final class IpTunnel {
        final Encapsulation ec;
        double lastActive;

        IpTunnel(Encapsulation ec, double t) {
            this.ec = ec;
            this.lastActive = t;
        }
    }

    private final PacketDecoder decoder;
    private final ConnTracker tracker;
    private final TunnelPolicy policy;
    private final Supplier<String> uids;
    private final Weirds weirds;
    private Packet[] packets = {new Packet(), new Packet(), new Packet()};
    private final Map<Connection, ConnState> states = new IdentityHashMap<>();
    private final Map<Pair, IpTunnel> ipTunnels = new HashMap<>();

    /** @param uids draws a uid for each new IP tunnel, from the same pool as connections */
    public TunnelDecoder(PacketDecoder decoder, ConnTracker tracker, TunnelPolicy policy, Supplier<String> uids,
                         Weirds weirds) {
        this.decoder = decoder;
        this.tracker = tracker;
        this.policy = policy;
        this.uids = uids;
        this.weirds = weirds;
    }

    /** One captured frame; network time has already moved to its timestamp. */
    public void packet(CapturedPacket cp) {
        process(cp, null, 0);
    }

    /** Forgets what the tunnel analyzers kept about a removed connection. */
    public void removed(Connection c) {
        states.remove(c);
    }

    private Packet packetAt(int depth) {
        if (depth >= packets.length) {
            packets = Arrays.copyOf(packets, depth + 2);
            for (int i = 0; i < packets.length; i++) if (packets[i] == null) packets[i] = new Packet();
        }
        return packets[depth];
    }

    private void process(CapturedPacket cp, EncapsulationStack encap, int depth) {
        Packet p = packetAt(depth);
        var result = decoder.decode(cp, p);
        // weirds the decoder raised on the way without stopping, then the one that stopped it
        for (int i = 0; i < p.packetWeirdCount; i++) {
            emit(p.packetWeirds[i], p, encap, p.packetWeirdAddls[i], p.packetWeirdFlows[i], p.packetWeirdSources[i]);
        }
        if (result == org.brocapi.analyzer.packet.DecodeResult.WEIRD) {
            emit(p.weird, p, encap, p.weirdAddl, p.weirdFlow, p.weirdSource);
        }
        switch (result) {
            case OK -> {
                Connection c = tracker.packet(p, true, encap);
                // a UDP datagram with a bad checksum stops in the transport; the rest goes on
                if (p.proto == Packet.UDP && p.badChecksum == null) udp(c, p, encap, depth);
            }
            case UNKNOWN_TRANSPORT -> {
                switch (p.proto) {
                    case IPPROTO_IPIP, IPPROTO_IPV6 -> ipTunnel(p, p.payload, p.payloadOffset, ipRemaining(cp, p),
                            encap, depth, Encapsulation.IP, 0, LinkType.RAW, p.proto);
                    case IPPROTO_GRE -> gre(p, p.payload, p.payloadOffset, ipRemaining(cp, p), encap, depth);
                    default -> tracker.packet(p, true, encap);
                }
            }
            case CONN_WEIRD -> tracker.packet(p, !p.checksumOk, encap);
            default -> { } // not IP, a pending fragment, or a packet-level weird (reported above)
        }
    }

    /** Zeek hands the next layer everything captured after the IP header (padding included). */
    private static int ipRemaining(CapturedPacket cp, Packet p) {
        if (p.reassembled || p.payload != cp.data) return p.payloadLen;
        return Math.max(0, cp.offset + cp.capLen - p.payloadOffset);
    }

    // ---------------------------------------------------------------- IP-in-IP and GRE

    /** GRE.cc: strips the GRE header (and ERSPAN, PPTP) and hands the rest to the IP tunnel analyzer. */
    private void gre(Packet p, byte[] d, int off, int len, EncapsulationStack encap, int depth) {
        if (len < 4) {
            weird("truncated_GRE", p, encap, "GRE");
            return;
        }
        int flagsVer = u16(d, off);
        int protoType = u16(d, off + 2);
        int version = flagsVer & 0x0007;
        int greLen = 4 + ((flagsVer & 0x8000) != 0 ? 4 : 0) + ((flagsVer & 0x2000) != 0 ? 4 : 0)
                + ((flagsVer & 0x1000) != 0 ? 4 : 0) + ((flagsVer & 0x0080) != 0 ? 4 : 0);
        int pptpLen = version == 1 ? 4 : 0;
        int ethLen = 0, erspanLen = 0;
        int linkType = LinkType.RAW;
        int innerProto = p.proto;
        if (version != 0 && version != 1) {
            weird("unknown_gre_version", p, encap, "version=" + version, "GRE");
            return;
        }
        if (version == 0) {
            if (protoType == 0x6558) { // transparent Ethernet bridging
                if (len <= greLen + 14) {
                    weird("truncated_GRE", p, encap, "GRE");
                    return;
                }
                ethLen = 14;
                linkType = LinkType.ETHERNET;
            } else if (protoType == 0x88be) { // ERSPAN type I, or II with a sequence number
                if (len <= greLen + 14) {
                    weird("truncated_GRE", p, encap, "GRE");
                    return;
                }
                ethLen = 14;
                linkType = LinkType.ETHERNET;
                if ((flagsVer & 0x1000) != 0) {
                    erspanLen = 8;
                    if (len < greLen + ethLen + erspanLen) {
                        weird("truncated_GRE", p, encap, "GRE");
                        return;
                    }
                }
            } else if (protoType == 0x22eb) { // ERSPAN type III, optional platform sub-header
                if (len <= greLen + 14 + 12) {
                    weird("truncated_GRE", p, encap, "GRE");
                    return;
                }
                erspanLen = 12;
                ethLen = 14;
                linkType = LinkType.ETHERNET;
                if ((d[off + greLen + erspanLen - 1] & 0x01) != 0) {
                    if (len <= greLen + erspanLen + 8 + ethLen) {
                        weird("truncated_GRE", p, encap, "GRE");
                        return;
                    }
                    erspanLen += 8;
                }
            } else if (((protoType & 0x8200) == 0x8200 && (protoType & 0x0f) == 0)
                    || ((protoType & 0x8300) == 0x8300 && (protoType & 0x0f) == 0 && protoType <= 0x8370)
                    || protoType == 0x9000) {
                // Aruba access points tunnel raw 802.11 frames
                if (len <= greLen) {
                    weird("truncated_GRE", p, encap, "GRE");
                    return;
                }
                linkType = LinkType.IEEE802_11;
            }
        } else if (protoType != 0x880b) { // enhanced GRE (version 1) carries PPTP only
            weird("egre_protocol_type", p, encap, "proto=" + protoType, "GRE");
            return;
        }
        if ((flagsVer & 0x4000) != 0) { // routing (RFC 1701), deprecated by RFC 2784
            weird("gre_routing", p, encap, "GRE");
            return;
        }
        if ((flagsVer & 0x0078) != 0) {
            weird("unknown_gre_flags", p, encap, "GRE");
            return;
        }
        if (len < greLen + pptpLen + ethLen + erspanLen) {
            weird("truncated_GRE", p, encap, "GRE");
            return;
        }
        if (version == 1) {
            int pppProto = u16(d, off + greLen + 2);
            if (pppProto != 0x0021 && pppProto != 0x0057) {
                weird("non_ip_packet_in_encap", p, encap, "GRE");
                return;
            }
            innerProto = pppProto == 0x0021 ? IPPROTO_IPIP : IPPROTO_IPV6;
        }
        int skip = greLen + pptpLen + erspanLen;
        ipTunnel(p, d, off + skip, len - skip, encap, depth, Encapsulation.GRE, version, linkType, innerProto);
    }

    /**
     * IPTunnel.cc: the tunnel is known by its unordered address pair and keeps the uid drawn when
     * the pair was first seen; the inner packet is processed from its link (or IP) layer.
     */
    private void ipTunnel(Packet p, byte[] d, int off, int len, EncapsulationStack encap, int depth, String type,
                          int greVersion, int linkType, int innerProto) {
        if (EncapsulationStack.depth(encap) >= policy.maxDepth()) {
            weird("exceeded_tunnel_max_depth", p, encap, "IPTUNNEL");
            return;
        }
        if (greVersion != 0) {
            // PPTP: the inner datagram has to fill the rest exactly
            switch (innerIp(d, off, len, innerProto)) {
                case BAD_PROTOCOL -> {
                    weird("invalid_inner_IP_version", p, encap, "IPTUNNEL");
                    return;
                }
                case TOO_SMALL -> {
                    weird("truncated_inner_IP", p, encap, "IPTUNNEL");
                    return;
                }
                case TOO_LARGE -> {
                    weird("inner_IP_payload_length_mismatch", p, encap, "IPTUNNEL");
                    return;
                }
                default -> { }
            }
        }
        Pair pair = Pair.of(p.src, p.dst);
        IpTunnel t = ipTunnels.get(pair);
        double now = p.ts;
        if (t == null) {
            var ec = new Encapsulation(p.src.clone(), 0, p.dst.clone(), 0, transportOf(p.proto), p.proto, type,
                    uids.get());
            t = new IpTunnel(ec, now);
            ipTunnels.put(pair, t);
            tracker.table().timers().add(new IpTunnelTimer(now + policy.ipTunnelTimeout(), pair));
        } else {
            t.lastActive = now;
        }
        EncapsulationStack stack = encap != null ? encap : new EncapsulationStack();
        stack.add(t.ec);
        var inner = new CapturedPacket();
        inner.ts = p.ts;
        inner.linkType = linkType;
        inner.data = d;
        inner.offset = off;
        inner.capLen = inner.wireLen = len;
        process(inner, stack, depth + 1);
    }

    /** IPTunnel.cc's timer: an IP tunnel idle for ip_tunnel_timeout is forgotten (a new uid next time). */
    private final class IpTunnelTimer extends Timer {
        private final Pair pair;

        IpTunnelTimer(double at, Pair pair) {
            super(at, false);
            this.pair = pair;
        }

        @Override
        protected void fire(double now, boolean atEnd) {
            IpTunnel t = ipTunnels.get(pair);
            if (t == null) return;
            double inactive = now > t.lastActive ? now - t.lastActive : 0;
            if (inactive >= policy.ipTunnelTimeout()) ipTunnels.remove(pair);
            else if (!atEnd) tracker.table().timers().add(new IpTunnelTimer(now + policy.ipTunnelTimeout(), pair));
        }
    }

    private static int transportOf(int ipProto) {
        return switch (ipProto) {
            case 1, 6, 17 -> ipProto;
            default -> 0;
        };
    }

    // ---------------------------------------------------------------- tunnels over UDP

    /** UDP.cc: after the connection took the datagram, its payload goes to the packet analyzers. */
    private void udp(Connection c, Packet p, EncapsulationStack encap, int depth) {
        byte[] d = p.payload;
        int off = p.payloadOffset;
        int len = p.payloadCapLen;
        boolean isOrig = c.isFromOrig(p.src, p.srcPort);
        switch (c.respPort) {
            case 4789 -> vxlan(c, p, isOrig, d, off, len, encap, depth);
            case 6081 -> geneve(c, p, isOrig, d, off, len, encap, depth);
            case 4754 -> gre(p, d, off, len, encap, depth);
            case 3544 -> teredo(c, p, isOrig, d, off, len, encap, depth);
            case 5072 -> ayiya(c, p, isOrig, d, off, len, encap, depth);
            case 2152, 2123 -> gtp(c, p, isOrig, d, off, len, encap, depth);
            default -> {
                // protocol detection, in registration order
                if (len >= 3 && d[off + 1] == 0x52 && d[off + 2] == 0x11) ayiya(c, p, isOrig, d, off, len, encap, depth);
                else if (TeredoProbe.matches(d, off, len)) teredo(c, p, isOrig, d, off, len, encap, depth);
            }
        }
    }

    private ConnState state(Connection c) {
        return states.computeIfAbsent(c, k -> new ConnState());
    }

    private boolean violated(Connection c, int analyzer) {
        ConnState s = states.get(c);
        return s != null && s.analyzer[analyzer] == VIOLATED;
    }

    /** Analyzer::AnalyzerConfirmation: the first confirmation adds the service (dpd.zeek). */
    private void confirm(Connection c, int analyzer) {
        ConnState s = state(c);
        if (s.analyzer[analyzer] != 0) return;
        s.analyzer[analyzer] = CONFIRMED;
        c.services.add(SERVICE[analyzer]);
    }

    private void violation(Connection c, int analyzer) {
        ConnState s = state(c);
        if (s.analyzer[analyzer] != VIOLATED) s.analyzer[analyzer] = VIOLATED;
    }

    /** The max_depth check of the UDP tunnel analyzers: 'X' in the history and a weird. */
    private boolean tooDeep(Connection c, Packet p, EncapsulationStack encap, String analyzer) {
        if (EncapsulationStack.depth(encap) < policy.maxDepth()) return false;
        c.checkHistory(ConnTracker.HIST_UNKNOWN_PKT, 'X');
        weird("exceeded_tunnel_max_depth", p, encap, analyzer);
        return true;
    }

    /** VXLAN.cc (RFC 7348): 8-byte header with the I flag, then an Ethernet frame. */
    private void vxlan(Connection c, Packet p, boolean isOrig, byte[] d, int off, int len, EncapsulationStack encap,
                       int depth) {
        if (violated(c, VXLAN) || tooDeep(c, p, encap, "VXLAN")) return;
        if (len < 8 || (d[off] & 0x08) == 0) {
            violation(c, VXLAN);
            return;
        }
        confirm(c, VXLAN);
        if (len == 8) {
            weird("vxlan_empty_packet", p, encap, "VXLAN");
            return;
        }
        inner(c, p, d, off + 8, len - 8, LinkType.ETHERNET, Encapsulation.VXLAN, encap, depth);
    }

    /** Geneve.cc (RFC 8926): 8 bytes plus options, then what the protocol type names. */
    private void geneve(Connection c, Packet p, boolean isOrig, byte[] d, int off, int len, EncapsulationStack encap,
                        int depth) {
        if (violated(c, GENEVE) || tooDeep(c, p, encap, "GENEVE")) return;
        if (len < 8) {
            violation(c, GENEVE);
            return;
        }
        int version = (d[off] & 0xff) >>> 6;
        if (version != 0) {
            weird("geneve_invalid_version", p, encap, Integer.toString(version), "GENEVE");
            return;
        }
        int hdrLen = 8 + (d[off] & 0x3f) * 4;
        if (hdrLen > len) {
            violation(c, GENEVE);
            return;
        }
        int next = u16(d, off + 2);
        confirm(c, GENEVE);
        if (len == hdrLen) {
            weird("geneve_empty_packet", p, encap, "GENEVE");
            return;
        }
        int linkType = switch (next) {
            case 0x6558 -> LinkType.ETHERNET;
            case 0x0800, 0x86dd -> LinkType.RAW;
            default -> -1; // ARP, or nothing registered
        };
        EncapsulationStack stack = push(c, encap, Encapsulation.GENEVE);
        if (linkType >= 0) decodeInner(p, d, off + hdrLen, len - hdrLen, linkType, stack, depth);
    }

    /** AYIYA.cc: identity and signature lengths in the header; only "forward" messages carry packets. */
    private void ayiya(Connection c, Packet p, boolean isOrig, byte[] d, int off, int len, EncapsulationStack encap,
                       int depth) {
        if (violated(c, AYIYA) || tooDeep(c, p, encap, "AYIYA")) return;
        if (len < 8) {
            violation(c, AYIYA);
            return;
        }
        int hdrLen = 8 + (1 << ((d[off] & 0xff) >>> 4)) + ((d[off + 1] & 0xff) >>> 4) * 4;
        if (hdrLen > len) {
            violation(c, AYIYA);
            return;
        }
        if ((d[off + 2] & 0x0f) != 1) return;
        int next = d[off + 3] & 0xff;
        confirm(c, AYIYA);
        if (len == hdrLen) {
            weird("ayiya_empty_packet", p, encap, "AYIYA");
            return;
        }
        EncapsulationStack stack = push(c, encap, Encapsulation.AYIYA);
        if (next == IPPROTO_IPIP || next == IPPROTO_IPV6) {
            decodeInner(p, d, off + hdrLen, len - hdrLen, LinkType.RAW, stack, depth);
        }
    }

    /** Teredo.cc (RFC 4380): optional authentication and origin indication, then IPv6. */
    private void teredo(Connection c, Packet p, boolean isOrig, byte[] d, int off, int len, EncapsulationStack encap,
                        int depth) {
        if (violated(c, TEREDO) || tooDeep(c, p, encap, "TEREDO")) return;
        boolean confirmed = states.containsKey(c) && states.get(c).analyzer[TEREDO] == CONFIRMED;
        int at = off, left = len;
        boolean origin = false, auth = false;
        int innerAt = -1;
        while (innerAt < 0) {
            if (left < 2) {
                if (confirmed) c.weird("truncated_Teredo");
                break;
            }
            int tag = u16(d, at);
            if (tag == 0) { // origin indication
                if (origin) break;
                if (left < 8) {
                    if (confirmed) c.weird("truncated_Teredo_origin_indication");
                    break;
                }
                origin = true;
                at += 8;
                left -= 8;
            } else if (tag == 1) { // authentication
                if (origin || auth) break;
                if (left < 4) {
                    if (confirmed) c.weird("truncated_Teredo_authentication");
                    break;
                }
                int total = 4 + (d[at + 2] & 0xff) + (d[at + 3] & 0xff) + 8 + 1;
                if (left < total) {
                    if (confirmed) c.weird("truncated_Teredo_authentication");
                    break;
                }
                auth = true;
                at += total;
                left -= total;
            } else if ((tag & 0xf000) >>> 12 == 6) {
                if (left < 40) {
                    if (confirmed) c.weird("truncated_IPv6_in_Teredo");
                    break;
                }
                innerAt = at;
            } else {
                break;
            }
        }
        if (innerAt < 0) {
            violation(c, TEREDO);
            return;
        }
        switch (innerIp(d, innerAt, left, IPPROTO_IPV6)) {
            case TOO_LARGE -> {
                if ((d[innerAt + 6] & 0xff) == IPPROTO_NONE && u16(d, innerAt + 4) == 0) {
                    c.weird("Teredo_bubble_with_payload"); // a bubble with data after it: odd, no violation
                } else {
                    violation(c, TEREDO);
                    return;
                }
            }
            case TOO_SMALL, BAD_PROTOCOL -> {
                violation(c, TEREDO);
                return;
            }
            default -> { }
        }
        ConnState s = state(c);
        if (isOrig) s.teredoOrig = true;
        else s.teredoResp = true;
        if (!policy.delayTeredoConfirmation() || (s.teredoOrig && s.teredoResp)) confirm(c, TEREDO);
        inner(c, p, d, innerAt, left, LinkType.RAW, Encapsulation.TEREDO, encap, depth);
    }

    /** GTPv1.cc and gtpv1-analyzer.pac (3GPP TS 29.060): G-PDUs carry an IP packet after the header. */
    private void gtp(Connection c, Packet p, boolean isOrig, byte[] d, int off, int len, EncapsulationStack encap,
                     int depth) {
        ConnState s = state(c);
        // binpac parses the whole header first: a short one is an exception, i.e. a violation
        if (len < 8) {
            violation(c, GTP);
            return;
        }
        int flags = d[off] & 0xff;
        int msgType = d[off + 1] & 0xff;
        int hdrLen = 8;
        if ((flags & 0x07) != 0) {
            if (len < hdrLen + 4) {
                violation(c, GTP);
                return;
            }
            hdrLen += 4;
        }
        if ((flags & 0x04) != 0) { // extension headers, until one says no next
            int next;
            do {
                if (len < hdrLen + 1) {
                    violation(c, GTP);
                    return;
                }
                int units = d[off + hdrLen] & 0xff;
                if (units == 0 || len < hdrLen + units * 4) {
                    violation(c, GTP);
                    return;
                }
                next = d[off + hdrLen + units * 4 - 1] & 0xff;
                hdrLen += units * 4;
            } while (next != 0);
        }
        if (isOrig) s.gtpOrig = false;
        else s.gtpResp = false;
        if (EncapsulationStack.depth(encap) >= policy.maxDepth()) {
            emit("tunnel_depth", p, encap, null, false, "GTPV1"); // gtpv1-analyzer.pac: no packet, so no addresses
            return;
        }
        Encapsulation last = encap == null ? null : encap.last();
        if (last != null && last.type().equals(Encapsulation.GTPV1)) { // GTP is never carried in GTP
            violation(c, GTP);
            return;
        }
        if ((flags & 0xe0) >>> 5 != 1) {
            violation(c, GTP);
            return;
        }
        if ((flags & 0x10) == 0 || msgType != 255) return; // GTP' or signalling: no packet inside
        int innerLen = len - hdrLen;
        if (innerLen < 20) {
            violation(c, GTP);
            return;
        }
        int ipVersion = (d[off + hdrLen] & 0xff) >>> 4;
        if (ipVersion != 4 && ipVersion != 6) {
            violation(c, GTP);
            return;
        }
        if (innerIp(d, off + hdrLen, innerLen, ipVersion == 6 ? IPPROTO_IPV6 : IPPROTO_IPIP) != InnerIp.OK) {
            violation(c, GTP);
            return;
        }
        if (isOrig) s.gtpOrig = true;
        else s.gtpResp = true;
        if (!policy.delayGtpConfirmation() || (s.gtpOrig && s.gtpResp)) {
            if (s.analyzer[GTP] != VIOLATED) confirm(c, GTP);
        }
        inner(c, p, d, off + hdrLen, innerLen, LinkType.RAW, Encapsulation.GTPV1, encap, depth);
    }

    /** build_inner_packet: the carrying connection becomes the innermost tunnel of the stack. */
    private EncapsulationStack push(Connection c, EncapsulationStack encap, String type) {
        var ec = new Encapsulation(c.origAddr.clone(), c.origPort, c.respAddr.clone(), c.respPort, Packet.UDP, c.ipProto,
                type, c.uid());
        EncapsulationStack stack = encap != null ? encap : new EncapsulationStack();
        stack.add(ec);
        return stack;
    }

    private void inner(Connection c, Packet outer, byte[] d, int off, int len, int linkType, String type,
                       EncapsulationStack encap, int depth) {
        decodeInner(outer, d, off, len, linkType, push(c, encap, type), depth);
    }

    /** The inner packet keeps the outer's wire-minus-capture shortfall (build_inner_packet). */
    private void decodeInner(Packet outer, byte[] d, int off, int len, int linkType, EncapsulationStack stack,
                             int depth) {
        var inner = new CapturedPacket();
        inner.ts = outer.ts;
        inner.linkType = linkType;
        inner.data = d;
        inner.offset = off;
        inner.capLen = len;
        inner.wireLen = outer.wireLen - (outer.capLen - len);
        process(inner, stack, depth + 1);
    }

    // ---------------------------------------------------------------- helpers

    private enum InnerIp { OK, BAD_PROTOCOL, TOO_SMALL, TOO_LARGE }

    /** IP.cc ParsePacket: is {@code [off, off+len)} exactly one IP datagram of the given version? */
    private static InnerIp innerIp(byte[] d, int off, int len, int proto) {
        int total;
        if (proto == IPPROTO_IPV6) {
            if (len < 40) return InnerIp.TOO_SMALL;
            if ((d[off] & 0xf0) != 0x60) return InnerIp.BAD_PROTOCOL;
            total = u16(d, off + 4) + 40;
        } else if (proto == IPPROTO_IPIP) {
            if (len < 20 || (d[off] & 0xf0) != 0x40) return InnerIp.BAD_PROTOCOL;
            total = u16(d, off + 2);
        } else {
            return InnerIp.BAD_PROTOCOL;
        }
        if (len == total) return InnerIp.OK;
        return len < total ? InnerIp.TOO_SMALL : InnerIp.TOO_LARGE;
    }

    /** A weird of tunnel analyzer {@code source} about packet {@code p} (its IP header is known). */
    private void weird(String name, Packet p, EncapsulationStack encap, String source) {
        emit(name, p, encap, null, true, source);
    }

    private void weird(String name, Packet p, EncapsulationStack encap, String addl, String source) {
        emit(name, p, encap, addl, true, source);
    }

    /** session::Manager::Weird: inside a tunnel the name gets {@code _in_tunnel}. */
    private void emit(String name, Packet p, EncapsulationStack encap, String addl, boolean flow, String source) {
        if (weirds == null || name == null) return;
        weirds.weird(EncapsulationStack.depth(encap) > 0 ? name + "_in_tunnel" : name, p, addl, flow, source);
    }

    private static int u16(byte[] d, int at) {
        return (d[at] & 0xff) << 8 | (d[at + 1] & 0xff);
    }
}
