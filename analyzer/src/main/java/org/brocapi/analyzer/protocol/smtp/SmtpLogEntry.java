package org.brocapi.analyzer.protocol.smtp;

import java.util.List;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of smtp.log (Zeek's {@code SMTP::Info}): main.zeek's columns, then files.zeek's fuids. */
public record SmtpLogEntry(
        /* Time when the message was first seen. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID for the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* A count to represent the depth of this message transaction in a single connection. */
        long transDepth,
        /* Contents of the Helo header. */
        byte[] helo,
        /* Email addresses found in the From header. */
        byte[] mailfrom,
        /* Email addresses found in the Rcpt header. */
        @Column(type = ZeekType.SET) List<byte[]> rcptto,
        /* Contents of the Date header. */
        byte[] date,
        /* Contents of the From header. */
        byte[] from,
        /* Contents of the To header. */
        @Column(type = ZeekType.SET) List<byte[]> to,
        /* Contents of the CC header. */
        @Column(type = ZeekType.SET) List<byte[]> cc,
        /* Contents of the ReplyTo header. */
        byte[] replyTo,
        /* Contents of the MsgID header. */
        byte[] msgId,
        /* Contents of the In-Reply-To header. */
        byte[] inReplyTo,
        /* Contents of the Subject header. */
        byte[] subject,
        /* Contents of the X-Originating-IP header. */
        @Column(name = "x_originating_ip", type = ZeekType.ADDR) byte[] xOriginatingIp,
        /* Contents of the first Received header. */
        byte[] firstReceived,
        /* Contents of the second Received header. */
        byte[] secondReceived,
        /* The last message that the server sent to the client. */
        byte[] lastReply,
        /* The message transmission path, as extracted from the headers. */
        @Column(type = ZeekType.VECTOR, element = ZeekType.ADDR) List<byte[]> path,
        /* Value of the User-Agent header from the client. */
        byte[] userAgent,
        /* Indicates that the connection has switched to using TLS. */
        boolean tls,
        /* An ordered vector of file unique IDs seen attached to the message. */
        @Column(type = ZeekType.VECTOR) List<String> fuids) {
}
