package org.brocapi.analyzer.tcp;

import org.brocapi.analyzer.conn.ConnPolicy;
import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.conn.EndpointState;
import org.brocapi.analyzer.conn.Transport;
import org.brocapi.analyzer.packet.Packet;

import static org.brocapi.analyzer.conn.EndpointState.*;
import static org.brocapi.analyzer.tcp.TcpEndpoint.*;

/**
 * TCP connection state (Zeek's {@code TCPSessionAdapter}): one packet at a time it updates both
 * endpoints' state machines and sequence spaces, the history, reassembly, and the timers that end
 * the connection (attempt, close, reset, expire). The methods follow Zeek's structure so that each
 * can be checked against its counterpart: {@link #process} is {@code Process}, and so on.
 */
public final class TcpSession implements Transport {
    private static final int TOO_LARGE_SEQ_DELTA = 1048576;
    private static final int ORIG = 1, RESP = 2;

    final Connection conn;
    final ConnPolicy config;
    private final GapListener gaps;
    private TcpEndpoint orig, resp;
    private int firstPacketSeen;
    private boolean isPartial, isActive = true, closeDeferred, deferredGenEvent;
    /** Scratch state of the packet being processed (fields, not allocations: this runs per packet). */
    private boolean underflow;
    private final boolean[] close = new boolean[2];

    /** Told about content gaps in cleanly established connections (conn.log missed_bytes). */
    @FunctionalInterface
    public interface GapListener {
        GapListener NONE = (c, isOrig, len) -> { };

        void contentGap(Connection c, boolean isOrig, long len);
    }

    public TcpSession(Connection conn, ConnPolicy config, StreamSink sink, GapListener gaps) {
        this.conn = conn;
        this.config = config;
        this.gaps = gaps;
        orig = new TcpEndpoint(this, true);
        resp = new TcpEndpoint(this, false);
        orig.peer = resp;
        resp.peer = orig;
        // dpd_reassemble_first_packets=T: Zeek reassembles every TCP connection from the start
        orig.reassembler = new TcpReassembler(orig, sink);
        resp.reassembler = new TcpReassembler(resp, sink);
        // until the handshake completes, Zeek uses UDP's inactivity timeout for TCP too
        conn.setInactivityTimeout(config.udpInactivityTimeout());
    }

    @Override
    public EndpointState state(boolean isOrig) {
        return (isOrig ? orig : resp).state;
    }

    @Override
    public long size(boolean isOrig) {
        return (isOrig ? orig : resp).size();
    }

    /** A weird from the TCP analyzer (Zeek's {@code Analyzer::Weird}: source "TCP"). */
    void weird(String name) {
        conn.weird(name, "", "TCP");
    }

    void weird(String name, String addl) {
        conn.weird(name, addl, "TCP");
    }

    public boolean isPartial() {
        return isPartial;
    }

    void setFirstPacketSeen(boolean isOrig) {
        firstPacketSeen |= isOrig ? ORIG : RESP;
    }

    void contentGap(boolean isOrig, long len) {
        gaps.contentGap(conn, isOrig, len);
    }

    /**
     * One packet of this connection (Zeek's {@code TCPAnalyzer::DeliverPacket}): checksum, state,
     * then the packet counts (a packet with a bad checksum is not counted).
     */
    @Override
    public void packet(Connection c, Packet p, boolean isOrig) {
        int len = p.payloadLen;
        int remaining = p.payloadCapLen;
        TcpEndpoint endpoint = isOrig ? orig : resp;
        if (!config.ignoreChecksums() && p.badChecksum != null && remaining >= len) {
            weird("bad_TCP_checksum");
            endpoint.checksumError();
            return;
        }
        TcpEndpoint originator = orig;
        process(isOrig, p, len, remaining);
        if (originator != orig) isOrig = !isOrig; // the connection flipped under us
        // Zeek's ConnSize analyzer sees the packet after the state machine
        c.countPacket(isOrig, p.ipLen);
    }

