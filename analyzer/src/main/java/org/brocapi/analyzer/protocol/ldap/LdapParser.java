package org.brocapi.analyzer.protocol.ldap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.brocapi.analyzer.bytes.ByteCursor;

/**
 * Parses one LDAPMessage (RFC 4511 §4.1.1, BER per X.690) with the rules of Zeek's
 * {@code ldap.spicy} and {@code asn1.spicy}, including their quirks: only the low five tag bits
 * are read, a non-recursive SEQUENCE consumes no contents, filters' attribute lengths are single
 * bytes, and an operation Zeek has no case for is an error. The message header is read from the
 * stream; the operation is parsed once its whole region (and the whole message) is there, so
 * within it running out of bytes is an error. Pure; never throws on input.
 */
public final class LdapParser {
    /** {@code ASN1::MAX_ASN1_DEPTH}. */
    static final int MAX_BER_DEPTH = 32;
    /** {@code LDAP::MAX_RECURSION_DEPTH} for search filters. */
    static final int MAX_FILTER_DEPTH = 20;
    /** 1.2.840.48018.1.2.2: Microsoft's Kerberos 5 OID in SPNEGO. */
    static final String GSSAPI_MECH_MS_KRB5 = "1.2.840.48018.1.2.2";
    /** RFC 4178 SPNEGO mechanism OID. */
    static final String SPNEGO_OID = "1.3.6.1.5.5.2";
    /** RFC 4511 §4.14.1 StartTLS requestName. */
    static final String STARTTLS_OID = "1.3.6.1.4.1.1466.20037";

    public enum Status { OK, NEED_MORE, ERROR }

    /** The outcome: a message and the bytes it used, more bytes needed, or the error's reason. */
    public record Result(Status status, int consumed, LdapMessage message, String error) {
        static final Result NEED_MORE = new Result(Status.NEED_MORE, 0, null, null);
    }

    private final String saslMechanism;
    private String error;

    private LdapParser(String saslMechanism) {
        this.saslMechanism = saslMechanism;
    }

    /**
     * One message from {@code b[off…off+len)}. {@code eod}: no more bytes will come (a UDP
     * datagram), so a short message is an error. {@code saslMechanism} is the mechanism of the
     * connection's last SASL bind request ("" if none): BindResponse parsing depends on it.
     */
    public static Result message(byte[] b, int off, int len, boolean eod, String saslMechanism) {
        return new LdapParser(saslMechanism).parse(ByteCursor.of(b, off, len), eod);
    }

    private Result parse(ByteCursor in, boolean eod) {
        int start = in.position();
        Header seq = header(in);
        if (in.truncated()) return incomplete(eod);
        if (seq == null) return fail();
        if (seq.cls != BerElement.UNIVERSAL || seq.number != BerElement.SEQUENCE) return fail("LDAPMessage is not a SEQUENCE");
        int seqHeaderLen = in.position() - start;
        Header id = header(in);
        if (in.truncated()) return incomplete(eod);
        if (id == null) return fail();
        if (id.cls != BerElement.UNIVERSAL || id.number != BerElement.INTEGER) return fail("messageID is not an INTEGER");
        if (id.len > in.remaining()) return incomplete(eod);
        Long messageId = integer(in, id.len);
        if (messageId == null) return fail();
        Header op = header(in);
        if (in.truncated()) return incomplete(eod);
        if (op == null) return fail();
        if (op.cls != BerElement.APPLICATION) return fail("protocolOp is not an APPLICATION tag");
        // lengths beyond any buffer: Spicy would wait for the bytes for ever
        if (seq.len > Integer.MAX_VALUE || op.len > Integer.MAX_VALUE) return incomplete(eod);
        long opEnd = in.position() - start + op.len;
        long msgEnd = seqHeaderLen + seq.len;
        if (Math.max(opEnd, msgEnd) > in.limit() - start) return incomplete(eod);

        var m = new Builder(messageId, op.number);
        ByteCursor region = in.slice((int) op.len);
        if (!operation(region, m)) return fail();
        long used = opEnd - seqHeaderLen;
        if (seq.len < used) return fail("protocolOp runs past the LDAPMessage");
        return new Result(Status.OK, (int) msgEnd, m.build(), null);
    }

    private static Result incomplete(boolean eod) {
        return eod ? new Result(Status.ERROR, 0, null, "insufficient input for LDAPMessage") : Result.NEED_MORE;
    }

