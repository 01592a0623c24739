package org.brocapi.analyzer.protocol;

import java.util.List;

import org.brocapi.analyzer.protocol.dhcp.DhcpProtocol;
import org.brocapi.analyzer.protocol.dns.DnsProtocol;
import org.brocapi.analyzer.protocol.ftp.FtpProtocol;
import org.brocapi.analyzer.protocol.http.HttpProtocol;
import org.brocapi.analyzer.protocol.irc.IrcProtocol;
import org.brocapi.analyzer.protocol.krb.KrbTcpProtocol;
import org.brocapi.analyzer.protocol.ntp.NtpProtocol;
import org.brocapi.analyzer.protocol.pop3.Pop3Protocol;
import org.brocapi.analyzer.protocol.smtp.SmtpProtocol;
import org.brocapi.analyzer.protocol.socks.SocksProtocol;
import org.brocapi.analyzer.protocol.ssh.SshProtocol;
import org.brocapi.analyzer.protocol.xmpp.XmppProtocol;

/** Every application protocol the analyzer knows, in one list. Adding a protocol adds one line here. */
public final class Protocols {
    public static final List<Protocol> ALL = List.of(
            DnsProtocol.INSTANCE,
            DhcpProtocol.INSTANCE,
            FtpProtocol.INSTANCE,
            HttpProtocol.INSTANCE,
            IrcProtocol.INSTANCE,
            KrbTcpProtocol.INSTANCE,
            NtpProtocol.INSTANCE,
            Pop3Protocol.INSTANCE,
            SmtpProtocol.INSTANCE,
            SocksProtocol.INSTANCE,
            SshProtocol.INSTANCE,
            XmppProtocol.INSTANCE);

    private Protocols() { }
}