    private void process(boolean isOrig, Packet p, int len, int remaining) {
        int flags = p.tcpFlags;
        boolean syn = (flags & Packet.SYN) != 0, fin = (flags & Packet.FIN) != 0, rst = (flags & Packet.RST) != 0,
                ack = (flags & Packet.ACK) != 0;
        long baseSeq = p.seq, ackSeq = p.ack;
        double t = p.ts;
        TcpEndpoint endpoint = isOrig ? orig : resp;
        TcpEndpoint peer = endpoint.peer;

        setPartialStatus(syn, ack, endpoint.isOrig);
        int segLen = segmentLength(len, syn, fin, rst);
        long seqOnePast = u32(baseSeq + segLen);
        initEndpoint(endpoint, syn, baseSeq, seqOnePast, t);

        long relSeq = relativeSeq(endpoint, baseSeq, endpoint.lastSeq, endpoint.seqWraps);
        boolean seqUnderflow = underflow;
        if (seqUnderflow && !rst) weird("TCP_seq_underflow_or_misorder");

        updateHistory(syn, fin, rst, ack, endpoint, relSeq, len);
        updateWindow(endpoint, p.window, baseSeq, ackSeq, syn, fin, rst);

        if (!orig.didClose || !resp.didClose) conn.lastTime = t;

        if (syn) {
            synWeirds(flags, endpoint, len);
            initWindow(endpoint, peer, ack, windowScale(p), baseSeq, ackSeq);
        }
        if (fin) {
            ++endpoint.finCnt;
            endpoint.finSeq = relSeq + segLen;
        }
        if (rst) ++endpoint.rstCnt;

        long relAck = 0;
        if (ack) {
            if (peer.state == TCP_INACTIVE) {
                relAck = 1;
                initPeer(peer, endpoint, syn, fin, rst, ackSeq);
            } else {
                relAck = relativeSeq(peer, ackSeq, peer.ackSeq, peer.ackWraps);
                if (underflow) {
                    relAck = 0;
                    weird("TCP_ack_underflow_or_misorder");
                } else if (!rst) {
                    updateAckSeq(peer, ackSeq); // ACKs in RSTs are not trusted
                }
            }
        }

        int deltaLast = updateLastSeq(endpoint, seqOnePast, syn, fin, rst, len);
        endpoint.lastTime = t;

        boolean[] close = this.close; // do_close, gen_event
        close[0] = close[1] = false;
        updateStateMachine(t, endpoint, peer, baseSeq, ackSeq, len, deltaLast, isOrig, syn, fin, rst, ack, close);

        // after the state machine, so a gap revealed by this ACK knows whether it came at the end
        if (ack && peer.reassembler != null) peer.reassembler.ackReceived(relAck);

        checkFirstPacket(isOrig);

        long relDataSeq = syn ? relSeq + 1 : relSeq;
        if (len > 0 && remaining >= len && !rst && !seqUnderflow) {
            if (endpoint.reassembler != null) {
                endpoint.reassembler.dataSent(relDataSeq, len, p.payload, p.payloadOffset);
            }
        } else if (len > 0 && remaining < len && !rst && !seqUnderflow) {
            weird("truncated_tcp_payload");
        }
        if (endpoint.reassembler != null) endpoint.reassembler.checkEof();

        if (close[0]) connectionClosed(endpoint, peer, close[1]);
    }

    // --- Zeek's static helpers in TCPSessionAdapter.cc, one by one --------------------------

    /** The window scale option's shift count (RFC 7323 §2.2: kind 3, length 3), -1 when absent. */
    static int windowScale(Packet p) {
        byte[] b = p.payload;
        int i = p.tcpOptionsOffset, end = i + p.tcpOptionsLen;
        while (i < end) {
            int kind = b[i] & 0xff;
            if (kind == 0) break;           // end of option list
            if (kind == 1) {                // no-operation
                i++;
                continue;
            }
            if (i + 1 >= end) break;
            int len = b[i + 1] & 0xff;
            if (len < 2 || i + len > end) break;
            if (kind == 3 && len == 3) return b[i + 2] & 0xff;
            i += len;
        }
        return -1;
    }

    private static int segmentLength(int payloadLen, boolean syn, boolean fin, boolean rst) {
        int segLen = payloadLen;
        if (syn) ++segLen; // SYN and FIN each take one number of sequence space
        if (fin) ++segLen;
        if (rst) segLen -= payloadLen; // a RST's data is not part of the stream
        return segLen;
    }