    private Result fail() {
        return new Result(Status.ERROR, 0, null, error != null ? error : "parse error");
    }

    private Result fail(String reason) {
        return new Result(Status.ERROR, 0, null, reason);
    }

    /** Records the first error; returns false so callers can {@code return bad(…)}. */
    private boolean bad(String reason) {
        if (error == null) error = reason;
        return false;
    }

    // --- protocol operations --------------------------------------------------------------------

    /** The fields a message collects while its operation is parsed. */
    private static final class Builder {
        final long messageId;
        final int opcode;
        Integer result;
        String matchedDn = "", diagnostic = "", object = "", argument = "";
        Long bindVersion;
        Integer bindAuthType;
        String saslMechanism;
        LdapMessage.Search search;
        boolean startTls, krb5;

        Builder(long messageId, int opcode) {
            this.messageId = messageId;
            this.opcode = opcode;
        }

        LdapMessage build() {
            return new LdapMessage(messageId, opcode, result, matchedDn, diagnostic, object, argument, bindVersion,
                    bindAuthType, saslMechanism, search, startTls, krb5);
        }
    }

    private boolean operation(ByteCursor in, Builder m) {
        return switch (m.opcode) {
            case LdapCodes.BIND_REQUEST -> bindRequest(in, m);
            case LdapCodes.BIND_RESPONSE -> bindResponse(in, m);
            case LdapCodes.UNBIND_REQUEST -> true;
            case LdapCodes.SEARCH_REQUEST -> searchRequest(in, m);
            case LdapCodes.SEARCH_RESULT_ENTRY -> objectName(in, m) && element(in, true, 0) != null;
            case LdapCodes.SEARCH_RESULT_DONE, LdapCodes.MODIFY_RESPONSE, LdapCodes.ADD_RESPONSE,
                 LdapCodes.DEL_RESPONSE, LdapCodes.MOD_DN_RESPONSE, LdapCodes.COMPARE_RESPONSE -> result(in, m);
            // DelRequest is a primitive [APPLICATION 10] LDAPDN, but Zeek reads a BER element from its bytes
            case LdapCodes.MODIFY_REQUEST, LdapCodes.DEL_REQUEST -> objectName(in, m);
            case LdapCodes.ABANDON_REQUEST -> {
                Long id = number(element(in, true, 0));
                if (id == null) yield false;
                m.object = Long.toString(id);
                yield true;
            }
            case LdapCodes.EXTENDED_REQUEST -> extendedRequest(in, m);
            case LdapCodes.EXTENDED_RESPONSE -> extendedResponse(in, m);
            case LdapCodes.ADD_REQUEST, LdapCodes.COMPARE_REQUEST, LdapCodes.INTERMEDIATE_RESPONSE,
                 LdapCodes.MOD_DN_REQUEST, LdapCodes.SEARCH_RESULT_REFERENCE -> true; // not parsed by Zeek
            default -> bad("no parser for LDAP operation " + m.opcode);
        };
    }

    private boolean objectName(ByteCursor in, Builder m) {
        String s = string(element(in, true, 0));
        if (s == null) return false;
        m.object = s;
        return true;
    }

    /** LDAPResult (RFC 4511 §4.1.9): resultCode, matchedDN, diagnosticMessage; referral ignored. */
    private boolean result(ByteCursor in, Builder m) {
        Long code = number(element(in, true, 0));
        if (code == null) return false;
        m.result = (int) (code & 0xff);
        String dn = string(element(in, true, 0));
        if (dn == null) return false;
        m.matchedDn = dn;
        String diag = string(element(in, true, 0));
        if (diag == null) return false;
        m.diagnostic = diag;
        return true;
    }

