package org.brocapi.analyzer.protocol.dhcp;

import java.util.List;

/**
 * One DHCP/BOOTP message as Zeek's {@code DHCP::Msg} and {@code DHCP::Options} carry it, limited
 * to what dhcp.log reads. {@code yiaddr} is 4 bytes; {@code chaddr} is already formatted as Zeek's
 * {@code fmt_mac} does; {@code type} is the first message-type option (53), 0 when absent.
 * {@code relaySumLen} is the relay-agent byte sum the flow carries into its next message.
 */
public record DhcpMessage(int op, long xid, byte[] yiaddr, String chaddr, long cookie, int type,
        Options options, int relaySumLen) {
    /** RFC 2131 §3: the options field starts with 99.130.83.99. */
    public static final long MAGIC_COOKIE = 0x63825363L;

    /**
     * The options dhcp.log uses; null when absent. A repeated option overwrites the earlier one,
     * as Zeek assigns the record field again.
     */
    public record Options(byte[] message, byte[] hostName, byte[] clientFqdn, Integer clientIdType,
            String clientIdAddr, byte[] addrRequest, byte[] domainName, Long lease, List<SubOption> subOptions) {
    }

    /** One relay agent sub-option (RFC 3046 §2.0): 1 circuit id, 2 remote id, 6 subscriber id (RFC 3993). */
    public record SubOption(int code, byte[] value) {
    }
}
