package org.brocapi.analyzer.protocol.dns;

import java.util.List;

/**
 * One parsed DNS message (RFC 1035 §4.1) as far as Zeek parses it by default: header, question
 * section and answer section (Zeek's {@code dns_skip_all_auth}/{@code dns_skip_all_addl} leave
 * the other sections unparsed). Names are lower-cased bytes without the trailing dot.
 *
 * @param questionsComplete every question parsed (Zeek then goes on to the answers)
 * @param answersComplete   every answer parsed as well: the message confirms the protocol
 * @param weirds            anomalies found, with Zeek's weird names, in order
 * @param violation         a protocol violation reason found while parsing, or null
 */
public record DnsMessage(int id, boolean qr, int opcode, boolean aa, boolean tc, boolean rd, boolean ra, int z,
                         int rcode, int qdCount, int anCount, int nsCount, int arCount,
                         boolean tooManyQueries, List<Question> questions, boolean questionsComplete,
                         List<Answer> answers, boolean answersComplete, List<Weird> weirds, String violation) {

    public record Question(byte[] name, int qtype, int qclass) { }

    public record Answer(byte[] name, int type, int rrClass, long ttl, Rdata rdata) { }

    public record Weird(String name, String addl) { }

    /** The RDATA fields dns.log uses, per RR type; {@link NoReply} for types without a dns.log answer. */
    public sealed interface Rdata {
    }

    /** A, AAAA, A6: 4 or 16 address bytes. */
    public record Address(byte[] addr) implements Rdata { }

    /** NS, CNAME, PTR, MX, SRV (target), SOA (mname). */
    public record Name(byte[] name) implements Rdata { }

    /** TXT or SPF character-strings. */
    public record Texts(List<byte[]> strings, boolean spf) implements Rdata { }

    public record Naptr(int order, int preference, byte[] flags, byte[] service, byte[] regexp,
                        byte[] replacement) implements Rdata { }

    public record Rrsig(int typeCovered, byte[] signer) implements Rdata { }

    public record Dnskey(int algorithm) implements Rdata { }

    public record Nsec(byte[] next) implements Rdata { }

    public record Ds(int algorithm, int digestType) implements Rdata { }

    public record Sshfp(byte[] fingerprint) implements Rdata { }

    public record Loc(int size, int horizPre, int vertPre) implements Rdata { }

    /** The reply has a fixed text in dns.log (WKS "", NSEC3, NSEC3PARAM, BIND9 signing signal). */
    public record Fixed(String text) implements Rdata { }

    /** A type Zeek does not know: dns.log says {@code <unknown type=N>}. */
    public record Unknown() implements Rdata { }

    /** Parsed, but no dns.log answer (HINFO, CAA, OPT, TKEY, TSIG, SVCB, HTTPS, NB, NBSTAT). */
    public record NoReply() implements Rdata { }
}