    private boolean bindRequest(ByteCursor in, Builder m) {
        Long version = number(element(in, true, 0));
        if (version == null) return false;
        m.bindVersion = version;
        if (!objectName(in, m)) return false;
        BerElement auth = element(in, true, 0);
        if (auth == null) return false;
        boolean hasAuthType = auth.tagClass() != BerElement.UNIVERSAL;
        byte[] data = hasAuthType ? auth.contents() : new byte[0];
        if (hasAuthType) m.bindAuthType = auth.tagNumber();
        if (data.length > 0) {
            switch (auth.tagNumber()) {
                case LdapCodes.BIND_AUTH_SIMPLE -> m.argument = utf8(data);
                case LdapCodes.BIND_AUTH_SASL -> {
                    var creds = ByteCursor.of(data);
                    String mech = string(element(creds, false, 0));
                    if (mech == null) return false;
                    if (mech.equals("GSS-SPNEGO") && !spnegoInit(creds)) return false;
                    m.argument = mech;
                    m.saslMechanism = mech;
                }
                case LdapCodes.SICILY_NEGOTIATE, LdapCodes.SICILY_RESPONSE -> {
                    if (!startsWith(ByteCursor.of(data), NTLMSSP)) return bad("Sicily message without NTLMSSP signature");
                    m.argument = "NTLMSSP";
                }
                default -> { }
            }
        }
        return hasAuthType || bad("BindRequest without authentication choice");
    }

    private static final byte[] NTLMSSP = "NTLMSSP".getBytes(StandardCharsets.US_ASCII);

    /** GSS_SPNEGO_Init: the credentials' OCTET STRING header, then RFC 2743 0x60, RFC 4178 0xa1 or NTLMSSP. */
    private boolean spnegoInit(ByteCursor in) {
        Header h = header(in);
        if (h == null || in.truncated()) return bad("short SPNEGO credentials");
        if (h.number != BerElement.OCTET_STRING) return bad("SPNEGO credentials are not an OCTET STRING");
        int first = in.peekU8(0);
        if (first == 0x60 || first == 0xa1) {
            in.skip(1);
            if (!length(in)) return false;
            if (first == 0xa1) return true;
            Header oid = header(in);
            if (oid == null || in.truncated()) return bad("short SPNEGO negTokenInit");
            if (oid.cls != BerElement.UNIVERSAL || oid.number != BerElement.OID) return bad("negTokenInit without OID");
            String s = oid(in, oid.len);
            if (s == null) return false;
            return s.equals(SPNEGO_OID) || bad("negTokenInit OID is not SPNEGO");
        }
        if (startsWith(in, NTLMSSP)) return true;
        return bad("unexpected SPNEGO token");
    }

    private boolean bindResponse(ByteCursor in, Builder m) {
        if (!result(in, m)) return false;
        List<byte[]> creds = new ArrayList<>();
        while (in.remaining() > 0) {
            Header h = header(in);
            if (h == null || in.truncated()) return bad("short serverSaslCreds");
            if (h.cls != BerElement.CONTEXT_SPECIFIC || h.number != 7) return bad("not serverSaslCreds");
            byte[] payload = bytes(in, h.len);
            if (payload == null) return false;
            creds.add(payload);
        }
        if ("GSS-SPNEGO".equals(saslMechanism) && !creds.isEmpty()) return spnegoResponse(ByteCursor.of(creds.get(0)), m);
        return true;
    }

    /** GSS_SPNEGO_Subsequent: a negTokenResp (RFC 4178 §4.2.2) or a raw NTLMSSP message. */
    private boolean spnegoResponse(ByteCursor in, Builder m) {
        if (startsWith(in, NTLMSSP)) return true;
        if (in.peekU8(0) != 0xa1) return bad("unexpected SPNEGO response token");
        in.skip(1);
        if (!length(in)) return false;
        BerElement seq = element(in, true, 0);
        if (seq == null) return false;
        if (seq.children() == null) return bad("negTokenResp is not a sequence");
        boolean accepted = false;
        BerElement supportedMech = null;
        byte[] responseToken = null;
        for (BerElement e : seq.children()) {
            int id = e.tagClass() != BerElement.UNIVERSAL ? e.tagNumber() : 0;
            switch (id) {
                case 0 -> {
                    if (e.contents() == null) return bad("negState unset");
                    accepted = Arrays.equals(e.contents(), new byte[]{0x0a, 0x01, 0x00});
                }
                case 1 -> supportedMech = e;
                case 2 -> responseToken = e.contents();
                case 3 -> { } // mechListMIC
                default -> {
                    return bad("unhandled NegTokenResp id " + id);
                }
            }
        }
        if (supportedMech != null) {
            String oid = string(element(ByteCursor.of(supportedMech.contents()), false, 0));
            if (oid == null) return false;
            m.krb5 = accepted && oid.equals(GSSAPI_MECH_MS_KRB5) && responseToken != null;
        }
        return true;
    }

