package org.brocapi.analyzer.protocol.dns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.protocol.DatagramAnalyzer;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.framing.LengthPrefixFramer;
import org.brocapi.analyzer.protocol.dns.DnsMessage.Answer;
import org.brocapi.analyzer.protocol.dns.DnsMessage.Question;

/**
 * DNS on one connection: Zeek's {@code DNS_Analyzer} (UDP datagrams, or TCP messages behind a
 * 2-byte length prefix, RFC 1035 §4.2.2) together with what base/protocols/dns/main.zeek does with
 * its events: request/reply matching by transaction id with pending queues, and the dns.log rows.
 */
final class DnsAnalyzer implements DatagramAnalyzer, StreamAnalyzer {
    /** Zeek's {@code dns_session_timeout}: a UDP DNS connection ends after this much silence. */
    static final double SESSION_TIMEOUT = 10.0;
    /** {@code DNS::max_pending_msgs} and {@code DNS::max_pending_query_ids}. */
    static final int MAX_PENDING_MSGS = 50, MAX_PENDING_QUERY_IDS = 50;
    private static final int NETBIOS_PORT = 137;

    /** The script's {@code DNS::Info} while it is being filled. */
    static final class Info {
        double ts;
        long transId;
        Double rtt;
        byte[] query;
        Long qclass, qtype, rcode;
        String qclassName, qtypeName, rcodeName;
        boolean aa, tc, rd, ra, rejected, sawQuery, sawReply;
        long z;
        List<byte[]> answers;
        List<Double> ttls;
        Long totalAnswers, totalReplies;
    }

    private final Session session;
    private final Connection conn;
    private final Consumer<DnsLogEntry> log;
    private final boolean tcp;
    private final DnsParser parser = new DnsParser();
    private final boolean isNetbios;
    private boolean firstMessage = true;

    // script state: c$dns and c$dns_state
    private Info current;
    private boolean hasState;
    private Info pendingQuery;
    private Map<Long, ArrayDeque<Info>> pendingQueries, pendingReplies;

    // TCP framing per direction (Zeek's Contents_DNS)
    private final LengthPrefixFramer[] framers = {new LengthPrefixFramer(), new LengthPrefixFramer()};

    DnsAnalyzer(Session session, Consumer<DnsLogEntry> log, boolean tcp) {
        this.session = session;
        this.conn = session.conn();
        this.log = log;
        this.tcp = tcp;
        this.isNetbios = conn.origPort == NETBIOS_PORT || conn.respPort == NETBIOS_PORT;
        if (!tcp) scheduleExpire(session.now() + SESSION_TIMEOUT);
    }

    /** Zeek's {@code DNS_Analyzer::ExpireTimer}: the -1 s lets one request/reply pair end in one go. */
    private void scheduleExpire(double at) {
        session.addTimer(at, true, t -> {
            if (t - conn.lastTime >= SESSION_TIMEOUT - 1.0 || session.terminating()) conn.remove();
            else scheduleExpire(t + SESSION_TIMEOUT);
        });
    }

    @Override
    public void datagram(Direction dir, byte[] buf, int off, int len) {
        parseMessage(buf, off, len, dir.isOrig() ? 1 : 0);
    }

    @Override
    public void data(Direction dir, byte[] data, int off, int len) {
        int isQuery = dir.isOrig() ? 1 : 0;
        framers[dir.ordinal()].feed(data, off, len, (b, o, n) -> parseMessage(b, o, n, isQuery),
                () -> !session.isDisabled());
    }

    @Override
    public void end() {
        // finalize_dns: whatever never found its partner is logged now
        if (!hasState) return;
        if (pendingQuery != null) log.accept(entry(pendingQuery));
        if (pendingQueries != null) logUnmatched(pendingQueries);
        if (pendingReplies != null) logUnmatched(pendingReplies);
    }

    // --- Zeek's DNS_Interpreter::ParseMessage --------------------------------------------------

