package org.brocapi.analyzer.protocol.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.brocapi.analyzer.protocol.dns.DnsMessage.Answer;
import org.brocapi.analyzer.protocol.dns.DnsMessage.Question;
import org.brocapi.analyzer.protocol.dns.DnsMessage.Rdata;
import org.brocapi.analyzer.protocol.dns.DnsMessage.Weird;

/**
 * Parses one DNS message (RFC 1035 §4.1) the way Zeek's {@code DNS_Interpreter} does, including
 * its leniencies and the points where it gives up: a failed question stops the message, a failed
 * answer stops the answer section, and a parsed RR leaves the read position where its RDATA
 * parser stopped (not at the RDLENGTH boundary). Pure: no connection state; anomalies are returned
 * as {@link Weird}s with Zeek's names. Not thread-safe: one instance per analyzer.
 */
public final class DnsParser {
    public static final int HEADER_LEN = 12;
    /** Zeek's {@code dns_max_queries}: more questions than this is "not DNS". */
    public static final int MAX_QUERIES = 25;
    /** Zeek's {@code dns_max_compression_chain_depth}. */
    static final int MAX_COMPRESSION_DEPTH = 20;
    /** Zeek's name buffer: 513 bytes, 512 usable. */
    private static final int NAME_MAX = 512;

    // per-message read state: the message is buf[start, start + total); p is the read position,
    // len what remains after it (both moved by every extract, as Zeek's data/len pair)
    private byte[] buf;
    private int start, p, len;
    private boolean netbiosResp;
    private List<Weird> weirds;
    private String violation;
    private final byte[] name = new byte[NAME_MAX + 1];
    private int nameEnd, nameLen;

    /** The opcode of a message with at least {@link #HEADER_LEN} bytes. */
    public static int opcode(byte[] buf, int off) {
        return (buf[off + 2] & 0x78) >> 3;
    }

    /**
     * @param netbiosResp the responder port is 137: NetBIOS labels may exceed 63 bytes and
     *                    type 33 is NBSTAT, not SRV
     * @return the message; a message shorter than its 12-byte header is refused with an
     *         {@link IllegalArgumentException} (callers weird on it first, as Zeek's DNS_Interpreter does)
     */
    public DnsMessage parse(byte[] data, int off, int length, boolean netbiosResp) {
        if (length < HEADER_LEN || off < 0 || off + length > data.length) {
            throw new IllegalArgumentException("DNS message of " + length + " bytes is shorter than its header");
        }
        this.buf = data;
        this.start = off;
        this.netbiosResp = netbiosResp;
        this.weirds = new ArrayList<>(0);
        this.violation = null;
        int id = u16(off), flags = u16(off + 2);
        int qd = u16(off + 4), an = u16(off + 6), ns = u16(off + 8), ar = u16(off + 10);
        boolean qr = (flags & 0x8000) != 0;
        int opcode = (flags & 0x7800) >> 11;
        boolean aa = (flags & 0x0400) != 0, tc = (flags & 0x0200) != 0, rd = (flags & 0x0100) != 0,
                ra = (flags & 0x0080) != 0;
        int z = (flags & 0x0070) >> 4; // Zeek's Z includes the AD and CD bits (RFC 4035 §3.2)
        int rcode = flags & 0x000f;
        var questions = new ArrayList<Question>(Math.min(qd, 4));
        var answers = new ArrayList<Answer>(Math.min(an, 8));
        boolean tooMany = qd > MAX_QUERIES;
        boolean qOk = false, aOk = false;
        if (!tooMany) {
            p = off + HEADER_LEN;
            len = length - HEADER_LEN;
            int n = qd;
            while (n > 0 && parseQuestion(questions)) n--;
            qOk = n == 0;
            if (qOk) {
                n = an;
                while (n > 0 && parseAnswer(answers)) n--;
                aOk = n == 0;
            }
        }
        var m = new DnsMessage(id, qr, opcode, aa, tc, rd, ra, z, rcode, qd, an, ns, ar, tooMany, questions, qOk,
                answers, aOk, weirds, violation);
        buf = null;
        return m;
    }

    private boolean parseQuestion(List<Question> out) {
        extractName(false);
        byte[] qname = lower(Arrays.copyOf(name, nameLen));
        if (len < 4) {
            weird("DNS_truncated_quest_too_short");
            return false;
        }
        int qtype = extractShort(), qclass = extractShort();
        out.add(new Question(qname, qtype, qclass));
        return true;
    }

