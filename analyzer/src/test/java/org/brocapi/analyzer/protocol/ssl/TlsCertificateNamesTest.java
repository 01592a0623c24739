package org.brocapi.analyzer.protocol.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

class TlsCertificateNamesTest {
    @Test
    void wildcardCoversOnlyTheLeftmostLabelOfThreeOrMore() {
        assertThat(TlsCertificateNames.hostMatches("www.example.com", "*.example.com")).isTrue();
        assertThat(TlsCertificateNames.hostMatches("a.b.example.com", "*.example.com")).isFalse();
        assertThat(TlsCertificateNames.hostMatches("example.com", "*.com")).isFalse();
        assertThat(TlsCertificateNames.hostMatches("abcd.example.com", "abc*.example.com")).isTrue();
        assertThat(TlsCertificateNames.hostMatches("xbcd.example.com", "abc*.example.com")).isFalse();
        assertThat(TlsCertificateNames.hostMatches("www.example.com", "www.example.com")).isTrue();
    }

    @Test
    void sanDnsNamesWinOverTheSubjectCommonName() {
        var names = new TlsCertificateNames.Names(List.of("a.example.com"), "b.example.com");
        assertThat(TlsCertificateNames.matches(names, "a.example.com")).isTrue();
        assertThat(TlsCertificateNames.matches(names, "b.example.com")).isFalse();
        var cnOnly = new TlsCertificateNames.Names(null, "b.example.com");
        assertThat(TlsCertificateNames.matches(cnOnly, "b.example.com")).isTrue();
    }

    @Test
    void namesAreReadFromTheDer() {
        // a skeleton certificate: tbsCertificate with version, serial, algorithm, issuer, validity,
        // subject CN=b.example.com, key info, and extensions with subjectAltName DNS:a.example.com
        byte[] cn = "b.example.com".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] san = "a.example.com".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] atv = tlv(0x30, concat(Hex.bytes("0603550403"), tlv(0x0c, cn)));
        byte[] name = tlv(0x30, tlv(0x31, atv));
        byte[] sanValue = tlv(0x30, tlv(0x82, san));
        byte[] ext = tlv(0x30, concat(Hex.bytes("0603551d11"), tlv(0x04, sanValue)));
        byte[] tbs = tlv(0x30, concat(Hex.bytes("a003020102"), Hex.bytes("020101"), Hex.bytes("3000"), name,
                Hex.bytes("3000"), name, Hex.bytes("3000"), tlv(0xa3, tlv(0x30, ext))));
        byte[] cert = tlv(0x30, concat(tbs, Hex.bytes("3000"), Hex.bytes("030100")));
        var names = TlsCertificateNames.of(cert);
        assertThat(names.sanDns()).containsExactly("a.example.com");
        assertThat(names.lastCn()).isEqualTo("b.example.com");
    }

    private static byte[] tlv(int tag, byte[] content) {
        return concat(new byte[] {(byte) tag, (byte) content.length}, content);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
