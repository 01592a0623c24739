package org.brocapi.analyzer.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reassembles IPv4 and IPv6 fragments into whole datagrams, with Zeek's rules (src/Frag.cc):
 * datagrams are keyed by (source, destination, id); the header of the first fragment to arrive is
 * kept; data that arrived first wins over later overlapping data ({@code fragment_overlap} when
 * equal, {@code fragment_inconsistency} when not); a datagram is complete once its bytes are
 * contiguous from 0 up to the end implied by the last (MF=0) fragment. A datagram that is not
 * complete {@link #timeout} seconds (Zeek's {@code frag_timeout}, 5 min) after its first fragment is
 * dropped, as is the oldest when more than {@link #maxBytes} are buffered.
 *
 * <p>Not thread-safe: one per {@link PacketDecoder}.
 */
public final class IpFragmentReassembler {
    /** Zeek's {@code frag_timeout} (init-bare.zeek). */
    public static final double DEFAULT_TIMEOUT = 300;
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    // Frag.cc MIN_ACCEPTABLE_FRAG_SIZE / MAX_ACCEPTABLE_FRAG_SIZE
    private static final int MIN_ACCEPTABLE_FRAG_SIZE = 64;
    private static final int MAX_ACCEPTABLE_FRAG_SIZE = 64000;

    private final double timeout;
    private final long maxBytes;
    private final LinkedHashMap<Key, Datagram> pending = new LinkedHashMap<>();
    private long bufferedBytes;
    private long dropped;

    public IpFragmentReassembler() {
        this(DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES);
    }

    public IpFragmentReassembler(double timeout, long maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** Datagrams waiting for more fragments. */
    public int pendingCount() {
        return pending.size();
    }

    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** Incomplete datagrams given up (timeout or memory bound) so far. */
    public long droppedCount() {
        return dropped;
    }

    /** Drops datagrams whose first fragment is older than the timeout at network time {@code now}. */
    public void expire(double now) {
        Iterator<Datagram> it = pending.values().iterator();
        while (it.hasNext()) {
            Datagram d = it.next();
            // insertion order is arrival order of first fragments, so the oldest come first
            if (now < d.firstTs + timeout) break;
            bufferedBytes -= d.bytes;
            dropped++;
            it.remove();
        }
    }

    private record Key(long s0, long s1, long d0, long d1, long id) { }

    private static final class Block {
        final int seq;
        final int upper;
        final byte[] data;

        Block(int seq, int upper, byte[] data) {
            this.seq = seq;
            this.upper = upper;
            this.data = data;
        }
    }

    private static final class Datagram {
        final Key key;
        final double firstTs;
        final byte[] protoHdr;
        final int protoHdrLen;
        /** v6: index in protoHdr of the next-header byte that named the fragment header; -1 for v4. */
        final int nextHdrIndex;
        final int v4Proto;
        final int v4Hl;
        int nextProto;
        long fragSize;
        final List<Block> blocks = new ArrayList<>();
        long bytes;

        Datagram(Key key, double ts, byte[] hdr, int hdrLen, int nextHdrIndex, int v4Proto, int v4Hl, int nextProto) {
            this.key = key;
            this.firstTs = ts;
            this.protoHdr = hdr;
            this.protoHdrLen = hdrLen;
            this.nextHdrIndex = nextHdrIndex;
            this.v4Proto = v4Proto;
            this.v4Hl = v4Hl;
            this.nextProto = nextProto;
        }
    }

    /**
     * Adds one fragment whose whole IP datagram ({@code totalLen} bytes) is at {@code ip[ipOff…]}.
     * For IPv6, {@code hdrLen} includes the fragment header, which must be the last header parsed,
     * and {@code nextHdrIndex} is the offset (from ipOff) of the byte that names it.
     *
     * @return the reassembled datagram (a fresh array starting with the IP header) or null while
     *         incomplete; weirds go to {@code out}'s packet weirds
     */
    byte[] add(double ts, Packet out, byte[] ip, int ipOff, int totalLen, int hdrLen, long id,
               int fragOffset, boolean mf, boolean df, int nextProto, int nextHdrIndex) {
        expire(ts);
        boolean v4 = out.ipVersion == 4;
        Key key = new Key(word(out.src, 0), word(out.src, 8), word(out.dst, 0), word(out.dst, 8),
                v4 ? id : id | 1L << 40);
        Datagram d = pending.get(key);
        if (d == null) {
            int keep = v4 ? hdrLen : hdrLen - 8; // IPv6: without the fragment header
            byte[] hdr = Arrays.copyOfRange(ip, ipOff, ipOff + Math.max(0, Math.min(keep, totalLen)));
            d = new Datagram(key, ts, hdr, hdr.length, v4 ? -1 : nextHdrIndex,
                    v4 ? ip[ipOff + 9] & 0xff : -1, v4 ? hdrLen : -1, nextProto);
            pending.put(key, d);
        } else if (v4) {
            if ((ip[ipOff + 9] & 0xff) != d.v4Proto || hdrLen != d.v4Hl) {
                out.addPacketWeird(PacketWeird.FRAGMENT_PROTOCOL_INCONSISTENCY, null, null, true);
            }
        } else if (nextProto != d.nextProto || hdrLen - 8 != d.protoHdrLen) {
            out.addPacketWeird(PacketWeird.FRAGMENT_PROTOCOL_INCONSISTENCY, null, null, true);
        }
        if (df) out.addPacketWeird(PacketWeird.FRAGMENT_WITH_DF, null, null, true);
        if (totalLen < hdrLen) {
            out.addPacketWeird(PacketWeird.FRAGMENT_PROTOCOL_INCONSISTENCY, null, null, true);
            return null;
        }
        long upper = (long) fragOffset + totalLen - hdrLen;
        if (fragOffset == 0) d.nextProto = nextProto; // the first fragment's next header counts
        if (!mf) {
            if (d.fragSize == 0) {
                d.fragSize = upper;
            } else if (upper != d.fragSize) {
                out.addPacketWeird(PacketWeird.FRAGMENT_SIZE_INCONSISTENCY, null, null, true);
                if (upper > d.fragSize) d.fragSize = upper;
            }
        } else if (totalLen < MIN_ACCEPTABLE_FRAG_SIZE) {
            out.addPacketWeird(PacketWeird.EXCESSIVELY_SMALL_FRAGMENT, null, null, true);
        }
        if (upper > MAX_ACCEPTABLE_FRAG_SIZE) out.addPacketWeird(PacketWeird.EXCESSIVELY_LARGE_FRAGMENT, null, null, true);
        if (d.fragSize != 0 && upper > d.fragSize) {
            // a non-last fragment reaching past the end a last fragment announced
            out.addPacketWeird(PacketWeird.FRAGMENT_SIZE_INCONSISTENCY, null, null, true);
            d.fragSize = upper;
        }
        insert(d, out, fragOffset, (int) upper, ip, ipOff + hdrLen);
        byte[] whole = complete(d, out);
        if (whole != null) {
            pending.remove(key);
            bufferedBytes -= d.bytes;
        } else {
            enforceBound(key);
        }
        return whole;
    }

    private void enforceBound(Key keep) {
        Iterator<Datagram> it = pending.values().iterator();
        while (bufferedBytes > maxBytes && it.hasNext()) {
            Datagram d = it.next();
            if (d.key.equals(keep)) continue;
            bufferedBytes -= d.bytes;
            dropped++;
            it.remove();
        }
    }

    /** Keeps what is already there; only the uncovered parts of the new fragment are stored. */
    private void insert(Datagram d, Packet out, int seq, int upper, byte[] src, int srcOff) {
        if (upper <= seq) return;
        List<Block> blocks = d.blocks;
        int i = 0;
        while (i < blocks.size() && blocks.get(i).upper <= seq) i++;
        int at = seq;
        while (at < upper) {
            Block b = i < blocks.size() ? blocks.get(i) : null;
            if (b == null || b.seq >= upper) {
                store(d, i, at, upper, src, srcOff + (at - seq));
                return;
            }
            if (b.seq > at) {
                store(d, i, at, b.seq, src, srcOff + (at - seq));
                i++;
                at = b.seq;
                continue;
            }
            // overlap of [at, min(upper, b.upper)) with an existing block
            int ovEnd = Math.min(upper, b.upper);
            boolean same = Arrays.equals(b.data, at - b.seq, ovEnd - b.seq, src, srcOff + (at - seq), srcOff + (ovEnd - seq));
            out.addPacketWeird(same ? PacketWeird.FRAGMENT_OVERLAP : PacketWeird.FRAGMENT_INCONSISTENCY, null, null, true);
            at = ovEnd;
            i++;
        }
    }

    private void store(Datagram d, int index, int seq, int upper, byte[] src, int srcOff) {
        d.blocks.add(index, new Block(seq, upper, Arrays.copyOfRange(src, srcOff, srcOff + (upper - seq))));
        d.bytes += upper - seq;
        bufferedBytes += upper - seq;
    }

    private static byte[] complete(Datagram d, Packet out) {
        List<Block> blocks = d.blocks;
        if (blocks.isEmpty() || blocks.get(0).seq > 0 || d.fragSize == 0) return null;
        int i = 0;
        while (i + 1 < blocks.size() && blocks.get(i).upper == blocks.get(i + 1).seq) i++;
        Block last = blocks.get(blocks.size() - 1);
        if (i + 1 < blocks.size()) {
            // a hole: complete only if everything up to the announced end is there (Frag.cc)
            if (blocks.get(i).upper >= d.fragSize) {
                out.addPacketWeird(PacketWeird.FRAGMENT_SIZE_INCONSISTENCY, null, null, true);
                d.fragSize = blocks.get(i).upper;
            } else {
                return null;
            }
        } else if (last.upper > d.fragSize) {
            out.addPacketWeird(PacketWeird.FRAGMENT_SIZE_INCONSISTENCY, null, null, true);
            d.fragSize = last.upper;
        } else if (last.upper < d.fragSize) {
            return null;
        }
        int size = (int) d.fragSize;
        byte[] whole = new byte[d.protoHdrLen + size];
        System.arraycopy(d.protoHdr, 0, whole, 0, d.protoHdrLen);
        for (int j = 0; j < blocks.size() && blocks.get(j).seq < size; j++) {
            Block b = blocks.get(j);
            if (j > 0 && blocks.get(j - 1).upper < b.seq) break;
            System.arraycopy(b.data, 0, whole, d.protoHdrLen + b.seq, Math.min(b.upper, size) - b.seq);
        }
        if (d.nextHdrIndex < 0) {
            int len = d.protoHdrLen + size;
            whole[2] = (byte) (len >>> 8);
            whole[3] = (byte) len;
            // the copy is of one fragment's header: clear MF and the offset, keep DF
            whole[6] &= 0x40;
            whole[7] = 0;
        } else {
            int plen = d.protoHdrLen + size - 40;
            whole[4] = (byte) (plen >>> 8);
            whole[5] = (byte) plen;
            whole[d.nextHdrIndex] = (byte) d.nextProto;
        }
        return whole;
    }

    private static long word(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (b[off + i] & 0xff);
        return v;
    }
}
