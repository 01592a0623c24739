package org.brocapi.analyzer.tcp;

import java.util.ArrayList;
import java.util.List;

import static org.brocapi.analyzer.conn.EndpointState.*;

/**
 * Reassembles one direction of a TCP stream with Zeek's rules (Reassem.cc, TCP_Reassembler.cc):
 * data is delivered as soon as it is in order; data above a hole waits; an ACK beyond a hole
 * declares the hole lost — a content gap, which conn.log counts in {@code missed_bytes} and the
 * history records as {@code G}/{@code g}.
 *
 * <p>Blocks never overlap: where new data overlaps buffered data, the buffered data wins, as in
 * Zeek. Sequence numbers are relative to the endpoint's initial sequence number.
 */
final class TcpReassembler {
    /** Zeek's {@code tcp_max_initial_window}. */
    private static final long MAX_INITIAL_WINDOW = 16384;
    /** Zeek's {@code tcp_max_above_hole_without_any_acks}. */
    private static final long MAX_ABOVE_HOLE_WITHOUT_ACKS = 16384;
    /** Zeek's {@code tcp_excessive_data_without_further_acks}. */
    private static final long EXCESSIVE_DATA_WITHOUT_ACKS = 10L * 1024 * 1024;

    private static final class Block {
        final long seq;
        long upper; // grows when in-order data is appended to a delivered block
        byte[] data; // null once delivered: only undelivered bytes are kept

        Block(long seq, long upper, byte[] data) {
            this.seq = seq;
            this.upper = upper;
            this.data = data;
        }
    }

    private final TcpEndpoint endp;
    private final StreamSink sink;
    private final List<Block> blocks = new ArrayList<>();
    private long dataSize;
    private long lastReassemSeq = 1, trimSeq = 1;
    private boolean skipDeliveries, didEof, hadGap;

    TcpReassembler(TcpEndpoint endp, StreamSink sink) {
        this.endp = endp;
        this.sink = sink;
    }

    boolean hasBlocks() {
        return !blocks.isEmpty();
    }

    boolean hadGap() {
        return hadGap;
    }

    /** Zeek's {@code TCP_Reassembler::DataSent}. */
    void dataSent(long seq, int len, byte[] buf, int off) {
        long ack = endp.toRelativeSeqSpace(endp.ackSeq, endp.ackWraps);
        long upper = seq + len;
        if (skipDeliveries) return;
        if (Long.compareUnsigned(seq, ack) < 0) {
            if (Long.compareUnsigned(upper, ack) <= 0) return; // delivered and acknowledged already
            int acked = (int) (ack - seq); // keep only the unacknowledged part of a retransmission
            seq += acked;
            off += acked;
            len -= acked;
        }
        newBlock(seq, len, buf, off);
        if (endp.noDataAcked() && undeliveredBytes() > MAX_ABOVE_HOLE_WITHOUT_ACKS) {
            endp.session.weird("above_hole_data_without_any_acks");
            clearBlocks();
            skipDeliveries = true;
        }
        if (dataSize > EXCESSIVE_DATA_WITHOUT_ACKS) {
            endp.session.weird("excessive_data_without_further_acks");
            clearBlocks();
            skipDeliveries = true;
        }
    }

    /** Zeek's {@code TCP_Reassembler::AckReceived}: the peer acknowledged up to {@code seq}. */
    void ackReceived(long seq) {
        if (endp.finCnt > 0 && Long.compareUnsigned(seq, endp.finSeq) >= 0) seq = endp.finSeq - 1;
        if (Long.compareUnsigned(seq, trimSeq) <= 0) return;
        trimToSeq(seq);
        checkEof();
    }

    /** Zeek's {@code TCP_Reassembler::CheckEOF}: tells the session once all data of a closed side arrived. */
    void checkEof() {
        if (!didEof && (endp.finCnt > 0 || endp.state == TCP_CLOSED || endp.state == TCP_RESET) && !dataPending()) {
            didEof = true;
            endp.session.endpointEof(endp);
        }
    }

