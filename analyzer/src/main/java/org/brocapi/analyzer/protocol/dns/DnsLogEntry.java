package org.brocapi.analyzer.protocol.dns;

import java.util.List;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of dns.log (Zeek's {@code DNS::Info}), columns in Zeek's order. */
public record DnsLogEntry(
        /* The earliest time at which a DNS protocol message over the associated connection is observed. */
        @Column(type = ZeekType.TIME) double ts,
        /* A unique identifier of the connection over which DNS messages are being transferred. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* The transport layer protocol of the connection. */
        @Column(type = ZeekType.ENUM) String proto,
        /* A 16-bit identifier assigned by the program that generated the DNS query. */
        Long transId,
        /* Round trip time for the query and response. */
        @Column(type = ZeekType.INTERVAL) Double rtt,
        /* The domain name that is the subject of the DNS query. */
        byte[] query,
        /* The QCLASS value specifying the class of the query. */
        Long qclass,
        /* A descriptive name for the class of the query. */
        String qclassName,
        /* A QTYPE value specifying the type of the query. */
        Long qtype,
        /* A descriptive name for the type of the query. */
        String qtypeName,
        /* The response code value in DNS response messages. */
        Long rcode,
        /* A descriptive name for the response code value. */
        String rcodeName,
        /* The Authoritative Answer bit for response messages. */
        @Column(name = "AA") boolean aa,
        /* The Truncation bit: the message was truncated. */
        @Column(name = "TC") boolean tc,
        /* The Recursion Desired bit in a request message. */
        @Column(name = "RD") boolean rd,
        /* The Recursion Available bit in a response message. */
        @Column(name = "RA") boolean ra,
        /* A reserved field that is usually zero in queries and responses. */
        @Column(name = "Z") long z,
        /* The set of resource descriptions in the query answer. */
        @Column(type = ZeekType.VECTOR) List<byte[]> answers,
        /* The caching intervals of the associated RRs described by the answers field. */
        @Column(name = "TTLs", type = ZeekType.VECTOR, element = ZeekType.INTERVAL) List<Double> ttls,
        /* The DNS query was rejected by the server. */
        boolean rejected) {
}
