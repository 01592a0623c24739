package org.brocapi.analyzer.protocol.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.script.ZeekDictionary;

/**
 * The script state of base/protocols/smtp/main.zeek for one connection: {@code c$smtp_state}
 * (helo, messages transferred) and the current {@code c$smtp} record, created by the first
 * request or reply ({@code set_smtp_session}), written to smtp.log when a mail is answered, when
 * the next MAIL FROM comes, or when the connection is removed, if the client did something.
 * The mail's top-level headers fill the record ({@code mime_one_header}).
 *
 * <p>Not modelled: IPv6 addresses in Received and X-Originating-IP headers (only IPv4 is
 * recognised there), and the mail-transaction validation weirds.
 */
final class SmtpTransactions {
    /** base/utils/email.zeek's address pattern, with its {@code ^} (true at every find_all offset) made optional. */
    private static final Pattern EMAIL = Pattern.compile("[<,: \\t]?[^<,: \\t@]+@[^>,; \\t]+(?:[>,; \\t]|\\z)");
    private static final Pattern EMAIL_PUNCT = Pattern.compile("[<>,:; \\t]");
    private static final Pattern MIME_ADDRESS = Pattern.compile("(?:\"[^\"]*\")?[^,]+@[^,]+");
    private static final Pattern ORCPT = Pattern.compile("ORCPT=rfc822;?");
    private static final Pattern RCPT_TO = Pattern.compile("^[tT][oO]:");
    private static final Pattern MAIL_FROM = Pattern.compile("^[fF][rR][oO][mM]:");
    /** base/utils/addrs.zeek's ipv4_addr_regex, longer alternatives first so the match is the longest. */
    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|0[0-9]{2}|[0-9]{2}|[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);

    /** A {@code set[string]} column in Zeek's iteration order. */
    static final class StringSet {
        private final ZeekDictionary order;
        private final List<String> items = new ArrayList<>();

        StringSet(ToLongFunction<byte[]> keyedHash) {
            order = new ZeekDictionary(keyedHash);
        }

        void add(String s) {
            if (items.contains(s)) return;
            items.add(s);
            order.insert(items.size() - 1, s.getBytes(StandardCharsets.ISO_8859_1));
        }

        int size() {
            return items.size();
        }

        List<byte[]> values() {
            List<byte[]> out = new ArrayList<>(items.size());
            for (long id : order.order()) out.add(items.get((int) id).getBytes(StandardCharsets.ISO_8859_1));
            return out;
        }
    }

    /** {@code c$smtp}. */
    final class Info {
        final double ts;
        final long transDepth;
        String helo, mailfrom, date, from, replyTo, msgId, inReplyTo, subject, firstReceived, secondReceived,
                lastReply, userAgent;
        byte[] xOriginatingIp;
        StringSet rcptto, to, cc;
        final List<byte[]> path = new ArrayList<>();
        boolean tls, hasClientActivity, processReceivedFrom = true, processSmtpHeaders = true;
        long entityCount;
        final List<String> fuids = new ArrayList<>();

        Info() {
            Connection c = session.conn();
            ts = session.now();
            transDepth = messagesTransferred + 1;
            helo = stateHelo;
            path.add(c.respAddr.clone());
            path.add(c.origAddr.clone());
        }
    }

    private final Session session;
    private final Consumer<SmtpLogEntry> log;
    private final ToLongFunction<byte[]> keyedHash;
    private long messagesTransferred;
    private String stateHelo;
    private Info current;
    private boolean hooked;

    /** {@code log} null: smtp.log is not written (only the state the files need is kept). */
    SmtpTransactions(Session session, Consumer<SmtpLogEntry> log, ToLongFunction<byte[]> keyedHash) {
        this.session = session;
        this.log = log;
        this.keyedHash = keyedHash;
    }

    /** {@code set_smtp_session}: the connection's script value exists from the first SMTP event on. */
    Info session() {
        if (current == null) current = newInfo();
        return current;
    }

    private Info newInfo() {
        session.conn().uid();
        if (!hooked) {
            hooked = true;
            session.addRemovalHook(this::finish); // finalize_smtp
        }
        return new Info();
    }

    long transDepth() {
        return session().transDepth;
    }

    /** {@code smtp_request} (command upper-cased). */
    void request(String command, String arg) {
        Info i = session();
        switch (command) {
            case "HELO", "EHLO" -> {
                stateHelo = arg;
                i.helo = arg;
            }
            case "RCPT" -> {
                if (!RCPT_TO.matcher(arg).find()) return;
                if (i.rcptto == null) i.rcptto = new StringSet(keyedHash);
                for (String a : emailAddresses(arg)) i.rcptto.add(ORCPT.matcher(a).replaceAll(""));
                i.hasClientActivity = true;
            }
            case "MAIL" -> {
                if (!MAIL_FROM.matcher(arg).find()) return;
                message(); // the last mail, in case its acknowledgement was not seen
                i = session();
                List<String> addrs = emailAddresses(arg);
                if (!addrs.isEmpty()) i.mailfrom = addrs.get(0);
                i.hasClientActivity = true;
            }
            default -> { }
        }
    }

    /** {@code smtp_reply}, once per reply line; {@code cmd} is the command it answers. */
    void reply(int code, String msg, String cmd) {
        Info i = session();
        i.lastReply = code + " " + msg;
        if (cmd.equals("END_OF_DATA")) {
            messagesTransferred++;
            message();
            current = newInfo();
        }
    }

    void starttls() {
        Info i = session();
        i.tls = true;
        i.hasClientActivity = true;
    }

