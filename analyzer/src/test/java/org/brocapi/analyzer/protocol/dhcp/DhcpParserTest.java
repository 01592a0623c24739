package org.brocapi.analyzer.protocol.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

class DhcpParserTest {
    /**
     * BOOTP header (RFC 2131 §2): op, Ethernet, xid, yiaddr and chaddr (zero-padded to 16 bytes)
     * as given, other fields zero, sname and file empty (192 bytes), then the magic cookie.
     */
    static String header(int op, String xid, String yiaddr, String chaddr) {
        return String.format("%02x 01 06 00", op) + xid + " 0000 0000 00000000" + yiaddr + " 00000000 00000000"
                + chaddr + "00".repeat(16 - chaddr.length() / 2) + "00".repeat(192) + " 63825363";
    }

    static final String MAC = "00163e1a2b3c";

    // DISCOVER from 00:16:3e:1a:2b:3c: type 1, host name "host", requested 192.168.1.100,
    // client id (hw type 1 + MAC), parameter request list (3 codes), end
    static final String DISCOVER = header(1, "3903f326", "00000000", MAC)
            + "35 01 01"
            + "0c 04 686f7374"
            + "32 04 c0a80164"
            + "3d 07 01 00163e1a2b3c"
            + "37 03 01 03 06"
            + "ff";

    // ACK for it: yiaddr 192.168.1.100, type 5, server id, lease 3600 s, domain "lan\0", end
    static final String ACK = header(2, "3903f326", "c0a80164", MAC)
            + "35 01 05"
            + "36 04 c0a80101"
            + "33 04 00000e10"
            + "0f 04 6c616e00"
            + "ff";

    private static DhcpMessage parse(String hex) {
        byte[] b = Hex.bytes(hex);
        return DhcpParser.parse(b, 0, b.length);
    }

    private static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void discoverCarriesTheClientOptions() {
        DhcpMessage m = parse(DISCOVER);
        assertThat(m.op()).isEqualTo(1);
        assertThat(m.xid()).isEqualTo(0x3903f326L);
        assertThat(m.cookie()).isEqualTo(DhcpMessage.MAGIC_COOKIE);
        assertThat(m.type()).isEqualTo(1);
        assertThat(m.chaddr()).isEqualTo("00:16:3e:1a:2b:3c");
        assertThat(s(m.options().hostName())).isEqualTo("host");
        assertThat(m.options().addrRequest()).containsExactly(192, 168, 1, 100);
        assertThat(m.options().clientIdType()).isEqualTo(1);
        assertThat(m.options().clientIdAddr()).isEqualTo("00:16:3e:1a:2b:3c");
        assertThat(m.options().lease()).isNull();
    }

    @Test
    void ackCarriesLeaseDomainAndAddress() {
        DhcpMessage m = parse(ACK);
        assertThat(m.type()).isEqualTo(5);
        assertThat(m.yiaddr()).containsExactly(192, 168, 1, 100);
        assertThat(m.options().lease()).isEqualTo(3600L);
        assertThat(s(m.options().domainName())).isEqualTo("lan"); // trailing NUL dropped
    }

    @Test
    void aOneByteDomainNameIsEmptyAsInZeek() {
        DhcpMessage m = parse(header(2, "00000001", "00000000", MAC) + "35 01 05 0f 01 78 ff");
        assertThat(m.options().domainName()).isEmpty();
    }

    @Test
    void chaddrWithNonZeroBytesSixAndSevenIsEui64() {
        DhcpMessage m = parse(header(1, "00000001", "00000000", "0011223344556677") + "35 01 01 ff");
        assertThat(m.chaddr()).isEqualTo("00:11:22:33:44:55:66:77");
    }

    @Test
    void anAddressOptionTakesFourBytesWhateverItsLengthSays() {
        // option 50 claims length 0 but the grammar reads a uint32, then the end option follows
        DhcpMessage m = parse(header(1, "00000001", "00000000", MAC) + "35 01 03 32 00 0a000001 ff");
        assertThat(m.options().addrRequest()).containsExactly(10, 0, 0, 1);
    }

    @Test
    void relayAgentSubOptionsAndTheCarriedByteSum() {
        // option 82, length 9: circuit id "ab" (4 bytes), remote id "xyz" (5 bytes)
        String msg = header(2, "00000001", "00000000", MAC) + "35 01 05 52 09 01 02 6162 02 03 78797a ff";
        byte[] b = Hex.bytes(msg);
        DhcpMessage m = DhcpParser.parse(b, 0, b.length, 0);
        assertThat(m.options().subOptions()).hasSize(2);
        assertThat(m.options().subOptions().get(0).code()).isEqualTo(1);
        assertThat(s(m.options().subOptions().get(0).value())).isEqualTo("ab");
        assertThat(s(m.options().subOptions().get(1).value())).isEqualTo("xyz");
        assertThat(m.relaySumLen()).isEqualTo(9);
        // Zeek never resets the flow's sum: on the same flow the next option overruns and fails
        assertThat(DhcpParser.parse(b, 0, b.length, m.relaySumLen())).isNull();
    }

    @Test
    void missingMessageTypeGivesTypeZero() {
        assertThat(parse(header(1, "00000001", "00000000", MAC) + "0c 01 61 ff").type()).isZero();
    }

    @Test
    void optionsWithoutEndOptionAreAParseError() {
        assertThat(parse(header(1, "00000001", "00000000", MAC) + "35 01 01")).isNull();
    }

    @Test
    void everyTruncationIsNullAndGarbageNeverThrows() {
        byte[] full = Hex.bytes(DISCOVER);
        for (int n = 0; n < full.length; n++) assertThat(DhcpParser.parse(full, 0, n)).isNull();
        var rnd = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = Arrays.copyOf(full, full.length);
            for (int k = 0; k < 8; k++) b[240 + rnd.nextInt(b.length - 240)] = (byte) rnd.nextInt(256);
            DhcpParser.parse(b, 0, rnd.nextInt(b.length + 1), rnd.nextInt(256));
        }
    }

    @Test
    void messageTypeNamesFollowConstsZeek() {
        assertThat(DhcpCodes.messageType(1)).isEqualTo("DISCOVER");
        assertThat(DhcpCodes.messageType(18)).isEqualTo("TLS");
        assertThat(DhcpCodes.messageType(0)).isEqualTo("unknown-message-type-0");
        assertThat(DhcpCodes.messageType(200)).isEqualTo("unknown-message-type-200");
    }
}
