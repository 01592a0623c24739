package org.brocapi.analyzer.files.x509;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.brocapi.analyzer.files.x509.DerReader.Tlv;

/**
 * Parses a DER certificate (RFC 5280 §4.1) into the fields Zeek's X509 analyzer
 * (file_analysis/analyzer/x509/X509.cc, ParseCertificate) gives its scripts, rendered the way
 * OpenSSL prints them there. Pure; never throws on bad input: a certificate OpenSSL's
 * {@code d2i_X509} would reject gives null (Zeek then raises no event and logs nothing).
 */
public final class X509Parser {
    private X509Parser() { }

    /** Names longer than this are cut: Zeek reads them back with BIO_gets into a 2048-byte buffer. */
    private static final int NAME_BUFFER = 2047;

    public static X509Certificate parse(byte[] der) {
        try {
            return parseUnguarded(der);
        } catch (RuntimeException e) {
            // the reader is bounds-checked (X509FuzzTest checks that); this guards a case it missed
            return null;
        }
    }

    /**
     * Zeek's {@code parse_distinguished_name}: a DER Name printed as certificate subjects are,
     * cut to 255 characters (its buffer); the empty string when it does not parse.
     */
    public static String distinguishedName(byte[] der) {
        try {
            Tlv name = DerReader.of(der, 0, der.length).read(DerReader.SEQUENCE);
            String s = name == null ? null : X509NameFormatter.format(name);
            if (s == null) return "";
            return s.length() > 255 ? s.substring(0, 255) : s;
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** {@link #parse} without its last-resort guard, for the fuzz test. */
    static X509Certificate parseUnguarded(byte[] der) {
        DerReader top = DerReader.of(der, 0, der.length);
        Tlv cert = top.read(DerReader.SEQUENCE);
        if (cert == null) return null;
        DerReader c = cert.contents();
        Tlv tbsTlv = c.read(DerReader.SEQUENCE);
        Tlv outerAlg = c.read(DerReader.SEQUENCE);
        Tlv signature = c.read(DerReader.BIT_STRING);
        if (c.failed() || signature == null) return null;
        String sigOid = algorithmOid(outerAlg);
        if (sigOid == null) return null;

        DerReader tbs = tbsTlv.contents();
        long version = 1;
        if (tbs.peekTag() == 0xa0) {
            Tlv explicit = tbs.read();
            BigInteger n = explicit == null ? null : integer(explicit.contents().read(DerReader.INTEGER));
            if (n == null) return null;
            version = n.longValue() + 1;
        }
        Tlv serialTlv = tbs.read(DerReader.INTEGER);
        String serial = serial(serialTlv);
        Tlv innerAlg = tbs.read(DerReader.SEQUENCE);
        Tlv issuer = tbs.read(DerReader.SEQUENCE);
        Tlv validity = tbs.read(DerReader.SEQUENCE);
        Tlv subject = tbs.read(DerReader.SEQUENCE);
        Tlv spki = tbs.read(DerReader.SEQUENCE);
        if (tbs.failed() || serial == null || algorithmOid(innerAlg) == null) return null;
        String subjectText = X509NameFormatter.format(subject);
        String issuerText = X509NameFormatter.format(issuer);
        if (subjectText == null || issuerText == null) return null;

        DerReader val = validity.contents();
        Tlv notBefore = val.read(), notAfter = val.read();
        if (val.failed() || !isTime(notBefore) || !isTime(notAfter)) return null;

        DerReader keyInfo = spki.contents();
        Tlv keyAlgTlv = keyInfo.read(DerReader.SEQUENCE);
        Tlv keyBits = keyInfo.read(DerReader.BIT_STRING);
        String keyOid = algorithmOid(keyAlgTlv);
        if (keyInfo.failed() || keyOid == null) return null;

        X509LogEntry.San san = null;
        X509LogEntry.BasicConstraints basic = null;
        // issuerUniqueID [1], subjectUniqueID [2], then extensions [3] (RFC 5280 §4.1)
        while (tbs.hasMore()) {
            Tlv t = tbs.read();
            if (t == null) return null;
            if (t.tag() != 0xa3) continue;
            DerReader exts = t.contents().read(DerReader.SEQUENCE) instanceof Tlv s ? s.contents() : null;
            if (exts == null) return null;
            while (exts.hasMore()) {
                Tlv ext = exts.read(DerReader.SEQUENCE);
                if (ext == null) return null;
                DerReader e = ext.contents();
                String oid = DerReader.oid(e.read(DerReader.OID));
                if (e.peekTag() == DerReader.BOOLEAN) e.read();
                Tlv value = e.read(DerReader.OCTET_STRING);
                if (oid == null || value == null) return null;
                // each extension raises its own event: a later duplicate replaces the earlier one
                if (oid.equals(X509Names.SAN)) {
                    X509LogEntry.San s = san(value.contents());
                    if (s != null) san = s;
                } else if (oid.equals(X509Names.BASIC_CONSTRAINTS)) {
                    X509LogEntry.BasicConstraints b = basicConstraints(value.contents());
                    if (b != null) basic = b;
                }
            }
            if (exts.failed()) return null;
        }

        Key key = key(keyOid, keyAlgTlv, keyBits);
        return new X509Certificate(version, serial, subjectText, issuerText, time(notBefore), time(notAfter),
                X509Names.algorithm(keyOid), X509Names.algorithm(sigOid), key == null ? null : key.type,
                key == null ? null : key.length, key == null ? null : key.exponent, key == null ? null : key.curve,
                san, basic);
    }

    private static String algorithmOid(Tlv alg) {
        if (alg == null) return null;
        return DerReader.oid(alg.contents().read(DerReader.OID));
    }

    private static BigInteger integer(Tlv t) {
        if (t == null || t.len() == 0) return null;
        return new BigInteger(t.value());
    }

    /**
     * {@code i2a_ASN1_INTEGER}: the magnitude in upper-case hex, two digits a byte, {@code -} for a
     * negative value, a backslash-newline after every 35 bytes. OpenSSL's decoder (c2i_ibuf)
     * rejects a padding octet that is not needed; the certificate then does not parse.
     */
    static String serial(Tlv t) {
        if (t == null || t.len() == 0) return null;
        byte[] v = t.value();
        if (v.length > 1 && (v[0] == 0 && (v[1] & 0x80) == 0 || v[0] == (byte) 0xff && (v[1] & 0x80) != 0)) {
            return null;
        }
        BigInteger n = new BigInteger(v);
        byte[] mag = n.abs().toByteArray();
        int start = mag.length > 1 && mag[0] == 0 ? 1 : 0;
        StringBuilder sb = new StringBuilder();
        if (n.signum() < 0) sb.append('-');
        for (int i = start; i < mag.length; i++) {
            if (i > start && (i - start) % 35 == 0) sb.append("\\\n");
            sb.append(Character.toUpperCase(Character.forDigit((mag[i] >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(mag[i] & 0xf, 16)));
        }
        return sb.toString();
    }

    private static boolean isTime(Tlv t) {
        return t != null && (t.tag() == DerReader.UTC_TIME || t.tag() == DerReader.GENERALIZED_TIME);
    }

    /**
     * X509Common::GetTimeFromAsn1, including its quirks: a two-digit year below 50 is 20xx,
     * missing seconds are 00, fractions are skipped, and an offset {@code +hhmm} adds
     * {@code h1*10 + h2*60 + m1*10 + m2} seconds. Anything it rejects is 0.
     */
    static double time(Tlv t) {
        byte[] s = t.value();
        char[] buf = new char[14];
        int p = 0, rem = s.length;
        if (t.tag() == DerReader.UTC_TIME) {
            if (rem < 11 || rem > 17 || s[rem - 1] != 'Z') return 0;
            buf[0] = s[0] < '5' ? '2' : '1';
            buf[1] = s[0] < '5' ? '0' : '9';
            for (int i = 0; i < 10; i++) buf[2 + i] = (char) s[i];
            p = 10;
            rem -= 10;
        } else {
            if (rem < 12 || rem > 23) return 0;
            for (int i = 0; i < 12; i++) buf[i] = (char) s[i];
            p = 12;
            rem -= 12;
        }
        if (rem == 0 || s[p] == 'Z' || s[p] == '-' || s[p] == '+') {
            buf[12] = '0';
            buf[13] = '0';
        } else if (rem >= 2) {
            buf[12] = (char) s[p++];
            buf[13] = (char) s[p++];
            rem -= 2;
            if (rem > 0 && s[p] == '.') {
                p++;
                rem--;
                while (rem > 0 && s[p] >= '0' && s[p] <= '9') {
                    p++;
                    rem--;
                }
            }
        } else {
            return 0;
        }
        long offset = 0;
        if (rem != 0 && s[p] != 'Z') {
            if (rem < 5 || s[p] != '+' && s[p] != '-') return 0;
            offset = (s[p + 1] - '0') * 10L + (s[p + 2] - '0') * 60L + (s[p + 3] - '0') * 10L + (s[p + 4] - '0');
            if (s[p] == '-') offset = -offset;
        }
        long year = d(buf, 0) * 100 + d(buf, 2), month = d(buf, 4), day = d(buf, 6);
        long hour = d(buf, 8), min = d(buf, 10), sec = d(buf, 12);
        // Zeek subtracts 1900 only from years after 1900; timegm then adds it back either way
        if (year <= 1900) year += 1900;
        try {
            // timegm normalises out-of-range fields arithmetically, as plusMonths/plusDays do
            long days = java.time.LocalDate.of((int) year, 1, 1).plusMonths(month - 1).toEpochDay() + day - 1;
            long result = days * 86400 + hour * 3600 + min * 60 + sec;
            return result == 0 ? 0 : result + offset;
        } catch (java.time.DateTimeException e) {
            return 0;
        }
    }

    private static long d(char[] b, int i) {
        return (b[i] - '0') * 10L + (b[i + 1] - '0');
    }

    private record Key(String type, Long length, String exponent, String curve) { }

    /**
     * X509_extract_key and what Zeek reads from it: RSA (also for the md5WithRSAEncryption key
     * algorithm some RDP certificates carry) gives modulus bits and exponent, DSA the bits of p,
     * EC "ecdsa" with the named curve and its order's bits. Other key types give nothing, and so
     * does a key OpenSSL could not decode.
     */
    private static Key key(String oid, Tlv alg, Tlv bits) {
        if (bits == null || bits.len() < 1 || bits.b()[bits.off()] != 0) return null;
        DerReader keyData = DerReader.of(bits.b(), bits.off() + 1, bits.len() - 1);
        if (oid.equals(X509Names.RSA) || oid.equals(X509Names.MD5_WITH_RSA)) {
            Tlv seq = keyData.read(DerReader.SEQUENCE);
            if (seq == null) return null;
            DerReader r = seq.contents();
            BigInteger n = integer(r.read(DerReader.INTEGER)), e = integer(r.read(DerReader.INTEGER));
            if (r.failed() || n == null || e == null) return null;
            return new Key("rsa", (long) n.bitLength(), e.toString(), null);
        }
        DerReader params = alg.contents();
        params.read(DerReader.OID);
        if (oid.equals(X509Names.DSA)) {
            Tlv pqg = params.read(DerReader.SEQUENCE);
            if (pqg == null || integer(keyData.read(DerReader.INTEGER)) == null) return null;
            BigInteger p = integer(pqg.contents().read(DerReader.INTEGER));
            return p == null ? null : new Key("dsa", (long) p.bitLength(), null, null);
        }
        if (oid.equals(X509Names.EC)) {
            X509Names.Curve curve = X509Names.curve(DerReader.oid(params.read(DerReader.OID)));
            // an uncompressed (04) or compressed (02/03) point must follow
            int form = bits.len() > 1 ? bits.b()[bits.off() + 1] & 0xff : 0;
            if (curve == null || form < 2 || form > 4) return null;
            return new Key("ecdsa", (long) curve.orderBits(), null, curve.name());
        }
        return null;
    }

    /** GeneralNames (RFC 5280 §4.2.1.6): dNSName [2], rfc822Name [1], URI [6], iPAddress [7]. */
    private static X509LogEntry.San san(DerReader value) {
        Tlv seq = value.read(DerReader.SEQUENCE);
        if (seq == null) return null;
        DerReader names = seq.contents();
        List<String> dns = null, uri = null, email = null;
        List<byte[]> ip = null;
        while (names.hasMore()) {
            Tlv n = names.read();
            if (n == null) return null;
            switch (n.tag()) {
                case 0x82 -> (dns = dns == null ? new ArrayList<>() : dns).add(latin1(n));
                case 0x86 -> (uri = uri == null ? new ArrayList<>() : uri).add(latin1(n));
                case 0x81 -> (email = email == null ? new ArrayList<>() : email).add(latin1(n));
                case 0x87 -> {
                    // other lengths are a weird (x509_san_ip_length) and skipped
                    if (n.len() == 4 || n.len() == 16) (ip = ip == null ? new ArrayList<>() : ip).add(n.value());
                }
                default -> { }
            }
        }
        if (names.failed()) return null;
        return new X509LogEntry.San(dns, uri, email, ip);
    }

    private static String latin1(Tlv t) {
        return new String(t.b(), t.off(), t.len(), StandardCharsets.ISO_8859_1);
    }

    /** BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }. */
    private static X509LogEntry.BasicConstraints basicConstraints(DerReader value) {
        Tlv seq = value.read(DerReader.SEQUENCE);
        if (seq == null) return null;
        DerReader r = seq.contents();
        boolean ca = false;
        if (r.peekTag() == DerReader.BOOLEAN) {
            Tlv b = r.read();
            if (b == null || b.len() != 1) return null;
            ca = b.b()[b.off()] != 0;
        }
        Long pathLen = null;
        if (r.peekTag() == DerReader.INTEGER) {
            BigInteger n = integer(r.read());
            if (n == null) return null;
            pathLen = n.longValue();
        }
        if (r.failed()) return null;
        return new X509LogEntry.BasicConstraints(ca, pathLen);
    }
}
