package org.brocapi.analyzer.protocol.dns;

import static java.util.Map.entry;

import java.util.Map;

/**
 * DNS wire codes and the names dns.log writes for them: Zeek's {@code DNS::query_types},
 * {@code DNS::classes} and {@code DNS::base_errors} (base/protocols/dns/consts.zeek), including
 * their {@code &default} fallbacks for codes without a name.
 */
public final class DnsCodes {
    // RR types the parser treats specially (RFC 1035 §3.2.2 and later RFCs)
    public static final int A = 1, NS = 2, CNAME = 5, SOA = 6, WKS = 11, PTR = 12, HINFO = 13, MX = 15, TXT = 16,
            AAAA = 28, LOC = 29, NBS = 32, SRV = 33, NAPTR = 35, A6 = 38, DS = 43, SSHFP = 44, RRSIG = 46,
            NSEC = 47, DNSKEY = 48, NSEC3 = 50, NSEC3PARAM = 51, SVCB = 64, HTTPS = 65, SPF = 99, EDNS = 41,
            TKEY = 249, TSIG = 250, CAA = 257, BINDS = 65534;

    private static final Map<Integer, String> QUERY_TYPES = Map.ofEntries(
            entry(1, "A"),
            entry(2, "NS"),
            entry(3, "MD"),
            entry(4, "MF"),
            entry(5, "CNAME"),
            entry(6, "SOA"),
            entry(7, "MB"),
            entry(8, "MG"),
            entry(9, "MR"),
            entry(10, "NULL"),
            entry(11, "WKS"),
            entry(12, "PTR"),
            entry(13, "HINFO"),
            entry(14, "MINFO"),
            entry(15, "MX"),
            entry(16, "TXT"),
            entry(17, "RP"),
            entry(18, "AFSDB"),
            entry(19, "X25"),
            entry(20, "ISDN"),
            entry(21, "RT"),
            entry(22, "NSAP"),
            entry(23, "NSAP-PTR"),
            entry(24, "SIG"),
            entry(25, "KEY"),
            entry(26, "PX"),
            entry(27, "GPOS"),
            entry(28, "AAAA"),
            entry(29, "LOC"),
            entry(30, "NXT"),
            entry(31, "EID"),
            entry(32, "NIMLOC"),
            entry(33, "SRV"),
            entry(34, "ATMA"),
            entry(35, "NAPTR"),
            entry(36, "KX"),
            entry(37, "CERT"),
            entry(38, "A6"),
            entry(39, "DNAME"),
            entry(40, "SINK"),
            entry(41, "OPT"),
            entry(42, "APL"),
            entry(43, "DS"),
            entry(44, "SSHFP"),
            entry(45, "IPSECKEY"),
            entry(46, "RRSIG"),
            entry(47, "NSEC"),
            entry(48, "DNSKEY"),
            entry(49, "DHCID"),
            entry(50, "NSEC3"),
            entry(51, "NSEC3PARAM"),
            entry(52, "TLSA"),
            entry(53, "SMIMEA"),
            entry(55, "HIP"),
            entry(56, "NINFO"),
            entry(57, "RKEY"),
            entry(58, "TALINK"),
            entry(59, "CDS"),
            entry(60, "CDNSKEY"),
            entry(61, "OPENPGPKEY"),
            entry(62, "CSYNC"),
            entry(63, "ZONEMD"),
            entry(64, "SVCB"),
            entry(65, "HTTPS"),
            entry(99, "SPF"),
            entry(100, "UINFO"),
            entry(101, "UID"),
            entry(102, "GID"),
            entry(103, "UNSPEC"),
            entry(104, "NID"),
            entry(105, "L32"),
            entry(106, "L64"),
            entry(107, "LP"),
            entry(108, "EUI48"),
            entry(109, "EUI64"),
            entry(249, "TKEY"),
            entry(250, "TSIG"),
            entry(251, "IXFR"),
            entry(252, "AXFR"),
            entry(253, "MAILB"),
            entry(254, "MAILA"),
            entry(255, "*"),
            entry(256, "URI"),
            entry(257, "CAA"),
            entry(32768, "TA"),
            entry(32769, "DLV"),
            entry(65281, "WINS"),
            entry(65282, "WINS-R"),
            entry(65422, "XPF"),
            entry(65521, "INTEGRITY")
    );

    private static final Map<Integer, String> CLASSES = Map.of(
            1, "C_INTERNET", 2, "C_CSNET", 3, "C_CHAOS", 4, "C_HESIOD", 254, "C_NONE", 255, "C_ANY");

    private static final String[] BASE_ERRORS = {
            "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSet",
            "NOTAUTH", "NOTZONE", "unassigned-11", "unassigned-12", "unassigned-13", "unassigned-14",
            "unassigned-15", "BADVERS", "BADKEY", "BADTIME", "BADMODE", "BADNAME", "BADALG", "BADTRUNC",
            "BADCOOKIE"};

    private DnsCodes() { }

    public static String queryType(int code) {
        String n = QUERY_TYPES.get(code);
        return n != null ? n : "query-" + code;
    }

    public static String qclass(int code) {
        String n = CLASSES.get(code);
        return n != null ? n : "qclass-" + code;
    }

    public static String rcode(int code) {
        if (code >= 0 && code < BASE_ERRORS.length) return BASE_ERRORS[code];
        return code == 3842 ? "BADSIG" : "rcode-" + code;
    }
}