    private void initEndpoint(TcpEndpoint endpoint, boolean syn, long firstSegSeq, long lastSeq, double t) {
        switch (endpoint.state) {
            case TCP_INACTIVE -> {
                if (syn) {
                    endpoint.initAckSeq(firstSegSeq);
                    endpoint.initStartSeq(firstSegSeq);
                } else {
                    // partial connection: number as though a SYN had been seen
                    endpoint.initAckSeq(firstSegSeq - 1);
                    endpoint.initStartSeq(u32(firstSegSeq - 1));
                    lastSeq = firstSegSeq;
                }
                endpoint.initLastSeq(lastSeq);
                endpoint.startTime = t;
            }
            case TCP_SYN_SENT, TCP_SYN_ACK_SENT -> {
                if (syn && firstSegSeq != endpoint.startSeq32()) {
                    conn.weird("SYN_seq_jump");
                    endpoint.initStartSeq(firstSegSeq);
                    endpoint.initAckSeq(firstSegSeq);
                    endpoint.initLastSeq(lastSeq);
                }
            }
            case TCP_ESTABLISHED, TCP_PARTIAL -> {
                if (syn) {
                    if (endpoint.size() > 0) conn.weird("SYN_inside_connection");
                    if (firstSegSeq != endpoint.startSeq32()) conn.weird("SYN_seq_jump");
                    endpoint.initStartSeq(firstSegSeq);
                    endpoint.initAckSeq(firstSegSeq);
                    endpoint.initLastSeq(lastSeq);
                }
            }
            case TCP_RESET -> {
                // a SYN after an initial RST: the RST may have been spoofed, so start over
                if (syn && endpoint.prevState == TCP_INACTIVE) {
                    endpoint.initStartSeq(firstSegSeq);
                    endpoint.initAckSeq(firstSegSeq);
                    endpoint.initLastSeq(lastSeq);
                }
            }
            default -> { }
        }
    }

    /** Zeek's {@code get_relative_seq}; sets {@link #underflow} when the number lies before the start. */
    private long relativeSeq(TcpEndpoint endpoint, long curBase, long last, int wraps) {
        underflow = false;
        int delta = seqDelta(curBase, last);
        if (delta < 0) {
            if (wraps != 0 && curBase > last) --wraps; // part of a previous 32-bit sequence space
        } else if (delta > 0) {
            if (curBase < last) ++wraps; // the sequence space wrapped around
        }
        if (wraps == 0) {
            delta = seqDelta(curBase, endpoint.startSeq32());
            if (delta < 0) underflow = true;
            return delta; // sign-extended, as Zeek's int32 → uint64
        }
        return endpoint.toRelativeSeqSpace(curBase, wraps);
    }