    private boolean parseAnswer(List<Answer> out) {
        extractName(true);
        byte[] aname = Arrays.copyOf(name, nameLen);
        if (len < 4) {
            weird("DNS_truncated_ans_too_short");
            return false;
        }
        int type = extractShort(), rrClass = extractShort();
        long ttl = extractLong();
        int rdlength = extractShort();
        if (rdlength > len) {
            weird("DNS_truncated_RR_rdlength_lt_len");
            return false;
        } else if (rdlength == 0 && len > 0) {
            weird("DNS_zero_rdlength");
            return false;
        }
        Rdata rd = parseRdata(type, rdlength);
        if (rd == null) return false;
        out.add(new Answer(aname, type, rrClass, ttl, rd));
        return true;
    }

    /** One RR's RDATA as Zeek's {@code ParseRR_*}; null when Zeek's parser returns false. */
    private Rdata parseRdata(int type, int rdlength) {
        int begin = p;
        switch (type) {
            case DnsCodes.A -> {
                if (rdlength != 4) {
                    weird("DNS_RR_bad_length");
                    return null;
                }
                byte[] a = len >= 4 ? Arrays.copyOfRange(buf, p, p + 4) : new byte[4];
                extractLong();
                return new DnsMessage.Address(a);
            }
            case DnsCodes.AAAA, DnsCodes.A6 -> {
                byte[] a = new byte[16];
                for (int i = 0; i < 4; i++) {
                    if (len >= 4) System.arraycopy(buf, p, a, i * 4, 4);
                    extractLong();
                    // Zeek's ExtractLong never lets len go negative, so this check never fires there either
                }
                return new DnsMessage.Address(a);
            }
            case DnsCodes.NS, DnsCodes.CNAME, DnsCodes.PTR -> {
                byte[] n = nameRdata(true);
                if (p - begin != rdlength) weird("DNS_RR_length_mismatch");
                return new DnsMessage.Name(n);
            }
            case DnsCodes.SOA -> {
                byte[] mname = nameRdata(true);
                extractName(true);
                if (len < 20) return null;
                p += 20;
                len -= 20;
                if (p - begin != rdlength) weird("DNS_RR_length_mismatch");
                return new DnsMessage.Name(mname);
            }
            case DnsCodes.MX -> {
                extractShort();
                byte[] n = nameRdata(true);
                if (p - begin != rdlength) weird("DNS_RR_length_mismatch");
                return new DnsMessage.Name(n);
            }
            case DnsCodes.SRV -> {
                if (netbiosResp) return new DnsMessage.NoReply(); // NBSTAT, unparsed (nothing consumed)
                extractShort();
                extractShort();
                extractShort();
                byte[] n = nameRdata(true);
                if (p - begin != rdlength) weird("DNS_RR_length_mismatch");
                return new DnsMessage.Name(n);
            }
            case DnsCodes.WKS -> {
                return new DnsMessage.Fixed(""); // Zeek consumes nothing here
            }
            case DnsCodes.HINFO -> {
                int[] rd = {rdlength};
                charString(rd);
                charString(rd);
                return rd[0] == 0 ? new DnsMessage.NoReply() : null;
            }
            case DnsCodes.TXT, DnsCodes.SPF -> {
                int[] rd = {rdlength};
                var strings = new ArrayList<byte[]>();
                for (byte[] s; (s = charString(rd)) != null; ) strings.add(s);
                return rd[0] == 0 ? new DnsMessage.Texts(strings, type == DnsCodes.SPF) : null;
            }
            case DnsCodes.CAA -> {
                int flags = extractShort();
                int tagLen = flags & 0xff;
                int rd = rdlength - 2;
                if (tagLen >= rd) {
                    weird("DNS_CAA_char_str_past_rdlen");
                    return null;
                }
                skip(tagLen);
                rd -= tagLen;
                skip(rd);
                return new DnsMessage.NoReply();
            }
            case DnsCodes.NBS -> {
                skip(rdlength);
                return new DnsMessage.NoReply();
            }
            case DnsCodes.NAPTR -> {
                int order = extractShort(), pref = extractShort();
                int[] rd = {rdlength - 4};
                if (len <= 0 || rd[0] <= 0) {
                    violation("DNS_NAPTR_too_short");
                    return null;
                }
                byte[] flags = charString(rd), service = charString(rd), regexp = charString(rd);
                byte[] repl = nameRdata(false);
                if (flags == null || service == null || regexp == null) {
                    violation("DNS_NAPTR_RR_too_short");
                    return null;
                }
                return new DnsMessage.Naptr(order, pref, flags, service, regexp, repl);
            }
            case DnsCodes.EDNS -> {
                return parseEdns() ? new DnsMessage.NoReply() : null;
            }
            case DnsCodes.TKEY, DnsCodes.TSIG -> {
                // Zeek walks the fields; with no script handlers the position ends at the RDATA's end
                skip(rdlength);
                return new DnsMessage.NoReply();
            }
            case DnsCodes.RRSIG -> {
                if (len < 18) return null;
                int covered = extractShort();
                extractShort();
                extractLong();
                extractLong();
                extractLong();
                extractShort();
                int nameStart = p;
                byte[] signer = nameRdata(true);
                int sigLen = rdlength - ((p - nameStart) + 18);
                skip(Math.max(0, Math.min(len, sigLen)));
                return new DnsMessage.Rrsig(covered, signer);
            }
            case DnsCodes.DNSKEY -> {
                if (len < 4) return null;
                extractShort();
                int algo = extractShort() & 0xff;
                skip(Math.max(0, Math.min(len, rdlength - 4)));
                return new DnsMessage.Dnskey(algo);
            }
            case DnsCodes.NSEC -> {
                byte[] next = nameRdata(true);
                skip(Math.max(0, Math.min(len, rdlength - (p - begin))));
                return new DnsMessage.Nsec(next);
            }
            case DnsCodes.NSEC3 -> {
                if (len < 6) return null;
                skip(Math.max(0, Math.min(len, rdlength)));
                return new DnsMessage.Fixed("NSEC3");
            }
            case DnsCodes.NSEC3PARAM -> {
                if (len < 5) return null;
                skip(Math.max(0, Math.min(len, rdlength)));
                return new DnsMessage.Fixed("NSEC3PARAM");
            }
            case DnsCodes.DS -> {
                if (len < 4) return null;
                extractShort();
                int ad = extractShort();
                skip(Math.max(0, Math.min(len, rdlength - 4)));
                return new DnsMessage.Ds((ad >> 8) & 0xff, ad & 0xff);
            }
            case DnsCodes.BINDS -> {
                skip(Math.max(0, Math.min(len, rdlength)));
                return new DnsMessage.Fixed("BIND9 signing signal");
            }
            case DnsCodes.SSHFP -> {
                if (len < 2) return null;
                extractShort();
                int n = Math.max(0, Math.min(len, rdlength - 2));
                byte[] fp = Arrays.copyOfRange(buf, p, p + n);
                skip(n);
                return new DnsMessage.Sshfp(fp);
            }
            case DnsCodes.LOC -> {
                if (len < 16) return null;
                int vs = extractShort(), hv = extractShort();
                extractLong();
                extractLong();
                extractLong();
                return new DnsMessage.Loc(vs & 0xff, (hv >> 8) & 0xff, hv & 0xff);
            }
            case DnsCodes.SVCB, DnsCodes.HTTPS -> {
                if (len < 3) {
                    weird("DNS_SVBC_wrong_length");
                    return null;
                }
                extractShort();
                extractName(false);
                int parsed = p - begin;
                if (parsed < rdlength) skip(rdlength - parsed);
                return new DnsMessage.NoReply();
            }
            default -> {
                weird("DNS_RR_unknown_type", Integer.toString(type));
                skip(rdlength);
                return new DnsMessage.Unknown();
            }
        }
    }