    private boolean searchRequest(ByteCursor in, Builder m) {
        String base = string(element(in, true, 0));
        if (base == null) return false;
        m.object = base;
        Long scope = number(element(in, true, 0));
        if (scope == null) return false;
        Long deref = number(element(in, true, 0));
        if (deref == null) return false;
        Long size = number(element(in, true, 0));
        if (size == null) return false;
        Long time = number(element(in, true, 0));
        if (time == null) return false;
        BerElement types = element(in, true, 0);
        if (types == null) return false;
        if (types.bool() == null) return bad("typesOnly is not a BOOLEAN");
        String filter = filter(in, 0);
        if (filter == null) return false;
        BerElement attrs = element(in, true, 0);
        if (attrs == null) return false;
        var attributes = new ArrayList<String>();
        if (attrs.tagClass() == BerElement.UNIVERSAL && attrs.tagNumber() == BerElement.SEQUENCE && attrs.children() != null) {
            for (BerElement a : attrs.children()) if (a.string() != null) attributes.add(a.string());
        }
        m.search = new LdapMessage.Search(base, scope, deref, size, time, types.bool(), filter, attributes);
        return true;
    }

    /** A SearchFilter (RFC 4511 §4.5.1.7) in Zeek's string form, or null on error. */
    private String filter(ByteCursor in, int depth) {
        if (depth > MAX_FILTER_DEPTH) {
            bad("LDAP exceeded max filter recursion depth");
            return null;
        }
        BerElement f = element(in, true, 0);
        if (f == null) return null;
        if (f.tagClass() == BerElement.UNIVERSAL) {
            bad("invalid search filter");
            return null;
        }
        var body = ByteCursor.of(f.contents());
        return switch (f.tagNumber()) {
            case LdapCodes.FILTER_AND, LdapCodes.FILTER_OR -> {
                char op = f.tagNumber() == LdapCodes.FILTER_AND ? '&' : '|';
                List<String> parts = new ArrayList<>();
                while (body.remaining() > 0) {
                    String p = filter(body, depth + 1);
                    if (p == null) yield null;
                    parts.add(p);
                }
                String repr = "";
                for (int i = 0; i < parts.size(); i++) {
                    if (i == 0) repr = "(" + op + parts.get(0) + (parts.size() == 1 ? ")" : "");
                    else if (i == 1) repr = repr + parts.get(1) + ")";
                    else repr = "(" + op + repr + parts.get(i) + ")";
                }
                yield repr;
            }
            case LdapCodes.FILTER_NOT -> {
                String inner = filter(body, depth + 1);
                yield inner == null ? null : "(!" + inner + ")";
            }
            case LdapCodes.FILTER_EQ, LdapCodes.FILTER_GE, LdapCodes.FILTER_LE, LdapCodes.FILTER_APPROX,
                 LdapCodes.FILTER_EXT -> attributeValue(body, f.tagNumber());
            case LdapCodes.FILTER_SUBSTR -> substrings(body);
            case LdapCodes.FILTER_PRESENT -> "(" + ascii(f.contents()) + "=*)";
            default -> {
                bad("no parser for search filter " + f.tagNumber());
                yield null;
            }
        };
    }

    /** Zeek's DecodedAttributeValue: tag, one length byte, attribute; tag, one length byte, value. */
    private String attributeValue(ByteCursor in, int type) {
        in.u8();
        byte[] desc = bytes(in, in.u8());
        in.u8();
        byte[] value = bytes(in, in.u8());
        byte[] match = null;
        if (type == LdapCodes.FILTER_EXT) {
            in.u8();
            match = bytes(in, in.u8());
        }
        if (in.truncated() || desc == null || value == null || type == LdapCodes.FILTER_EXT && match == null) {
            bad("short attribute value assertion");
            return null;
        }
        String d = utf8(desc), v = LdapCodes.decodeAssertionValue(d, value);
        return switch (type) {
            case LdapCodes.FILTER_EXT -> "(" + v + ":" + d + ":=" + utf8(match) + ")";
            case LdapCodes.FILTER_APPROX -> "(" + d + "~=" + v + ")";
            case LdapCodes.FILTER_GE -> "(" + d + ">=" + v + ")";
            case LdapCodes.FILTER_LE -> "(" + d + "<=" + v + ")";
            default -> "(" + d + "=" + v + ")";
        };
    }

