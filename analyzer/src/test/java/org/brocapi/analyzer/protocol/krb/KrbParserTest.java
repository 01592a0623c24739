package org.brocapi.analyzer.protocol.krb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KrbParserTest {
    // hand-built AS-REQ skeleton (RFC 4120 §5.4.1): [APPLICATION 10] SEQUENCE { pvno [1] 5, msg-type [2] 10,
    // req-body [4] SEQUENCE { NULL } }
    private static final byte[] AS_REQ = Hex.bytes("6a12 3010 a103020105 a20302010a a404 3002 0500");

    @TempDir
    Path dir;

    private static int type(byte[] b) {
        return KrbParser.messageType(b, 0, b.length);
    }

    @Test
    void wellFormedMessageGivesItsType() {
        assertThat(type(AS_REQ)).isEqualTo(10);
        // the same with a long-form length on the outer tag
        assertThat(type(Hex.bytes("6a8112 3010 a103020105 a20302010a a404 3002 0500"))).isEqualTo(10);
    }

    @Test
    void unknownApplicationTagOrBrokenNestingIsNotKerberos() {
        assertThat(type(Hex.bytes("6112 3010 a103020105 a20302010a a404 3002 0500"))).isEqualTo(-1);
        assertThat(type(Hex.bytes("6a12 3010 a103020105 a20302010a a404 3009 0500"))).isEqualTo(-1);
        assertThat(type(Hex.bytes("6a"))).isEqualTo(-1);
        assertThat(type(new byte[0])).isEqualTo(-1);
    }

    @Test
    void tcpRecordConfirmsKrbTcp() {
        byte[] record = new byte[4 + AS_REQ.length];
        record[3] = (byte) AS_REQ.length;
        System.arraycopy(AS_REQ, 0, record, 4, AS_REQ.length);
        var r = new AnalyzerHarness().tcpOpen("10.0.0.1", 40000, "10.0.0.2", 88)
                .tcp("10.0.0.1", 40000, "10.0.0.2", 88, true, record)
                .run(dir, "base/protocols/conn", "base/protocols/krb");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("krb_tcp");
    }

    @Test
    void garbageRecordOnPort88LeavesNoService() {
        var r = new AnalyzerHarness().tcpOpen("10.0.0.1", 40000, "10.0.0.2", 88)
                .tcp("10.0.0.1", 40000, "10.0.0.2", 88, true, Hex.bytes("00000004 deadbeef"))
                .run(dir, "base/protocols/conn", "base/protocols/krb");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
    }
}