    private void parseMessage(byte[] buf, int off, int len, int isQuery) {
        if (len < DnsParser.HEADER_LEN) {
            session.weird("DNS_truncated_len_lt_hdr_len");
            return;
        }
        int opcode = DnsParser.opcode(buf, off);
        // NetBIOS registrations and releases look like queries with other opcodes
        if (opcode != 0 && !isNetbios) {
            session.weird("DNS_unknown_opcode", Integer.toString(opcode));
            session.markUnknownPacket();
            return;
        }
        boolean qr = (buf[off + 2] & 0x80) != 0;
        if (firstMessage && qr && isQuery == 1) {
            // a reply first: the responder was taken for the originator
            if (!isMulticast(conn.respAddr)) conn.flipRoles();
        }
        firstMessage = false;
        DnsMessage m = parser.parse(buf, off, len, conn.respPort == NETBIOS_PORT);
        conn.uid(); // dns_message is the first event about the connection when conn scripts are not loaded
        dnsMessage(m);
        for (DnsMessage.Weird w : m.weirds()) session.weird(w.name(), w.addl());
        if (m.tooManyQueries()) {
            session.weird("DNS_Conn_count_too_large");
            dnsEnd(m);
            session.violation("DNS_Conn_count_too_large");
            return;
        }
        for (Question q : m.questions()) question(m, q);
        if (m.questionsComplete()) {
            for (Answer a : m.answers()) doReply(m, a);
            if (m.answersComplete()) session.confirm();
        }
        dnsEnd(m);
        if (m.violation() != null) session.violation(m.violation());
    }

    // --- base/protocols/dns/main.zeek ----------------------------------------------------------

    private void dnsMessage(DnsMessage m) {
        if (m.opcode() != 0) return; // only standard queries are tracked
        setSession(m, !m.qr());
    }

    private void setSession(DnsMessage m, boolean isQuery) {
        hasState = true;
        long id = m.id();
        if (isQuery) {
            if (pendingReplies != null && hasPending(pendingReplies, id)) {
                current = pop(pendingReplies, id);
            } else {
                current = newSession(id);
                if (pendingQuery == null) pendingQuery = current;
                else {
                    if (pendingQueries == null) pendingQueries = new LinkedHashMap<>();
                    enqueue(pendingQueries, id, current);
                }
            }
        } else {
            if (pendingQuery != null && pendingQuery.transId == id) {
                current = pendingQuery;
                pendingQuery = null;
                if (pendingQueries != null) {
                    // refill the fast path, preferring a query with the same id, to keep queue order
                    if (hasPending(pendingQueries, id)) pendingQuery = pop(pendingQueries, id);
                    else {
                        for (var e : pendingQueries.entrySet()) {
                            if (!e.getValue().isEmpty()) {
                                pendingQuery = pop(pendingQueries, e.getKey());
                                break;
                            }
                        }
                    }
                }
            } else if (pendingQueries != null && hasPending(pendingQueries, id)) {
                current = pop(pendingQueries, id);
            } else {
                current = newSession(id);
                if (pendingReplies == null) pendingReplies = new LinkedHashMap<>();
                enqueue(pendingReplies, id, current);
            }
        }
        if (!isQuery) {
            current.rcode = (long) m.rcode();
            current.rcodeName = DnsCodes.rcode(m.rcode());
            if (current.totalAnswers == null) current.totalAnswers = (long) m.anCount();
            if (current.totalReplies == null) current.totalReplies = (long) m.anCount() + m.arCount() + m.nsCount();
            if (m.rcode() != 0 && m.qdCount() == 0) current.rejected = true;
        }
    }

    private Info newSession(long id) {
        var i = new Info();
        i.ts = session.now();
        i.transId = id;
        return i;
    }

    private static boolean hasPending(Map<Long, ArrayDeque<Info>> msgs, long id) {
        var q = msgs.get(id);
        return q != null && !q.isEmpty();
    }