    /** main.zeek's {@code mime_begin_entity}: headers of a second entity are not the mail's. */
    void beginEntity() {
        Info i = session();
        if (++i.entityCount > 1) i.processSmtpHeaders = false;
    }

    /** main.zeek's {@code mime_one_header} handlers. */
    void header(String name, byte[] value) {
        Info i = current;
        if (i == null || !i.processSmtpHeaders) return;
        String v = new String(value, StandardCharsets.ISO_8859_1);
        switch (name) {
            case "MESSAGE-ID" -> i.msgId = v;
            case "RECEIVED" -> {
                if (i.firstReceived != null) i.secondReceived = i.firstReceived;
                i.firstReceived = v;
                received(i, v);
            }
            case "IN-REPLY-TO" -> i.inReplyTo = v;
            case "SUBJECT" -> i.subject = v;
            case "FROM" -> i.from = v;
            case "REPLY-TO" -> i.replyTo = v;
            case "DATE" -> i.date = v;
            case "TO" -> {
                if (i.to == null) i.to = new StringSet(keyedHash);
                for (String a : mimeAddresses(v)) i.to.add(a);
            }
            case "CC" -> {
                if (i.cc == null) i.cc = new StringSet(keyedHash);
                for (String a : mimeAddresses(v)) i.cc.add(a);
            }
            case "X-ORIGINATING-IP" -> {
                List<byte[]> ips = ipAddresses(v, false);
                if (!ips.isEmpty()) i.xOriginatingIp = ips.get(0);
            }
            case "X-MAILER", "USER-AGENT", "X-USER-AGENT" -> i.userAgent = v;
            default -> { }
        }
    }

    /** The Received path: the header's address (the second when there are several), if new. */
    private static void received(Info i, String v) {
        if (!i.processReceivedFrom) return; // mail_path_capture = ALL_HOSTS never turns it off
        List<byte[]> ips = ipAddresses(v, true);
        if (ips.isEmpty()) return;
        byte[] ip = ips.size() > 1 ? ips.get(1) : ips.get(0);
        if (!Arrays.equals(i.path.get(i.path.size() - 1), ip)) i.path.add(ip);
    }

    /** files.zeek's {@code file_over_new_connection}: the fuid goes to {@code c$smtp$fuids} outside TLS. */
    void fileOverConnection(String fuid) {
        Info i = session();
        if (!i.tls) i.fuids.add(fuid);
    }

    /** {@code smtp_message}: the record is logged (and replaced) if the client did something. */
    private void message() {
        Info i = current;
        if (i == null || !i.hasClientActivity) return;
        write(i);
        current = newInfo();
    }

    private void finish() {
        message();
    }

    private void write(Info i) {
        if (log == null) return;
        Connection c = session.conn();
        log.accept(new SmtpLogEntry(i.ts, c.uid(), c.id(), i.transDepth, b(i.helo), b(i.mailfrom), set(i.rcptto),
                b(i.date), b(i.from), set(i.to),
                set(i.cc), b(i.replyTo), b(i.msgId), b(i.inReplyTo), b(i.subject), i.xOriginatingIp,
                b(i.firstReceived), b(i.secondReceived), b(i.lastReply), List.copyOf(i.path), b(i.userAgent), i.tls,
                List.copyOf(i.fuids)));
    }

    private static byte[] b(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> set(StringSet s) {
        return s == null ? null : s.values();
    }

    /** email.zeek's extract_email_addrs_vec: every address found (find_all: longest match, then on after it). */
    static List<String> emailAddresses(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = EMAIL.matcher(s);
        int i = 0;
        while (i < s.length()) {
            m.region(i, s.length());
            if (m.lookingAt()) {
                out.add(EMAIL_PUNCT.matcher(m.group()).replaceAll(""));
                i = Math.max(m.end(), i + 1);
            } else i++;
        }
        return out;
    }

    /** email.zeek's split_mime_email_addresses: the comma-separated addresses, stripped. */
    static List<String> mimeAddresses(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = MIME_ADDRESS.matcher(s);
        int i = 0;
        while (i < s.length()) {
            m.region(i, s.length());
            if (m.lookingAt()) {
                out.add(m.group().strip());
                i = Math.max(m.end(), i + 1);
            } else i++;
        }
        return out;
    }

    /**
     * addrs.zeek's extract_ip_addresses (IPv4 only): with {@code checkWrapping}, an address counts
     * only when it is the whole text or wrapped in [], (), {} or blanks.
     */
    static List<byte[]> ipAddresses(String s, boolean checkWrapping) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = IPV4.matcher(s);
        int i = 0;
        while (i < s.length()) {
            m.region(i, s.length());
            if (!m.lookingAt()) {
                i++;
                continue;
            }
            int start = m.start(), end = m.end();
            i = end;
            if (checkWrapping) {
                boolean whole = start == 0 && end == s.length();
                char before = start > 0 ? s.charAt(start - 1) : 0, after = end < s.length() ? s.charAt(end) : 0;
                boolean wrapped = whole || before == '[' && after == ']' || before == '(' && after == ')'
                        || before == '{' && after == '}' || before == ' ' && after == ' ';
                if (!wrapped) continue;
            }
            byte[] a = new byte[16];
            a[10] = (byte) 0xff;
            a[11] = (byte) 0xff;
            String[] q = m.group().split("\\.");
            for (int k = 0; k < 4; k++) a[12 + k] = (byte) Integer.parseInt(q[k]);
            out.add(a);
        }
        return out;
    }
}