    /** Zeek's EDNS option walk: it reads options until fewer than 4 bytes remain in the message. */
    private boolean parseEdns() {
        while (len >= 4) {
            extractShort();
            int optLen = extractShort();
            if (optLen > len) break;
            skip(optLen);
        }
        if (len > 0) {
            weird("EDNS_truncated_option");
            return false;
        }
        return true;
    }

    private byte[] nameRdata(boolean downcase) {
        extractName(downcase);
        return Arrays.copyOf(name, nameLen);
    }

    /** A length-prefixed character-string within the RDATA ({@code rd[0]} remaining), or null. */
    private byte[] charString(int[] rd) {
        if (rd[0] <= 0) return null;
        int size = buf[p] & 0xff;
        rd[0]--;
        len--;
        p++;
        if (size > rd[0]) {
            weird("DNS_TXT_char_str_past_rdlen");
            return null;
        }
        byte[] s = Arrays.copyOfRange(buf, p, p + size);
        rd[0] -= size;
        len -= size;
        p += size;
        return s;
    }

    // --- names (RFC 1035 §4.1.4 compression), as Zeek's ExtractName/ExtractLabel ----------------

    /** Reads a name at the read position into {@link #name}[0, {@link #nameLen}). */
    private void extractName(boolean downcase) {
        nameEnd = 0;
        int[] room = {NAME_MAX};
        int[] pos = {p}, rem = {len};
        extractName(pos, rem, room, downcase, 0);
        p = pos[0];
        len = rem[0];
        nameLen = nameEnd;
    }