    private void updateHistory(boolean syn, boolean fin, boolean rst, boolean ack, TcpEndpoint endpoint, long relSeq,
                               int len) {
        int bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bits > 1) {
            if (fin && rst) endpoint.checkHistory(HIST_FIN_RST_PKT, 'I');
            else endpoint.checkHistory(HIST_MULTI_FLAG_PKT, 'Q');
        } else if (bits == 1) {
            if (syn) {
                char code = ack ? 'H' : 'S';
                if (endpoint.checkHistory(HIST_SYN_PKT, code) && relSeq != endpoint.histLastSyn) {
                    endpoint.addHistory(code);
                }
                endpoint.histLastSyn = relSeq;
            }
            if (fin) {
                // a FIN's number comes after its data
                if (endpoint.checkHistory(HIST_FIN_PKT, 'F') && relSeq + len != endpoint.histLastFin) {
                    endpoint.addHistory('F');
                }
                endpoint.histLastFin = relSeq + len;
            }
            if (rst) {
                if (endpoint.checkHistory(HIST_RST_PKT, 'R') && relSeq != endpoint.histLastRst) {
                    endpoint.addHistory('R');
                }
                endpoint.histLastRst = relSeq;
            }
        } else if (len != 0) {
            endpoint.checkHistory(HIST_DATA_PKT, 'D');
        } else if (ack) {
            endpoint.checkHistory(HIST_ACK_PKT, 'A');
        }
    }

    private void updateWindow(TcpEndpoint endpoint, int window, long baseSeq, long ackSeq, boolean syn, boolean fin,
                              boolean rst) {
        int scale = endpoint.windowScale;
        long w = u32((long) window << scale);
        // zero windows matter unless they come with or after a RST, or after the peer's FIN
        if (w == 0 && !rst && endpoint.peer.state != TCP_CLOSED && endpoint.state != TCP_RESET) {
            endpoint.zeroWindow();
        }
        // no window analysis off SYNs, FINs, RSTs or half-closed connections (frequent rescissions)
        if (!syn && !fin && !rst && endpoint.state != TCP_CLOSED && endpoint.state != TCP_RESET) {
            if (seqDelta(baseSeq, endpoint.windowSeq) >= 0 && seqDelta(ackSeq, endpoint.windowAckSeq) >= 0) {
                long newEdge = u32(ackSeq + w);
                long oldEdge = u32(endpoint.windowAckSeq + endpoint.window);
                int advance = seqDelta(newEdge, oldEdge);
                if (advance < 0 && -(long) advance >= (1L << scale)) conn.weird("window_recision");
                endpoint.window = w;
                endpoint.windowAckSeq = ackSeq;
                endpoint.windowSeq = baseSeq;
            }
        }
    }

    private void synWeirds(int flags, TcpEndpoint endpoint, int len) {
        if ((flags & Packet.RST) != 0) weird("TCP_christmas");
        if ((flags & Packet.URG) != 0) weird("baroque_SYN");
        if (len > 0) {
            // T/TCP defines data in SYNs; Zeek only notes it
            weird("SYN_with_data");
        }
    }

    private void initWindow(TcpEndpoint endpoint, TcpEndpoint peer, boolean ack, int scale, long baseSeq, long ackSeq) {
        if (scale < 0) { // no window scaling option
            if (ack) {
                endpoint.windowScale = 0;
                peer.windowScale = 0;
            } else {
                endpoint.windowScale = 0;
            }
        } else {
            if (scale > 14) {
                // RFC 7323 §2.3 caps the shift count at 14
                if (!conn.didWeird) weird("TCP_scale_range", Integer.toString(scale));
                scale = 14;
            }
            endpoint.windowScale = scale;
            endpoint.windowSeq = baseSeq;
            endpoint.windowAckSeq = ackSeq;
            peer.windowSeq = ackSeq;
            peer.windowAckSeq = baseSeq;
        }
    }

    private void initPeer(TcpEndpoint peer, TcpEndpoint endpoint, boolean syn, boolean fin, boolean rst, long ackSeq) {
        if (!syn && !fin && !rst) {
            if (endpoint.state == TCP_SYN_SENT || endpoint.state == TCP_SYN_ACK_SENT
                    || endpoint.state == TCP_ESTABLISHED) {
                // we sent a SYN that roused nobody, yet we acknowledge their data
                if (!conn.didWeird) conn.weird("possible_split_routing");
            }
        }
        // number the peer as though its SYN had been seen
        peer.initStartSeq(u32(ackSeq - 1));
        peer.initAckSeq(ackSeq - 1);
        peer.initLastSeq(ackSeq - 1);
    }

    private static void updateAckSeq(TcpEndpoint endpoint, long ackSeq) {
        int deltaAck = seqDelta(ackSeq, endpoint.ackSeq);
        if (ackSeq == 0 && deltaAck > TOO_LARGE_SEQ_DELTA) {
            return; // more likely a broken ACK than a large connection landing on 0
        }
        if (deltaAck > 0) endpoint.updateAckSeq(ackSeq);
    }

    private static int updateLastSeq(TcpEndpoint endpoint, long lastSeq, boolean syn, boolean fin, boolean rst,
                                     int len) {
        int deltaLast = seqDelta(lastSeq, endpoint.lastSeq);
        if ((syn || rst) && (deltaLast > TOO_LARGE_SEQ_DELTA || deltaLast < -TOO_LARGE_SEQ_DELTA)) {
            // outlandish SYN/RST numbers are not trusted
        } else if (fin && endpoint.lastSeq == u32(endpoint.startSeq + 1)) {
            // > 2 GB connections of which only SYN and FIN were seen
            endpoint.updateLastSeq(lastSeq);
        } else if (endpoint.state == TCP_RESET) {
            // numbers after a RST are not trusted
        } else if (deltaLast > 0) {
            endpoint.updateLastSeq(lastSeq);
        } else if (len > 0) {
            endpoint.didRxmit();
        }
        return deltaLast;
    }

    private void setPartialStatus(boolean syn, boolean ack, boolean isOrig) {
        if (isOrig) {
            if ((firstPacketSeen & ORIG) == 0) isPartial = !syn || ack;
        } else if ((firstPacketSeen & RESP) == 0 && !isPartial) {
            isPartial = !syn;
        }
    }

    private void checkFirstPacket(boolean isOrig) {
        firstPacketSeen |= isOrig ? ORIG : RESP;
    }

    // --- the state machine (UpdateStateMachine and its cases) --------------------------------

    private void updateStateMachine(double t, TcpEndpoint endpoint, TcpEndpoint peer, long baseSeq, long ackSeq,
                                    int len, int deltaLast, boolean isOrig, boolean syn, boolean fin, boolean rst,
                                    boolean ack, boolean[] close) {
        switch (endpoint.state) {
            case TCP_INACTIVE -> updateInactive(t, endpoint, peer, baseSeq, ackSeq, len, isOrig, syn, fin, rst, ack,
                    close);
            case TCP_SYN_SENT, TCP_SYN_ACK_SENT -> updateSynSent(endpoint, peer, len, isOrig, syn, fin, rst, ack,
                    close);
            case TCP_ESTABLISHED, TCP_PARTIAL -> updateEstablished(endpoint, peer, syn, fin, rst, ack, close);
            case TCP_CLOSED -> updateClosed(t, endpoint, deltaLast, syn, fin, rst, close);
            case TCP_RESET -> updateReset(len, syn, fin, rst);
            default -> { }
        }
    }

    private void updateInactive(double t, TcpEndpoint endpoint, TcpEndpoint peer, long baseSeq, long ackSeq,
                                int len, boolean isOrig, boolean syn, boolean fin, boolean rst, boolean ack,
                                boolean[] close) {
        if (syn) {
            if (isOrig) {
                if (ack) {
                    weird("connection_originator_SYN_ack");
                    endpoint.setState(TCP_SYN_ACK_SENT);
                } else {
                    endpoint.setState(TCP_SYN_SENT);
                }
                if (config.tcpAttemptDelay() != 0) {
                    conn.addAnalyzerTimer(t + config.tcpAttemptDelay(), true, now -> attemptTimer());
                }
            } else {
                if (ack) {
                    if (peer.state != TCP_INACTIVE && peer.state != TCP_PARTIAL
                            && !seqBetween(ackSeq, peer.startSeq32(), peer.lastSeq)) {
                        weird("bad_SYN_ack");
                    }
                } else if (peer.state == TCP_SYN_ACK_SENT && baseSeq == endpoint.startSeq32()) {
                    // the originator sent the SYN-ACK: the roles were the other way round
                    isPartial = false;
                    conn.flipRoles();
                    peer.setState(TCP_ESTABLISHED);
                    setFirstPacketSeen(true);
                } else {
                    weird("simultaneous_open");
                }
                if (peer.state == TCP_SYN_SENT) peer.setState(TCP_ESTABLISHED);
                else if (peer.state == TCP_INACTIVE) weird("unsolicited_SYN_response");
                endpoint.setState(TCP_ESTABLISHED);
            }
        }
        if (fin) {
            endpoint.setState(TCP_CLOSED);
            close[0] = close[1] = true;
            if (peer.state != TCP_PARTIAL && !syn) weird("spontaneous_FIN");
        }
        if (rst) {
            endpoint.setState(TCP_RESET);
            boolean isReject = isOrig ? peer.state == TCP_ESTABLISHED
                    : peer.state == TCP_SYN_SENT || peer.state == TCP_SYN_ACK_SENT;
            close[0] = true;
            close[1] = !isReject;
            if (!isReject && peer.state == TCP_INACTIVE) {
                weird("spontaneous_RST");
            }
        }
        if (endpoint.state == TCP_INACTIVE) { // no control flag changed the state
            if (!isOrig && len == 0 && orig.state == TCP_SYN_SENT) {
                // a pure ACK from the responder while the SYN is pending: wait
            } else if (ack && peer.state == TCP_ESTABLISHED) {
                endpoint.setState(TCP_ESTABLISHED);
                isPartial = false;
                setFirstPacketSeen(isOrig);
            } else {
                endpoint.setState(TCP_PARTIAL);
            }
        }
    }

    private void updateSynSent(TcpEndpoint endpoint, TcpEndpoint peer, int len, boolean isOrig, boolean syn,
                               boolean fin, boolean rst, boolean ack, boolean[] close) {
        if (syn) {
            if (isOrig) {
                if (ack && !fin && !rst && endpoint.state != TCP_SYN_ACK_SENT) weird("repeated_SYN_with_ack");
            } else if (!ack && endpoint.state != TCP_SYN_SENT) {
                weird("repeated_SYN_reply_wo_ack");
            }
        }
        if (fin) {
            if (peer.state == TCP_INACTIVE || peer.state == TCP_SYN_SENT) weird("inappropriate_FIN");
            endpoint.setState(TCP_CLOSED);
            close[0] = close[1] = true;
        }
        if (rst) {
            endpoint.setState(TCP_RESET);
            connectionReset();
            close[0] = true;
        } else if (len > 0) {
            weird("data_before_established");
        }
    }

    private void updateEstablished(TcpEndpoint endpoint, TcpEndpoint peer, boolean syn, boolean fin, boolean rst,
                                   boolean ack, boolean[] close) {
        if (syn && endpoint.state == TCP_PARTIAL && peer.state == TCP_INACTIVE && !ack) {
            weird("SYN_after_partial");
            endpoint.setState(TCP_SYN_SENT);
        }
        if (fin && !rst) {
            endpoint.setState(TCP_CLOSED);
            if (peer.state == TCP_RESET && peer.prevState == TCP_CLOSED) peer.setState(TCP_CLOSED);
            close[0] = close[1] = true;
        }
        if (rst) {
            endpoint.setState(TCP_RESET);
            close[0] = true;
            if (peer.state != TCP_RESET || peer.prevState != TCP_ESTABLISHED) connectionReset();
        }
    }

    private void updateClosed(double t, TcpEndpoint endpoint, int deltaLast, boolean syn, boolean fin, boolean rst,
                              boolean[] close) {
        if (syn) weird("SYN_after_close");
        if (fin && deltaLast > 0) weird("FIN_advanced_last_seq");
        if (rst && endpoint.peer.state != TCP_CLOSED) {
            endpoint.setState(TCP_RESET);
            if (!endpoint.didClose) close[0] = true;
            // Zeek arms its reset timer only when connection_reset has a handler; none of its
            // scripts has one
        }
    }

    private void updateReset(int len, boolean syn, boolean fin, boolean rst) {
        if (syn) weird("SYN_after_reset");
        if (fin) weird("FIN_after_reset");
        if (len > 0 && !rst) weird("data_after_reset");
    }

    private static boolean seqBetween(long seq, long low, long high) {
        return seqDelta(seq, low) >= 0 && seqDelta(seq, high) <= 0;
    }

    // --- closing and timers -------------------------------------------------------------------

    private void connectionClosed(TcpEndpoint endpoint, TcpEndpoint peer, boolean genEvent) {
        if (endpoint.dataPending()) {
            closeDeferred = true;
            if (!deferredGenEvent) deferredGenEvent = genEvent;
            return;
        }
        closeDeferred = false;
        if (endpoint.didClose) return; // nothing new to report
        endpoint.didClose = true;
        boolean closeComplete = endpoint.state == TCP_RESET || peer.didClose || peer.state == TCP_INACTIVE;
        if (closeComplete) {
            if (endpoint.prevState != TCP_INACTIVE || peer.state != TCP_INACTIVE) {
                if (deferredGenEvent) {
                    genEvent = true;
                    deferredGenEvent = false;
                }
                if (genEvent) isActive = false; // connection_finished / connection_half_finished
            }
            conn.cancelAnalyzerTimers();
            if (config.tcpCloseDelay() != 0) {
                conn.addAnalyzerTimer(conn.lastTime + config.tcpCloseDelay(), false, now -> conn.remove());
            } else {
                conn.addAnalyzerTimer(conn.lastTime, false, now -> conn.remove());
            }
        } else if (endpoint.prevState != TCP_INACTIVE) {
            // (a first-time close from this side would arm the partial-close timer, but Zeek only
            // does so when connection_partial_close has a handler, and the base scripts have none)
            conn.addAnalyzerTimer(conn.lastTime + config.tcpSessionTimer(), false, this::expireTimer);
        }
    }

    /** All of one side's data arrived after its FIN or RST (Zeek's {@code EndpointEOF}). */
    void endpointEof(TcpEndpoint endpoint) {
        if (closeDeferred) {
            if (endpoint.dataPending() && bothClosed()) weird("pending_data_when_closed");
            connectionClosed(endpoint, endpoint.peer, deferredGenEvent);
            closeDeferred = false;
        }
    }

    private boolean bothClosed() {
        return orig.didClose && resp.didClose;
    }

    private void connectionReset() {
        isActive = false;
    }

    private void attemptTimer() {
        if (!isActive) return;
        if ((orig.state == TCP_SYN_SENT || orig.state == TCP_SYN_ACK_SENT) && resp.state == TCP_INACTIVE) {
            isActive = false;
            conn.remove();
        }
    }

    private void expireTimer(double t) {
        if (!isActive) return;
        if (conn.lastTime + config.tcpConnectionLinger() < t) {
            if (orig.didClose || resp.didClose) {
                if ((orig.didClose && resp.didClose) || orig.state == TCP_RESET || resp.state == TCP_RESET
                        || orig.state == TCP_INACTIVE || resp.state == TCP_INACTIVE) {
                    isActive = false;
                    conn.remove();
                    return;
                }
            }
            if (resp.state == TCP_INACTIVE && orig.state == TCP_INACTIVE) {
                conn.remove();
                return;
            }
        }
        conn.addAnalyzerTimer(t + config.tcpSessionTimer(), false, this::expireTimer);
    }

    @Override
    public void flipRoles() {
        TcpEndpoint t = resp;
        resp = orig;
        orig = t;
        orig.isOrig = !orig.isOrig;
        resp.isOrig = !resp.isOrig;
        firstPacketSeen = ((firstPacketSeen & ORIG) != 0 ? RESP : 0) | ((firstPacketSeen & RESP) != 0 ? ORIG : 0);
        isPartial = false;
    }

    /** Zeek's {@code IsReuse}: does this SYN start a new connection on the same tuple? */
    @Override
    public boolean isReuse(Connection c, Packet p) {
        int flags = p.tcpFlags;
        if ((flags & Packet.SYN) == 0) return false;
        TcpEndpoint connOrig = orig;
        if ((flags & Packet.ACK) != 0) {
            if (orig.state != TCP_INACTIVE) return false;
            connOrig = resp;
        }
        if (!isClosed()) {
            long baseSeq = p.seq;
            if (baseSeq == connOrig.startSeq32()) return false;
            if ((flags & Packet.ACK) == 0 && connOrig.state == TCP_SYN_ACK_SENT && resp.state == TCP_INACTIVE
                    && baseSeq == resp.startSeq32()) {
                return false;
            }
            if (connOrig.state == TCP_SYN_SENT) weird("SYN_seq_jump");
            else weird("active_connection_reuse");
        } else if ((orig.isActive() || resp.isActive()) && orig.state != TCP_RESET && resp.state != TCP_RESET) {
            weird("active_connection_reuse");
        } else if (p.ts - c.lastTime < config.tcpConnectionLinger() && orig.state != TCP_RESET
                && resp.state != TCP_RESET) {
            weird("premature_connection_reuse");
        }
        return true;
    }

    /** Zeek's {@code IsClosed}: either side closed. */
    private boolean isClosed() {
        return orig.didClose || resp.didClose;
    }
}
