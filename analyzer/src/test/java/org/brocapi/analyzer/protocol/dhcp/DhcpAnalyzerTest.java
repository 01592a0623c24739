package org.brocapi.analyzer.protocol.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.brocapi.analyzer.bytes.Hex;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DhcpAnalyzerTest {
    private static final String ANY = "0.0.0.0", BROADCAST = "255.255.255.255", SERVER = "192.168.1.1";
    private static final String MAC = DhcpParserTest.MAC;

    // OFFER and REQUEST of the transaction in DhcpParserTest
    private static final String OFFER = DhcpParserTest.header(2, "3903f326", "c0a80164", MAC)
            + "35 01 02 36 04 c0a80101 33 04 00000e10 ff";
    private static final String REQUEST = DhcpParserTest.header(1, "3903f326", "00000000", MAC)
            + "35 01 03 32 04 c0a80164 36 04 c0a80101 0c 04 686f7374 ff";

    @TempDir
    Path dir;

    private Path sub(String name) {
        try {
            return java.nio.file.Files.createDirectories(dir.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] b(String hex) {
        return Hex.bytes(hex);
    }

    @Test
    void oneTransactionAcrossTwoConnectionsIsOneRow() {
        var r = new AnalyzerHarness().step(0.5)
                .udp(ANY, 68, BROADCAST, 67, b(DhcpParserTest.DISCOVER))
                .udp(SERVER, 67, BROADCAST, 68, b(OFFER))
                .udp(ANY, 68, BROADCAST, 67, b(REQUEST))
                .udp(SERVER, 67, BROADCAST, 68, b(DhcpParserTest.ACK))
                .run(dir, "base/protocols/conn", "base/protocols/dhcp");
        var row = r.rows("dhcp");
        assertThat(row).hasSize(1);
        var d = row.get(0);
        assertThat(d.get("uids").split(",")).hasSize(2);
        assertThat(d.get("client_addr")).isEqualTo("192.168.1.100"); // the assigned address
        assertThat(d.get("server_addr")).isEqualTo(SERVER);
        assertThat(d.get("mac")).isEqualTo("00:16:3e:1a:2b:3c");
        assertThat(d.get("host_name")).isEqualTo("host");
        assertThat(d.get("domain")).isEqualTo("lan");
        assertThat(d.get("requested_addr")).isEqualTo("192.168.1.100");
        assertThat(d.get("assigned_addr")).isEqualTo("192.168.1.100");
        assertThat(d.get("lease_time")).isEqualTo("3600.000000");
        assertThat(d.get("msg_types")).isEqualTo("DISCOVER,OFFER,REQUEST,ACK");
        assertThat(d.get("duration")).isEqualTo("1.500000");
        assertThat(r.rows("conn")).allSatisfy(c -> assertThat(c.get("service")).isEqualTo("dhcp"));
    }

    @Test
    void aQuietTransactionIsWrittenBeforeALateMessageStartsANewRow() {
        var r = new AnalyzerHarness()
                .udp(ANY, 68, BROADCAST, 67, b(DhcpParserTest.DISCOVER))
                .pause(40)
                .udp(SERVER, 67, BROADCAST, 68, b(OFFER))
                .run(dir, "base/protocols/dhcp");
        var rows = r.rows("dhcp");
        assertThat(rows).extracting(m -> m.get("msg_types")).containsExactly("DISCOVER", "OFFER");
        assertThat(rows.get(0).get("duration")).isEqualTo("0.000000");
    }

    @Test
    void messagesWithinTheQuietTimeStayTogether() {
        var r = new AnalyzerHarness()
                .udp(ANY, 68, BROADCAST, 67, b(DhcpParserTest.DISCOVER))
                .pause(4)
                .udp(SERVER, 67, BROADCAST, 68, b(OFFER))
                .pause(4)
                .udp(ANY, 68, BROADCAST, 67, b(REQUEST))
                .run(dir, "base/protocols/dhcp");
        assertThat(r.rows("dhcp")).extracting(m -> m.get("msg_types")).containsExactly("DISCOVER,OFFER,REQUEST");
    }

    @Test
    void relayAgentColumnsOnlyWithSubOptsLoaded() {
        String ack = DhcpParserTest.header(2, "00000007", "c0a80164", MAC)
                + "35 01 05 52 0e 01 02 6162 02 03 78797a 06 03 737562 ff";
        var plain = new AnalyzerHarness().udp(SERVER, 67, "192.168.1.100", 68, b(ack))
                .run(sub("a"), "base/protocols/dhcp");
        assertThat(plain.rows("dhcp").get(0)).doesNotContainKey("circuit_id");
        var sub = new AnalyzerHarness().udp(SERVER, 67, "192.168.1.100", 68, b(ack))
                .run(sub("b"), "base/protocols/dhcp", "protocols/dhcp/sub-opts");
        var row = sub.rows("dhcp").get(0);
        assertThat(row.get("circuit_id")).isEqualTo("ab");
        assertThat(row.get("agent_remote_id")).isEqualTo("xyz");
        assertThat(row.get("subscriber_id")).isEqualTo("sub");
    }

    @Test
    void aBadCookieIsAViolationAndWritesNothing() {
        String bad = DhcpParserTest.DISCOVER.replace("63825363", "63825364");
        var r = new AnalyzerHarness()
                .udp(ANY, 68, BROADCAST, 67, b(bad))
                .run(dir, "base/protocols/conn", "base/protocols/dhcp");
        assertThat(r.has("dhcp")).isFalse();
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
    }
}
