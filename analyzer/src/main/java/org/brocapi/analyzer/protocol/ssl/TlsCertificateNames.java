package org.brocapi.analyzer.protocol.ssl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.brocapi.analyzer.bytes.ByteCursor;

/**
 * The host names of a DER X.509 certificate (RFC 5280 §4.1, §4.2.1.6) as Zeek's
 * {@code x509_check_cert_hostname} consults them: the subjectAltName dNSNames when that
 * extension exists, else the last commonName of the subject; and its wildcard rule.
 */
final class TlsCertificateNames {
    private static final byte[] OID_SAN = {0x55, 0x1d, 0x11};  // 2.5.29.17
    private static final byte[] OID_CN = {0x55, 0x04, 0x03};   // 2.5.4.3

    /** SAN dNSNames (null when the certificate has no SAN extension) and the subject's last CN. */
    record Names(List<String> sanDns, String lastCn) { }

    private TlsCertificateNames() { }

    /** Null when the certificate cannot be read. */
    static Names of(byte[] der) {
        var cert = ByteCursor.of(der);
        var tbs = element(cert, 0x30);
        if (tbs == null) return null;
        tbs = element(tbs, 0x30);
        if (tbs == null) return null;
        if (tbs.peekU8(0) == 0xa0) element(tbs, 0xa0); // version
        for (int i = 0; i < 4; i++) element(tbs, -1);  // serial, signature, issuer, validity
        var subject = element(tbs, 0x30);
        if (subject == null) return null;
        String cn = lastCn(subject);
        element(tbs, -1); // subjectPublicKeyInfo
        List<String> san = null;
        while (tbs.remaining() > 0 && !tbs.truncated()) {
            int tag = tbs.peekU8(0);
            var field = element(tbs, -1);
            if (field == null) return null;
            if (tag != 0xa3) continue;
            var exts = element(field, 0x30);
            while (exts != null && exts.remaining() > 0) {
                var ext = element(exts, 0x30);
                if (ext == null) return null;
                var oid = element(ext, 0x06);
                if (ext.peekU8(0) == 0x01) element(ext, 0x01); // critical
                var value = element(ext, 0x04);
                if (oid == null || value == null || !is(oid, OID_SAN)) continue;
                san = dnsNames(value);
            }
        }
        return new Names(san, cn);
    }

    private static List<String> dnsNames(ByteCursor value) {
        List<String> out = new ArrayList<>();
        var names = element(value, 0x30);
        while (names != null && names.remaining() > 0) {
            int tag = names.peekU8(0);
            var name = element(names, -1);
            if (name == null) break;
            if (tag == 0x82) out.add(string(name)); // dNSName [2] IA5String
        }
        return out;
    }

    private static String lastCn(ByteCursor subject) {
        String cn = null;
        while (subject.remaining() > 0) {
            var set = element(subject, 0x31);
            if (set == null) break;
            while (set.remaining() > 0) {
                var atv = element(set, 0x30);
                if (atv == null) break;
                var oid = element(atv, 0x06);
                var value = element(atv, -1);
                if (oid != null && value != null && is(oid, OID_CN)) cn = string(value);
            }
        }
        return cn;
    }

    /** Zeek's {@code x509_check_cert_hostname} != "". */
    static boolean matches(Names names, String host) {
        if (names.sanDns() != null) {
            for (String n : names.sanDns()) if (hostMatches(host, n)) return true;
            return false;
        }
        return names.lastCn() != null && hostMatches(host, names.lastCn());
    }

    /** Zeek's {@code check_hostname}: exact, or one wildcard ending the leftmost of at least three labels. */
    static boolean hostMatches(String host, String certName) {
        if (host.equals(certName)) return true;
        int wild = certName.indexOf('*');
        if (wild < 0) return false;
        int first = certName.indexOf('.');
        if (first < 0 || certName.indexOf('.', first + 1) < 0) return false;
        if (wild + 1 != first) return false;
        int hostFirst = host.indexOf('.');
        if (hostFirst < 0) return false;
        if (!host.substring(hostFirst).equals(certName.substring(first))) return false;
        return wild == 0 || host.startsWith(certName.substring(0, wild));
    }

    /** The content of the next DER element (tag must equal {@code tag} unless -1); null when malformed. */
    private static ByteCursor element(ByteCursor in, int tag) {
        int t = in.u8();
        if (in.truncated() || (tag >= 0 && t != tag)) return null;
        int len = in.u8();
        if ((len & 0x80) != 0) {
            int n = len & 0x7f;
            if (n == 0 || n > 3) return null;
            len = 0;
            for (int i = 0; i < n; i++) len = len << 8 | in.u8();
        }
        var content = in.slice(len);
        return in.truncated() ? null : content;
    }

    private static boolean is(ByteCursor oid, byte[] want) {
        if (oid.remaining() != want.length) return false;
        for (int i = 0; i < want.length; i++) if (oid.peekU8(i) != (want[i] & 0xff)) return false;
        return true;
    }

    private static String string(ByteCursor c) {
        return new String(c.array(), c.position(), c.remaining(), StandardCharsets.ISO_8859_1);
    }
}
