package org.brocapi.analyzer.protocol;

import java.util.List;

import org.brocapi.analyzer.protocol.dcerpc.DceRpcProtocol;
import org.brocapi.analyzer.protocol.dhcp.DhcpProtocol;
import org.brocapi.analyzer.protocol.dns.DnsProtocol;
import org.brocapi.analyzer.protocol.gssapi.GssapiProtocol;
import org.brocapi.analyzer.protocol.http.HttpProtocol;
import org.brocapi.analyzer.protocol.ldap.LdapProtocol;
import org.brocapi.analyzer.protocol.ntlm.NtlmProtocol;
import org.brocapi.analyzer.protocol.ntp.NtpProtocol;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlProtocol;
import org.brocapi.analyzer.protocol.quic.QuicProtocol;
import org.brocapi.analyzer.protocol.ssh.SshProtocol;
import org.brocapi.analyzer.protocol.ssl.SslProtocol;
import org.brocapi.analyzer.protocol.websocket.WebSocketProtocol;

/** Every application protocol the analyzer knows, in one list. Adding a protocol adds one line here. */
public final class Protocols {
    public static final List<Protocol> ALL = List.of(
            DnsProtocol.INSTANCE,
            DhcpProtocol.INSTANCE,
            DceRpcProtocol.INSTANCE,
            GssapiProtocol.INSTANCE,
            HttpProtocol.INSTANCE,
            NtlmProtocol.INSTANCE,
            NtpProtocol.INSTANCE,
            SshProtocol.INSTANCE,
            SslProtocol.INSTANCE,
            QuicProtocol.INSTANCE,
            PostgresqlProtocol.INSTANCE,
            LdapProtocol.TCP,
            LdapProtocol.UDP,
            WebSocketProtocol.INSTANCE);

    private Protocols() { }
}