    /** Zeek's {@code TCP_Reassembler::DataPending}. */
    boolean dataPending() {
        if (skipDeliveries) return false;
        long delivered = endp.startSeq + lastReassemSeq;
        long last = TcpEndpoint.toFullSeqSpace(endp.lastSeq, endp.seqWraps);
        if (Long.compareUnsigned(last, delivered) < 0) return false;
        // all delivered when up to the penultimate number (a FIN takes one) or right at it (RST)
        if (delivered != last - 1 && delivered != last) return true;
        return endp.state != TCP_RESET && endp.peer.hasUndeliveredData();
    }

    private long undeliveredBytes() {
        if (blocks.isEmpty()) return 0;
        long upper = blocks.get(blocks.size() - 1).upper;
        return Long.compareUnsigned(lastReassemSeq, upper) >= 0 ? 0 : upper - lastReassemSeq;
    }

    private void clearBlocks() {
        blocks.clear();
        dataSize = 0;
    }

    private void newBlock(long seq, int len, byte[] buf, int off) {
        if (len <= 0) return;
        long upper = seq + len;
        if (Long.compareUnsigned(upper, trimSeq) <= 0) return; // old data
        if (Long.compareUnsigned(seq, trimSeq) < 0) {
            int old = (int) (trimSeq - seq);
            seq += old;
            off += old;
        }
        if (seq == lastReassemSeq && (blocks.isEmpty() || blocks.get(blocks.size() - 1).upper == seq)) {
            // in order and nothing buffered above: deliver straight from the packet, keep no copy.
            // Appending to the last delivered block instead of adding one changes nothing Zeek
            // observes (what is buffered, what a trim finds missing), and allocates nothing.
            Block last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            if (last != null && last.data == null && last.upper == seq) last.upper = upper;
            else blocks.add(new Block(seq, upper, null));
            dataSize += upper - seq;
            lastReassemSeq = upper;
            if (!skipDeliveries) sink.data(endp.isOrig, seq, buf, off, (int) (upper - seq));
            if (endp.noDataAcked() && endp.size() > MAX_INITIAL_WINDOW) trimToSeq(lastReassemSeq);
            return;
        }
        int first = insert(seq, upper, buf, off);
        if (first >= 0) blockInserted(first);
    }

    /**
     * Inserts the parts of [seq, upper) not already buffered; returns the index of the first
     * block of the new data (Zeek delivers from there), or -1 when all of it was buffered.
     */
    private int insert(long seq, long upper, byte[] buf, int off) {
        int result = -1;
        int i = 0;
        // skip blocks that end before the new data
        while (i < blocks.size() && Long.compareUnsigned(blocks.get(i).upper, seq) <= 0) i++;
        while (Long.compareUnsigned(seq, upper) < 0) {
            if (i >= blocks.size() || Long.compareUnsigned(upper, blocks.get(i).seq) <= 0) {
                add(i, seq, upper, buf, off);
                return result >= 0 ? result : i;
            }
            Block b = blocks.get(i);
            if (Long.compareUnsigned(seq, b.seq) < 0) {
                add(i, seq, b.seq, buf, off);
                if (result < 0) result = i;
                off += (int) (b.seq - seq);
                seq = b.seq;
                i++;
                continue;
            }
            // overlaps b: the buffered data wins
            if (result < 0) result = i;
            long end = Long.compareUnsigned(b.upper, upper) < 0 ? b.upper : upper;
            off += (int) (end - seq);
            seq = end;
            i++;
        }
        return result;
    }

    private void add(int at, long seq, long upper, byte[] buf, int off) {
        int n = (int) (upper - seq);
        byte[] copy = new byte[n];
        System.arraycopy(buf, off, copy, 0, n);
        blocks.add(at, new Block(seq, upper, copy));
        dataSize += n;
    }

