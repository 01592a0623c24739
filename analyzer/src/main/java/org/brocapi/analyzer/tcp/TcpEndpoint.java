package org.brocapi.analyzer.tcp;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.conn.EndpointState;

import static org.brocapi.analyzer.conn.EndpointState.*;

/**
 * One side of a TCP connection (Zeek's {@code TCP_Endpoint}): its state, sequence space
 * (32-bit numbers with wrap counts, relative to the initial sequence number) and the counters
 * behind the scaled history letters.
 */
final class TcpEndpoint {
    // history masks (Zeek's TCP_Endpoint::HistoryMasks); the responder's are shifted by 16
    static final int HIST_SYN_PKT = 0x1, HIST_FIN_PKT = 0x2, HIST_RST_PKT = 0x4, HIST_FIN_RST_PKT = 0x8,
            HIST_DATA_PKT = 0x10, HIST_ACK_PKT = 0x20, HIST_MULTI_FLAG_PKT = 0x40;

    final TcpSession session;
    boolean isOrig;
    TcpEndpoint peer;
    EndpointState state = TCP_INACTIVE, prevState = TCP_INACTIVE;
    double startTime, lastTime;
    long startSeq;            // int64 in Zeek
    long lastSeq, ackSeq;     // uint32
    int seqWraps, ackWraps;
    int windowScale;
    long window, windowSeq, windowAckSeq;
    long finSeq;              // relative, uint64
    int synCnt, finCnt, rstCnt;
    boolean didClose;
    long histLastSyn, histLastFin, histLastRst;
    // {count, next threshold} for Zeek's scaled history letters
    final long[] gapCnt = {0, 1}, chkCnt = {0, 1}, rxmtCnt = {0, 1}, win0Cnt = {0, 1};
    TcpReassembler reassembler;

    TcpEndpoint(TcpSession session, boolean isOrig) {
        this.session = session;
        this.isOrig = isOrig;
    }

    Connection conn() {
        return session.conn;
    }

    static int seqDelta(long a, long b) {
        return (int) (a - b);
    }

    static long u32(long v) {
        return v & 0xffff_ffffL;
    }

    long startSeq32() {
        return u32(startSeq);
    }

    void initStartSeq(long seq) {
        startSeq = seq;
    }

    void initLastSeq(long seq) {
        lastSeq = u32(seq);
    }

    void initAckSeq(long seq) {
        ackSeq = u32(seq);
    }

    void updateLastSeq(long seq) {
        seq = u32(seq);
        if (seq < lastSeq) ++seqWraps;
        lastSeq = seq;
    }

    void updateAckSeq(long seq) {
        seq = u32(seq);
        if (seq < ackSeq) ++ackWraps;
        ackSeq = seq;
    }

    static long toFullSeqSpace(long seq32, int wraps) {
        return ((long) wraps << 32) + seq32;
    }

    long toRelativeSeqSpace(long seq32, int wraps) {
        return toFullSeqSpace(seq32, wraps) - startSeq;
    }

    /** None of this endpoint's data was acknowledged (one octet allowed for the SYN). */
    boolean noDataAcked() {
        long ack = toFullSeqSpace(ackSeq, ackWraps);
        return ack == startSeq || ack == startSeq + 1;
    }

    boolean isActive() {
        return state != TCP_INACTIVE && !didClose;
    }

    void setState(EndpointState newState) {
        if (newState != state) {
            // the inactivity timeout becomes TCP's once the handshake is over
            if (!isHandshake(newState) && isHandshake(state) && isHandshake(peer.state)) {
                conn().setInactivityTimeout(session.config.tcpInactivityTimeout());
            }
            prevState = state;
            state = newState;
        }
    }

    private static boolean isHandshake(EndpointState s) {
        return s == TCP_INACTIVE || s == TCP_SYN_SENT || s == TCP_SYN_ACK_SENT;
    }

    /** Payload size in sequence space (Zeek's {@code TCP_Endpoint::Size}), SYN and FIN excluded. */
    long size() {
        if (prevState == TCP_SYN_SENT && state == TCP_RESET && peer.state == TCP_INACTIVE && !noDataAcked()) {
            return 0; // a half-open connection discovered and aborted
        }
        long last64 = toFullSeqSpace(lastSeq, seqWraps);
        long ack64 = toFullSeqSpace(ackSeq, ackWraps);
        long size = Long.compareUnsigned(last64, ack64) > 0 ? last64 - startSeq : ack64 - startSeq;
        if (size != 0) --size;
        if (finCnt > 0 && size != 0) --size;
        return size;
    }

    /** Zeek's {@code TCP_Endpoint::CheckHistory}, including the late flip of SYN-ACK-first connections. */
    boolean checkHistory(int mask, char code) {
        Connection c = conn();
        if ((code == 'A' || code == 'D') && c.historyIs("H")) {
            // began with a SYN-ACK; productive traffic makes a stealth scan unlikely, so flip now
            c.flipRoles();
            c.replaceHistory("^h");
            session.setFirstPacketSeen(true);
        }
        if (!isOrig) {
            mask <<= 16;
            code = Character.toLowerCase(code);
        }
        return c.checkHistory(mask, code);
    }

    void addHistory(char code) {
        conn().addHistory(isOrig ? code : Character.toLowerCase(code));
    }

    void checksumError() {
        conn().scaledHistoryEntry(isOrig ? 'C' : 'c', chkCnt);
    }

    void didRxmit() {
        conn().scaledHistoryEntry(isOrig ? 'T' : 't', rxmtCnt);
    }

    void zeroWindow() {
        conn().scaledHistoryEntry(isOrig ? 'W' : 'w', win0Cnt);
    }

    void gap() {
        conn().scaledHistoryEntry(isOrig ? 'G' : 'g', gapCnt);
    }

    boolean dataPending() {
        return reassembler != null && reassembler.dataPending();
    }

    boolean hasUndeliveredData() {
        return reassembler != null && reassembler.hasBlocks();
    }
}