    /** Zeek's SubstringFilter: tag, one length byte, attribute, then [0] initial / [1] any / [2] final. */
    private String substrings(ByteCursor in) {
        in.u8();
        byte[] desc = bytes(in, in.u8());
        Header h = header(in);
        if (desc == null || h == null || in.truncated()) {
            bad("short substring filter");
            return null;
        }
        if (h.len > in.remaining()) {
            bad("short substring filter");
            return null;
        }
        ByteCursor list = in.slice((int) h.len);
        String initial = "", fin = "";
        List<String> anys = new ArrayList<>();
        while (list.remaining() > 0) {
            BerElement e = element(list, false, 0);
            if (e == null) return null;
            if (e.contents() == null) {
                bad("substring choice is not context-specific");
                return null;
            }
            String s = utf8(e.contents());
            switch (e.tagNumber()) {
                case 0 -> initial = s;
                case 1 -> anys.add(s);
                case 2 -> fin = s;
                default -> {
                    bad("invalid substring choice " + e.tagNumber());
                    return null;
                }
            }
        }
        String any = anys.isEmpty() ? "" : String.join("*", anys) + "*";
        return "(" + utf8(desc) + "=" + initial + "*" + any + fin + ")";
    }

    private boolean extendedRequest(ByteCursor in, Builder m) {
        Header h = header(in);
        if (h == null || in.truncated()) return bad("short ExtendedRequest");
        if (h.cls != BerElement.CONTEXT_SPECIFIC) return bad("requestName is not context-specific");
        byte[] name = bytes(in, h.len);
        if (name == null) return false;
        m.object = ascii(name);
        if (in.remaining() > 0) {
            BerElement value = element(in, false, 0);
            if (value == null) return false;
            if (value.tagClass() != BerElement.CONTEXT_SPECIFIC) return bad("requestValue is not context-specific");
        }
        m.startTls = m.object.equals(STARTTLS_OID);
        return true;
    }

    private boolean extendedResponse(ByteCursor in, Builder m) {
        if (!result(in, m)) return false;
        for (int i = 0; i < 2 && in.remaining() > 0; i++) {
            BerElement e = element(in, false, 0);
            if (e == null) return false;
            if (e.tagClass() != BerElement.CONTEXT_SPECIFIC) return bad("ExtendedResponse entry is not context-specific");
            if (e.tagNumber() != 10 && e.tagNumber() != 11) return bad("Unhandled extended response tag " + e.tagNumber());
        }
        return true;
    }

    // --- BER (asn1.spicy) -----------------------------------------------------------------------

    /** Identifier and length octets. */
    private static final class Header {
        int cls, number;
        boolean constructed;
        long len;
    }

    /** Reads a header; null with {@link #error} set, or with the cursor truncated. */
    private Header header(ByteCursor in) {
        int id = in.u8();
        var h = new Header();
        h.cls = id >> 6;
        h.constructed = (id & 0x20) != 0;
        h.number = id & 0x1f;
        h.len = lengthValue(in);
        if (h.len < 0 || in.truncated()) return null;
        return h;
    }

    private boolean length(ByteCursor in) {
        return lengthValue(in) >= 0 && !in.truncated();
    }

    /** X.690 §8.1.3 definite length (short or long form; the indefinite form reads as 0); -1 on error. */
    private long lengthValue(ByteCursor in) {
        int first = in.u8();
        if ((first & 0x80) == 0) return first;
        int n = first & 0x7f;
        if (n > 8) {
            bad("length of " + n + " bytes does not fit 64 bits");
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) v = v << 8 | in.u8();
        if (v < 0) { // beyond what any capture holds: treat as too short
            in.skip(Integer.MAX_VALUE);
            return -1;
        }
        return v;
    }