    private void extractName(int[] pos, int[] rem, int[] nameRoom, boolean downcase, int depth) {
        if (depth > MAX_COMPRESSION_DEPTH) {
            weird("DNS_max_compression_chain_depth_exceeded");
            return;
        }
        int nameStart = nameEnd;
        int[] room = {nameRoom[0]};
        while (extractLabel(pos, rem, room, depth)) { }
        int n = nameEnd - nameStart;
        if (n >= 255) weird("DNS_NAME_too_long");
        if (n >= 2 && name[nameEnd - 1] == '.') nameEnd--;
        if (downcase) {
            for (int i = nameStart; i < nameEnd; i++) {
                if (name[i] >= 'A' && name[i] <= 'Z') name[i] += 'a' - 'A';
            }
        }
    }

    private boolean extractLabel(int[] pos, int[] rem, int[] room, int depth) {
        if (rem[0] <= 0) return false;
        int orig = pos[0];
        int labelLen = buf[pos[0]] & 0xff;
        pos[0]++;
        rem[0]--;
        if (rem[0] <= 0) return false;
        if (labelLen == 0) return false;
        if ((labelLen & 0xc0) == 0xc0) {
            int offset = (labelLen & 0x3f) << 8 | buf[pos[0]] & 0xff;
            pos[0]++;
            rem[0]--;
            if (offset >= orig - start) {
                weird("DNS_label_forward_compress_offset");
                return false;
            }
            int[] rpos = {start + offset}, rrem = {orig - (start + offset)};
            int before = nameEnd;
            extractName(rpos, rrem, room, true, depth + 1);
            room[0] -= nameEnd - before;
            return false;
        }
        if (labelLen > rem[0]) {
            weird("DNS_label_len_gt_pkt");
            pos[0] += rem[0];
            rem[0] = 0;
            return false;
        }
        if (labelLen > 63 && !netbiosResp) {
            weird("DNS_label_too_long");
            return false;
        }
        if (labelLen >= room[0]) {
            weird("DNS_label_len_gt_name_len");
            return false;
        }
        System.arraycopy(buf, pos[0], name, nameEnd, labelLen);
        name[nameEnd + labelLen] = '.';
        nameEnd += labelLen + 1;
        room[0] -= labelLen + 1;
        pos[0] += labelLen;
        rem[0] -= labelLen;
        return true;
    }

    // --- fixed-size fields: as Zeek, a short read yields 0 and consumes nothing ----------------

    private int extractShort() {
        if (len < 2) return 0;
        int v = u16(p);
        p += 2;
        len -= 2;
        return v;
    }

    private long extractLong() {
        if (len < 4) return 0;
        long v = (long) u16(p) << 16 | u16(p + 2);
        p += 4;
        len -= 4;
        return v;
    }

    private void skip(int n) {
        p += n;
        len -= n;
    }

    private int u16(int i) {
        return (buf[i] & 0xff) << 8 | buf[i + 1] & 0xff;
    }

    private static byte[] lower(byte[] b) {
        for (int i = 0; i < b.length; i++) if (b[i] >= 'A' && b[i] <= 'Z') b[i] += 'a' - 'A';
        return b;
    }

    private void weird(String n) {
        weirds.add(new Weird(n, ""));
    }

    private void weird(String n, String addl) {
        weirds.add(new Weird(n, addl));
    }

    private void violation(String reason) {
        if (violation == null) violation = reason;
    }
}