    private static Info pop(Map<Long, ArrayDeque<Info>> msgs, long id) {
        var q = msgs.get(id);
        Info i = q.poll();
        if (q.isEmpty()) msgs.remove(id);
        return i;
    }

    private void enqueue(Map<Long, ArrayDeque<Info>> msgs, long id, Info msg) {
        var q = msgs.get(id);
        if (q == null) {
            if (msgs.size() > MAX_PENDING_QUERY_IDS) logUnmatched(msgs); // assume they will never match
            q = new ArrayDeque<>();
            msgs.put(id, q);
        } else if (q.size() > MAX_PENDING_MSGS) {
            for (Info i : q) log.accept(entry(i));
            q = new ArrayDeque<>();
            msgs.put(id, q);
        }
        q.add(msg);
    }

    private void logUnmatched(Map<Long, ArrayDeque<Info>> msgs) {
        for (var q : msgs.values()) for (Info i : q) log.accept(entry(i));
        msgs.clear();
    }

    /** dns_request / dns_rejected / dns_query_reply for one question. */
    private void question(DnsMessage m, Question q) {
        if (m.opcode() != 0) return;
        if (!m.qr()) {
            Info i = current;
            i.rd = m.rd();
            i.tc = m.tc();
            i.qclass = (long) q.qclass();
            i.qclassName = DnsCodes.qclass(q.qclass());
            i.qtype = (long) q.qtype();
            i.qtypeName = DnsCodes.queryType(q.qtype());
            i.z = m.z();
            byte[] query = q.name();
            if (conn.respPort == NETBIOS_PORT && conn.ipProto == 17) {
                byte[] decoded = decodeNetbiosName(query);
                if (decoded.length != 0) query = decoded;
                if ("SRV".equals(i.qtypeName)) i.qtypeName = "NBSTAT"; // RFC 2782 reused NetBIOS's NBSTAT code
            }
            i.query = query;
        } else if (m.anCount() == 0 && m.nsCount() == 0 && m.arCount() == 0) {
            if (current != null) current.rejected = true;
        }
    }

    /** DNS::do_reply for one answer-section RR. */
    private void doReply(DnsMessage m, Answer a) {
        if (m.opcode() != 0 || !m.qr()) return;
        byte[] reply = replyText(a);
        if (reply == null) return; // no script handler for this RR type's event
        Info i = current;
        if (i.query == null) i.query = a.name();
        i.aa = m.aa();
        i.ra = m.ra();
        if (i.rtt == null) {
            double rtt = session.now() - i.ts;
            // zero: only the reply was seen (a request and its reply take some time)
            i.rtt = rtt == 0 ? null : rtt;
        }
        if (reply.length != 0) {
            if (i.answers == null) i.answers = new ArrayList<>();
            i.answers.add(reply);
            if (i.ttls == null) i.ttls = new ArrayList<>();
            i.ttls.add((double) a.ttl());
        }
    }

    private void dnsEnd(DnsMessage m) {
        if (current == null) return;
        if (m.qr()) current.sawReply = true;
        else current.sawQuery = true;
        if (current.sawReply && current.sawQuery) {
            log.accept(entry(current));
            current = null;
        }
    }

    /** The reply string main.zeek's handler for this RR's event passes to do_reply; null: no handler. */
    static byte[] replyText(Answer a) {
        String s = switch (a.rdata()) {
            case DnsMessage.Address ad -> org.brocapi.analyzer.log.ZeekText.addrString(ad.addr());
            case DnsMessage.Name n -> null;
            case DnsMessage.Texts t -> null;
            case DnsMessage.Naptr n -> null;
            case DnsMessage.Rrsig r -> "RRSIG " + r.typeCovered() + " " + (r.signer().length == 0 ? "<Root>" : latin1(r.signer()));
            case DnsMessage.Dnskey k -> "DNSKEY " + k.algorithm();
            case DnsMessage.Nsec n -> "NSEC " + latin1(a.name()) + " " + latin1(n.next());
            case DnsMessage.Ds d -> "DS " + d.algorithm() + " " + d.digestType();
            case DnsMessage.Sshfp f -> "SSHFP: " + HexFormat.of().formatHex(f.fingerprint());
            case DnsMessage.Loc l -> "LOC:  " + l.size() + " " + l.horizPre() + " " + l.vertPre();
            case DnsMessage.Fixed f -> f.text();
            case DnsMessage.Unknown u -> "<unknown type=" + a.type() + ">";
            case DnsMessage.NoReply n -> null;
        };
        if (s != null) return s.getBytes(StandardCharsets.ISO_8859_1);
        return switch (a.rdata()) {
            case DnsMessage.Name n -> n.name();
            case DnsMessage.Texts t -> texts(t);
            case DnsMessage.Naptr n -> naptr(n);
            default -> null;
        };
    }