    /** ASN1Message(recursive, depth): null with {@link #error} set on any error, incl. running out. */
    private BerElement element(ByteCursor in, boolean recursive, int depth) {
        if (depth > MAX_BER_DEPTH) {
            bad("ASN.1 exceeded max recursion depth");
            return null;
        }
        Header h = header(in);
        if (h == null) {
            bad("short ASN.1 header");
            return null;
        }
        if (h.cls != BerElement.UNIVERSAL) {
            byte[] data = bytes(in, h.len);
            return data == null ? null : new BerElement(h.cls, h.number, h.len, null, null, null, null, data);
        }
        Long num = null;
        Boolean bool = null;
        String str = null;
        List<BerElement> children = null;
        switch (h.number) {
            case BerElement.BOOLEAN -> {
                int b = in.u8();
                if (in.truncated()) return shortBody();
                if (h.len != 1) return badNull("BOOLEAN of length " + h.len);
                bool = b != 0;
            }
            case BerElement.INTEGER, BerElement.ENUMERATED -> {
                if (h.len > in.remaining()) return shortBody();
                num = integer(in, h.len);
                if (num == null) return null;
            }
            case BerElement.NULL -> {
                if (h.len != 0) return badNull("NULL of length " + h.len);
            }
            case BerElement.BIT_STRING -> {
                in.u8();
                if (in.truncated() || bytes(in, h.len - 1) == null) return shortBody();
            }
            case BerElement.OCTET_STRING -> {
                byte[] b = bytes(in, h.len);
                if (b == null) return null;
                str = ascii(b);
            }
            case BerElement.OID -> {
                str = oid(in, h.len);
                if (str == null) return null;
            }
            case 19, 23, 24 -> { // PrintableString, UTCTime, GeneralizedTime: ASCII
                byte[] b = bytes(in, h.len);
                if (b == null) return null;
                str = ascii(b);
            }
            case 12, 18, 20, 21, 22, 25, 26, 27, 28, 29, 30 -> {
                byte[] b = bytes(in, h.len);
                if (b == null) return null;
                str = utf8(b);
            }
            case BerElement.SEQUENCE, BerElement.SET -> {
                if (recursive) {
                    if (h.len > in.remaining()) return shortBody();
                    ByteCursor sub = in.slice((int) h.len);
                    children = new ArrayList<>();
                    while (sub.remaining() > 0) {
                        BerElement e = element(sub, true, depth + 1);
                        if (e == null) return null;
                        children.add(e);
                    }
                }
            }
            default -> {
                if (bytes(in, h.len) == null) return null;
            }
        }
        return new BerElement(h.cls, h.number, h.len, num, bool, str, children, null);
    }

    private BerElement shortBody() {
        bad("insufficient input for ASN.1 body");
        return null;
    }

    private BerElement badNull(String reason) {
        bad(reason);
        return null;
    }

    /** {@code n} bytes copied, or null (error recorded) when fewer remain. */
    private byte[] bytes(ByteCursor in, long n) {
        if (in.truncated() || n < 0 || n > in.remaining()) {
            in.skip(in.remaining() + 1);
            bad("insufficient input");
            return null;
        }
        byte[] b = new byte[(int) n];
        in.read(b, 0, (int) n);
        return b;
    }

    /** A big-endian two's complement integer of {@code n} ≤ 8 bytes (Spicy's {@code to_int}). */
    private Long integer(ByteCursor in, long n) {
        if (n > 8) {
            bad("integer of " + n + " bytes");
            return null;
        }
        byte[] b = bytes(in, n);
        if (b == null) return null;
        long v = 0;
        for (byte x : b) v = v << 8 | (x & 0xff);
        if (n > 0 && n < 8 && (b[0] & 0x80) != 0) v -= 1L << (8 * n);
        return v;
    }

    /** OBJECT IDENTIFIER contents (X.690 §8.19) as dotted decimal, Zeek's way. */
    private String oid(ByteCursor in, long len) {
        if (len < 1 || len > in.remaining()) {
            bad("insufficient input for OBJECT IDENTIFIER");
            return null;
        }
        int first = in.u8();
        var s = new StringBuilder().append(first / 40).append('.').append(first % 40);
        long v = 0;
        for (long i = 1; i < len; i++) {
            int b = in.u8();
            v = v << 7 | (b & 0x7f);
            if ((b & 0x80) == 0) {
                s.append('.').append(Long.toUnsignedString(v));
                v = 0;
            }
        }
        return s.toString();
    }

    private Long number(BerElement e) {
        if (e == null) return null;
        if (e.number() == null) bad("element is not an INTEGER");
        return e.number();
    }

    private String string(BerElement e) {
        if (e == null) return null;
        if (e.string() == null) bad("element is not a string");
        return e.string();
    }

    private static boolean startsWith(ByteCursor in, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) if (in.peekU8(i) != (prefix[i] & 0xff)) return false;
        in.skip(prefix.length);
        return true;
    }

    /** Spicy's ASCII decoding: bytes outside 7-bit ASCII become '?'. */
    static String ascii(byte[] b) {
        var s = new StringBuilder(b.length);
        for (byte x : b) s.append(x >= 0 ? (char) x : '?');
        return s.toString();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
