package org.brocapi.analyzer.protocol.socks;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of socks.log (Zeek's {@code SOCKS::Info}): one proxy session. */
public record SocksLogEntry(
        /* Network time of the session's first SOCKS message. */
        @Column(type = ZeekType.TIME) double ts,
        /* The proxy connection's uid. */
        String uid,
        /* The proxy connection's endpoints. */
        ConnId id,
        /* 4 or 5. */
        @Column(type = ZeekType.COUNT) long version,
        /* The user name of a SOCKS5 username/password login (RFC 1929). */
        String user,
        /* Its password, only with SOCKS::default_capture_password. */
        String password,
        /* The server's answer, in words (consts.zeek's v4_status / v5_status). */
        String status,
        /* Where the client asked to be connected. */
        Address request,
        /* The port it asked for. */
        @Column(type = ZeekType.PORT) Integer requestP,
        /* The address the server bound for it. */
        Address bound,
        /* The bound port. */
        @Column(type = ZeekType.PORT) Integer boundP) {

    /** Zeek's {@code SOCKS::Address}: an address, a name, or both. */
    public record Address(
            /* An IP address (SOCKS4, SOCKS5 address types 1 and 4). */
            @Column(type = ZeekType.ADDR) byte[] host,
            /* A host name (SOCKS4a, SOCKS5 address type 3). */
            String name) {
    }
}
