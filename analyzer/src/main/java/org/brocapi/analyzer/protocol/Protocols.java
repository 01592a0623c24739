package org.brocapi.analyzer.protocol;

import java.util.List;

import org.brocapi.analyzer.protocol.dcerpc.DceRpcProtocol;
import org.brocapi.analyzer.protocol.dhcp.DhcpProtocol;
import org.brocapi.analyzer.protocol.dns.DnsProtocol;
import org.brocapi.analyzer.protocol.ftp.FtpProtocol;
import org.brocapi.analyzer.protocol.gssapi.GssapiProtocol;
import org.brocapi.analyzer.protocol.http.HttpProtocol;
import org.brocapi.analyzer.protocol.irc.IrcProtocol;
import org.brocapi.analyzer.protocol.krb.KrbTcpProtocol;
import org.brocapi.analyzer.protocol.ldap.LdapProtocol;
import org.brocapi.analyzer.protocol.ntlm.NtlmProtocol;
import org.brocapi.analyzer.protocol.ntp.NtpProtocol;
import org.brocapi.analyzer.protocol.pop3.Pop3Protocol;
import org.brocapi.analyzer.protocol.postgresql.PostgresqlProtocol;
import org.brocapi.analyzer.protocol.quic.QuicProtocol;
import org.brocapi.analyzer.protocol.smb.SmbProtocol;
import org.brocapi.analyzer.protocol.smtp.SmtpProtocol;
import org.brocapi.analyzer.protocol.socks.SocksProtocol;
import org.brocapi.analyzer.protocol.ssh.SshProtocol;
import org.brocapi.analyzer.protocol.ssl.SslProtocol;
import org.brocapi.analyzer.protocol.websocket.WebSocketProtocol;
import org.brocapi.analyzer.protocol.xmpp.XmppProtocol;

/** Every application protocol the analyzer knows, in one list. Adding a protocol adds one line here. */
public final class Protocols {
    public static final List<Protocol> ALL = List.of(
            DnsProtocol.INSTANCE,
            DhcpProtocol.INSTANCE,
            DceRpcProtocol.INSTANCE,
            FtpProtocol.INSTANCE,
            GssapiProtocol.INSTANCE,
            HttpProtocol.INSTANCE,
            IrcProtocol.INSTANCE,
            KrbTcpProtocol.INSTANCE,
            NtlmProtocol.INSTANCE,
            NtpProtocol.INSTANCE,
            Pop3Protocol.INSTANCE,
            SmbProtocol.INSTANCE,
            SmtpProtocol.INSTANCE,
            SocksProtocol.INSTANCE,
            SshProtocol.INSTANCE,
            SslProtocol.INSTANCE,
            QuicProtocol.INSTANCE,
            PostgresqlProtocol.INSTANCE,
            LdapProtocol.TCP,
            LdapProtocol.UDP,
            WebSocketProtocol.INSTANCE,
            XmppProtocol.INSTANCE);

    private Protocols() { }
}
