package org.brocapi.analyzer.conn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnTrackerTest {
    private static final String C = "10.0.0.1", S = "192.0.2.80";

    @Test
    void completeHandshakeDataAndCloseIsSF() {
        var h = new ConnHarness()
                .tcp(1.0, C, 40000, S, 80, "S", 1000, 0, 0)
                .tcp(1.1, S, 80, C, 40000, "SA", 5000, 1001, 0)
                .tcp(1.2, C, 40000, S, 80, "A", 1001, 5001, 0)
                .tcp(1.3, C, 40000, S, 80, "PA", 1001, 5001, 100)
                .tcp(1.35, S, 80, C, 40000, "A", 5001, 1101, 0)
                .tcp(1.4, S, 80, C, 40000, "PA", 5001, 1101, 300)
                .tcp(1.5, C, 40000, S, 80, "FA", 1101, 5301, 0)
                .tcp(1.6, S, 80, C, 40000, "FA", 5301, 1102, 0)
                .tcp(1.7, C, 40000, S, 80, "A", 1102, 5302, 0)
                .end();
        ConnLogEntry r = h.row(0);
        assertThat(r.connState()).isEqualTo("SF");
        assertThat(r.history()).isEqualTo("ShADadFf");
        assertThat(r.origBytes()).isEqualTo(100);
        assertThat(r.respBytes()).isEqualTo(300);
        assertThat(r.origPkts()).isEqualTo(5);
        assertThat(r.respPkts()).isEqualTo(4);
        assertThat(r.origIpBytes()).isEqualTo(5 * 40 + 100);
        // the last ACK comes after both FINs: Zeek stops moving last_time once both sides closed
        assertThat(r.duration()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.localOrig()).isTrue();
        assertThat(r.localResp()).isTrue(); // 192.0.2.0/24 is TEST-NET-1, in private_address_space
    }

    @Test
    void unansweredSynIsS0AndRemovedByTheAttemptTimer() {
        var h = new ConnHarness()
                .tcp(1.0, C, 40001, S, 80, "S", 1, 0, 0)
                .tcp(2.0, C, 40001, S, 80, "S", 1, 0, 0)   // retransmitted SYN: same number, no new letter
                .tcp(7.0, C, 40002, S, 80, "S", 9, 0, 0);  // at 7 s the first attempt (1 s + 5 s) has expired
        assertThat(h.rows).hasSize(1);
        assertThat(h.row(0).uid()).isEqualTo("C1");
        assertThat(h.row(0).connState()).isEqualTo("S0");
        assertThat(h.row(0).history()).isEqualTo("S");
        assertThat(h.row(0).origPkts()).isEqualTo(2);
        assertThat(h.row(0).origBytes()).isEqualTo(0);
        h.end();
        assertThat(h.rows).hasSize(2);
    }

    @Test
    void synAnsweredByResetIsREJ() {
        var h = new ConnHarness()
                .tcp(1.0, C, 40000, S, 81, "S", 1, 0, 0)
                .tcp(1.1, S, 81, C, 40000, "RA", 0, 2, 0)
                .end();
        assertThat(h.row(0).connState()).isEqualTo("REJ");
        assertThat(h.row(0).history()).isEqualTo("Sr");
        assertThat(h.row(0).origBytes()).isEqualTo(0);
        assertThat(h.row(0).respBytes()).isEqualTo(0);
    }

    @Test
    void connectionStartingWithSynAckFlipsOnTheFirstAck() {
        // no likely server port on either side, so the SYN-ACK sender starts as originator
        var h = new ConnHarness()
                .tcp(1.0, S, 8443, C, 40000, "SA", 5000, 1001, 0)
                .tcp(1.1, C, 40000, S, 8443, "A", 1001, 5001, 0)
                .end();
        ConnLogEntry r = h.row(0);
        assertThat(r.history()).isEqualTo("^hA");
        assertThat(r.id().origP()).isEqualTo(40000);
        assertThat(r.id().respP()).isEqualTo(8443);
        // the SYN-ACK was counted for the originator of the time; the flip moves it to the responder
        assertThat(r.origPkts()).isEqualTo(1);
        assertThat(r.respPkts()).isEqualTo(1);
        assertThat(r.respIpBytes()).isEqualTo(40);
    }

    @Test
    void midstreamDataFromServerPortIsFlippedAtCreation() {
        var h = new ConnHarness()
                .tcp(1.0, S, 80, C, 40000, "PA", 5000, 1000, 10)
                .end();
        ConnLogEntry r = h.row(0);
        assertThat(r.id().origP()).isEqualTo(40000);
        assertThat(r.history()).isEqualTo("^d");
        assertThat(r.connState()).isEqualTo("OTH");
    }

    @Test
    void retransmittedDataIsCountedAsT() {
        var h = new ConnHarness()
                .tcp(1.0, C, 40000, S, 80, "S", 1000, 0, 0)
                .tcp(1.1, S, 80, C, 40000, "SA", 5000, 1001, 0)
                .tcp(1.2, C, 40000, S, 80, "PA", 1001, 5001, 100)
                .tcp(1.3, C, 40000, S, 80, "PA", 1001, 5001, 100)
                .end();
        assertThat(h.row(0).history()).isEqualTo("ShDT");
        assertThat(h.row(0).connState()).isEqualTo("S1");
    }

    @Test
    void ackAboveAHoleIsAContentGap() {
        var h = new ConnHarness()
                .tcp(1.0, C, 40000, S, 80, "S", 1000, 0, 0)
                .tcp(1.1, S, 80, C, 40000, "SA", 5000, 1001, 0)
                .tcp(1.2, C, 40000, S, 80, "A", 1001, 5001, 0)
                .tcp(1.3, C, 40000, S, 80, "PA", 1101, 5001, 100)  // bytes 1..100 never seen
                .tcp(1.4, S, 80, C, 40000, "A", 5001, 1201, 0)
                .end();
        assertThat(h.row(0).missedBytes()).isEqualTo(100);
        assertThat(h.row(0).history()).isEqualTo("ShADaG");
    }

    @Test
    void udpRequestAndReplyIsSF() {
        var h = new ConnHarness()
                .udp(1.0, C, 5353, S, 53, 30)
                .udp(1.1, S, 53, C, 5353, 60)
                .end();
        ConnLogEntry r = h.row(0);
        assertThat(r.connState()).isEqualTo("SF");
        assertThat(r.history()).isEqualTo("Dd");
        assertThat(r.origBytes()).isEqualTo(30);
        assertThat(r.respBytes()).isEqualTo(60);
        assertThat(r.proto()).isEqualTo("udp");
    }

    @Test
    void udpFromLikelyServerPortIsFlipped() {
        var h = new ConnHarness().udp(1.0, S, 53, C, 5353, 60).end();
        assertThat(h.row(0).id().origP()).isEqualTo(5353);
        assertThat(h.row(0).history()).isEqualTo("^d");
        assertThat(h.row(0).connState()).isEqualTo("SHR");
    }

    @Test
    void udpInactivityTimeoutEndsTheConnection() {
        var h = new ConnHarness()
                .udp(1.0, C, 5000, S, 6000, 10)
                .udp(62.0, C, 5000, S, 6000, 10); // 61 s later: the first connection timed out at 61 s
        assertThat(h.rows).hasSize(1);
        assertThat(h.row(0).duration()).isNull(); // a single packet has no duration
        assertThat(h.row(0).origBytes()).isNull();
    }

    @Test
    void icmpEchoRequestAndReplyShareAConnection() {
        var h = new ConnHarness()
                .icmp(1.0, C, S, 8, 0, 56)
                .icmp(1.1, S, C, 0, 0, 56)
                .end();
        assertThat(h.rows).hasSize(1);
        ConnLogEntry r = h.row(0);
        assertThat(r.id().origP()).isEqualTo(8);
        assertThat(r.id().respP()).isEqualTo(0);
        assertThat(r.connState()).isEqualTo("OTH");
        assertThat(r.proto()).isEqualTo("icmp");
        assertThat(r.origBytes()).isEqualTo(56);
        assertThat(r.respBytes()).isEqualTo(56);
    }

    @Test
    void remainingConnectionsAreFlushedInKeyOrderAtTheEnd() {
        var h = new ConnHarness()
                .udp(1.0, "10.0.0.9", 1000, S, 2000, 1)
                .udp(1.1, "10.0.0.2", 1000, S, 2000, 1)
                .end();
        assertThat(h.rows).extracting(ConnLogEntry::uid).containsExactly("C2", "C1");
    }
}