    /** Zeek's {@code BlockInserted}: delivers whatever became contiguous (the fast path above is its in-order case). */
    private void blockInserted(int index) {
        Block start = blocks.get(index);
        if (Long.compareUnsigned(start.seq, lastReassemSeq) > 0 || Long.compareUnsigned(start.upper, lastReassemSeq) <= 0) {
            return;
        }
        for (int i = index; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (Long.compareUnsigned(b.seq, lastReassemSeq) > 0) break;
            if (b.seq == lastReassemSeq) {
                long seq = lastReassemSeq;
                lastReassemSeq += b.upper - b.seq;
                deliver(seq, b);
            }
        }
        // we see both directions' ACKs, so delivered data is kept until acknowledged, unless the
        // endpoint sent a lot that nobody acknowledged (the ACKs are probably not in the capture)
        if (endp.noDataAcked() && endp.size() > MAX_INITIAL_WINDOW) trimToSeq(lastReassemSeq);
    }

    private void deliver(long seq, Block b) {
        if (!skipDeliveries && b.data != null) sink.data(endp.isOrig, seq, b.data, 0, b.data.length);
        b.data = null;
    }

    /** Zeek's {@code DataBlockList::Trim}: forgets data below {@code seq}, declaring holes lost. */
    private long trimToSeq(long seq) {
        long missing = 0;
        if (!blocks.isEmpty()) {
            Block first = blocks.get(0);
            if (Long.compareUnsigned(first.seq, lastReassemSeq) > 0) missing += first.seq - lastReassemSeq;
        } else if (Long.compareUnsigned(seq, lastReassemSeq) > 0) {
            missing += seq - lastReassemSeq;
        }
        if (Long.compareUnsigned(seq, lastReassemSeq) > 0) undelivered(seq);
        int drop = 0; // removed in one step below: a long run of acknowledged blocks is common
        while (drop < blocks.size()) {
            Block first = blocks.get(drop);
            if (Long.compareUnsigned(first.upper, seq) > 0) break;
            if (drop + 1 < blocks.size() && Long.compareUnsigned(blocks.get(drop + 1).seq, seq) <= 0) {
                if (first.upper != blocks.get(drop + 1).seq) missing += blocks.get(drop + 1).seq - first.upper;
            } else if (first.upper != seq && first.upper != seq - 1) {
                missing += seq - first.upper;
            }
            dataSize -= first.upper - first.seq;
            drop++;
        }
        if (drop > 0) blocks.subList(0, drop).clear();
        if (!blocks.isEmpty() && blocks.get(0).seq == lastReassemSeq) blockInserted(0);
        if (Long.compareUnsigned(seq, trimSeq) > 0) trimSeq = seq;
        return missing;
    }

    /** Zeek's {@code TCP_Reassembler::Undelivered}: data up to {@code upTo} will never come. */
    private void undelivered(long upTo) {
        if (Long.compareUnsigned(upTo, 2) <= 0 && endp.session.isPartial()) {
            return; // the faked-up SYN of a partial connection, or a keep-alive octet beyond it
        }
        if (!skipDeliveries) {
            for (int i = 0; i < blocks.size(); ) {
                Block b = blocks.get(i);
                if (Long.compareUnsigned(b.seq, lastReassemSeq) < 0) {
                    i++;
                    continue;
                }
                if (Long.compareUnsigned(b.seq, upTo) >= 0) break;
                long gapLen = b.seq - lastReassemSeq;
                gap(lastReassemSeq, gapLen);
                lastReassemSeq += gapLen;
                blockInserted(i);
                i = 0;
            }
            if (Long.compareUnsigned(upTo, lastReassemSeq) > 0) gap(lastReassemSeq, upTo - lastReassemSeq);
        }
        if (Long.compareUnsigned(upTo, lastReassemSeq) > 0) lastReassemSeq = upTo;
    }

    /** Zeek's {@code TCP_Reassembler::Gap}. */
    private void gap(long seq, long len) {
        if (isClean(endp) && isClean(endp.peer)) {
            endp.gap();
            endp.session.contentGap(endp.isOrig, len);
        }
        sink.gap(endp.isOrig, seq, len);
        hadGap = true;
    }

    private static boolean isClean(TcpEndpoint e) {
        return e.state == TCP_ESTABLISHED || (e.state == TCP_CLOSED && e.prevState == TCP_ESTABLISHED);
    }
}