    private static byte[] texts(DnsMessage.Texts t) {
        var out = new java.io.ByteArrayOutputStream();
        String kind = t.spf() ? "SPF " : "TXT ";
        for (int i = 0; i < t.strings().size(); i++) {
            byte[] s = t.strings().get(i);
            if (i > 0) out.write(' ');
            out.writeBytes((kind + s.length + " ").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    private static byte[] naptr(DnsMessage.Naptr n) {
        var tmp = new java.io.ByteArrayOutputStream();
        if (n.regexp().length > 0) tmp.writeBytes(n.regexp());
        if (n.replacement().length > 0) {
            if (tmp.size() > 0) tmp.write(' ');
            tmp.writeBytes(n.replacement());
        }
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("NAPTR " + n.order() + " " + n.preference() + " ").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(n.flags());
        out.write(' ');
        out.writeBytes(n.service());
        out.write(' ');
        out.writeBytes(tmp.toByteArray());
        return out.toByteArray();
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private DnsLogEntry entry(Info i) {
        return new DnsLogEntry(i.ts, conn.uid(),
                conn.id(),
                tcp ? "tcp" : "udp", i.transId, i.rtt, i.query, i.qclass, i.qclassName, i.qtype, i.qtypeName,
                i.rcode, i.rcodeName, i.aa, i.tc, i.rd, i.ra, i.z,
                i.answers == null ? null : List.copyOf(i.answers), i.ttls == null ? null : List.copyOf(i.ttls),
                i.rejected);
    }

    private static boolean isMulticast(byte[] a16) {
        boolean v4 = true;
        for (int i = 0; i < 10; i++) if (a16[i] != 0) v4 = false;
        if (v4 && a16[10] == (byte) 0xff && a16[11] == (byte) 0xff) return (a16[12] & 0xf0) == 0xe0;
        return a16[0] == (byte) 0xff;
    }

    /** Zeek's {@code decode_netbios_name}: 32 letters 'A'–'P', two per byte (RFC 1001 §14.1); else empty. */
    static byte[] decodeNetbiosName(byte[] s) {
        if (s.length != 32) return new byte[0];
        byte[] buf = new byte[16];
        int length = 0;
        for (int i = 0, j = 0; i < 16; i++) {
            int c0 = upper(s[j++]), c1 = upper(s[j++]);
            if (c0 < 'A' || c0 > 'P' || c1 < 'A' || c1 > 'P') return new byte[0];
            int b = ((c0 - 'A') << 4) + (c1 - 'A');
            buf[i] = (byte) b;
            // \x01\x02 was seen as the first two bytes: bytes below 3 pass through
            if (Character.isLetterOrDigit(b) && b < 128 || isPunct(b) || b == ' ' || b < 3) length++;
            else break;
        }
        if (length == 16) length = 15; // the 16th byte is the suffix (name type)
        while (length > 0 && (buf[length - 1] == ' ' || buf[length - 1] == 0)) length--;
        return java.util.Arrays.copyOf(buf, length);
    }

    private static int upper(byte c) {
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    }

    private static boolean isPunct(int b) {
        return b > 32 && b < 127 && !Character.isLetterOrDigit(b);
    }
}
