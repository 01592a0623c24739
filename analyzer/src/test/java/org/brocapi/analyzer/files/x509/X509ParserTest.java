package org.brocapi.analyzer.files.x509;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates made by the JDK's keytool, checked against what the JDK's own decoder reads from them. */
class X509ParserTest {
    static byte[] rsa, ec, dsa;

    @BeforeAll
    static void makeCertificates(@TempDir Path dir) throws Exception {
        rsa = keytool(dir, "rsa", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=host.example\\, \\\"quoted\\\",OU=Unit,O=Org,L=Zürich,ST=State,C=DE",
                "-ext", "san=dns:host.example,dns:www.example,ip:192.0.2.7,email:ops@example.org,uri:https://example.org/x",
                "-ext", "bc:c=ca:true,pathlen:2");
        ec = keytool(dir, "ec", "-keyalg", "EC", "-groupname", "secp384r1", "-dname", "CN=ec.example");
        dsa = keytool(dir, "dsa", "-keyalg", "DSA", "-keysize", "2048", "-dname", "CN=\\ leading space");
    }

    /** {@code keytool -genkeypair … ; keytool -exportcert}: the DER certificate. */
    static byte[] keytool(Path dir, String alias, String... args) throws Exception {
        String tool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path ks = dir.resolve("ks.p12"), out = dir.resolve(alias + ".der");
        List<String> gen = new ArrayList<>(List.of(tool, "-genkeypair", "-alias", alias, "-keystore", ks.toString(),
                "-storepass", "changeit", "-keypass", "changeit", "-storetype", "PKCS12", "-validity", "30"));
        gen.addAll(List.of(args));
        run(gen);
        run(List.of(tool, "-exportcert", "-alias", alias, "-keystore", ks.toString(), "-storepass", "changeit",
                "-file", out.toString()));
        return Files.readAllBytes(out);
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        p.getInputStream().transferTo(buf);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(buf.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static java.security.cert.X509Certificate jdk(byte[] der) throws Exception {
        return (java.security.cert.X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /** i2a_ASN1_INTEGER of a positive serial: whole bytes, upper case. */
    private static String serialHex(BigInteger n) {
        String h = n.toString(16).toUpperCase();
        return h.length() % 2 == 1 ? "0" + h : h;
    }

    @Test
    void rsaCertificateFields() throws Exception {
        var c = X509Parser.parse(rsa);
        var j = jdk(rsa);
        assertThat(c).isNotNull();
        assertThat(c.version()).isEqualTo(3);
        assertThat(c.serial()).isEqualTo(serialHex(j.getSerialNumber()));
        // RFC 2253 order as written; the comma and quotes escaped, the ü as its UTF-8 bytes
        assertThat(c.subject()).isEqualTo("CN=host.example\\, \\\"quoted\\\",OU=Unit,O=Org,L=Z\\C3\\BCrich,ST=State,C=DE");
        assertThat(c.issuer()).isEqualTo(c.subject());
        assertThat(c.notValidBefore()).isEqualTo(j.getNotBefore().getTime() / 1000.0);
        assertThat(c.notValidAfter()).isEqualTo(j.getNotAfter().getTime() / 1000.0);
        assertThat(c.keyAlg()).isEqualTo("rsaEncryption");
        assertThat(j.getSigAlgName()).isEqualTo("SHA384withRSA");
        assertThat(c.sigAlg()).isEqualTo("sha384WithRSAEncryption");
        assertThat(c.keyType()).isEqualTo("rsa");
        assertThat(c.keyLength()).isEqualTo(2048L);
        assertThat(c.exponent()).isEqualTo("65537");
        assertThat(c.curve()).isNull();
        assertThat(c.san().dns()).containsExactly("host.example", "www.example");
        assertThat(c.san().uri()).containsExactly("https://example.org/x");
        assertThat(c.san().email()).containsExactly("ops@example.org");
        assertThat(c.san().ip()).containsExactly(new byte[] {(byte) 192, 0, 2, 7});
        assertThat(c.basic().ca()).isTrue();
        assertThat(c.basic().pathLen()).isEqualTo(2L);
    }

    @Test
    void ecAndDsaKeys() throws Exception {
        var e = X509Parser.parse(ec);
        assertThat(e.keyAlg()).isEqualTo("id-ecPublicKey");
        assertThat(e.sigAlg()).isEqualTo("ecdsa-with-SHA384");
        assertThat(e.keyType()).isEqualTo("ecdsa");
        assertThat(e.keyLength()).isEqualTo(384L);
        assertThat(e.curve()).isEqualTo("secp384r1");
        assertThat(e.exponent()).isNull();
        assertThat(e.san()).isNull();
        assertThat(e.subject()).isEqualTo("CN=ec.example");

        var d = X509Parser.parse(dsa);
        assertThat(d.keyAlg()).isEqualTo("dsaEncryption");
        assertThat(d.sigAlg()).isEqualTo("dsa_with_SHA256");
        assertThat(d.keyType()).isEqualTo("dsa");
        assertThat(d.keyLength()).isEqualTo(2048L);
        // RFC 2253 §2.4: a leading space is escaped
        assertThat(d.subject()).isEqualTo("CN=\\ leading space");
    }

    @Test
    void multiValuedRdnUnknownAttributeAndControlCharacters() {
        // SEQUENCE { SET { C=US }, SET { O=a;b, OU=x }, SET { 1.2.3.4=PrintableString "v" }, SET { CN="\x01#" } }
        byte[] name = tlv(0x30, concat(
                rdn(atv("550406", tlv(0x13, "US"))),
                rdn(atv("55040a", tlv(0x0c, "a;b")), atv("55040b", tlv(0x13, "x"))),
                rdn(atv("2a0304", tlv(0x13, "v"))),
                rdn(atv("550403", tlv(0x0c, "\u0001#")))));
        String s = X509NameFormatter.format(DerReader.of(name, 0, name.length).read());
        assertThat(s).isEqualTo("CN=\\01#,1.2.3.4=#130176,OU=x+O=a\\;b,C=US");
    }

    @Test
    void distinguishedNameAsParseDistinguishedName() {
        byte[] dn = tlv(0x30, concat(rdn(atv("550406", tlv(0x13, "US"))), rdn(atv("55040a", tlv(0x0c, "Some, Org")))));
        assertThat(X509Parser.distinguishedName(dn)).isEqualTo("O=Some\\, Org,C=US");
        byte[] longDn = tlv(0x30, rdn(atv("550403", tlv(0x0c, "x".repeat(300)))));
        assertThat(X509Parser.distinguishedName(longDn)).hasSize(255).startsWith("CN=xxx");
        assertThat(X509Parser.distinguishedName(new byte[] {0x30, 0x05, 0x31})).isEmpty();
        assertThat(X509Parser.distinguishedName(new byte[0])).isEmpty();
    }

    @Test
    void serialRendering() {
        assertThat(X509Parser.serial(DerReader.of(new byte[] {2, 2, 0, (byte) 0x99}, 0, 4).read())).isEqualTo("99");
        assertThat(X509Parser.serial(DerReader.of(new byte[] {2, 1, 0}, 0, 3).read())).isEqualTo("00");
        assertThat(X509Parser.serial(DerReader.of(new byte[] {2, 1, (byte) 0xff}, 0, 3).read())).isEqualTo("-01");
        // a padding octet that is not needed: OpenSSL refuses the certificate
        assertThat(X509Parser.serial(DerReader.of(new byte[] {2, 2, 0, 1}, 0, 4).read())).isNull();
    }

    @Test
    void zeekTimeQuirks() {
        assertThat(X509Parser.time(DerReader.of(time(0x17, "140225143918Z"), 0, 15).read())).isEqualTo(1393339158.0);
        // no seconds: 00; a two-digit year from 50 is 19xx
        assertThat(X509Parser.time(DerReader.of(time(0x17, "9912312359Z"), 0, 13).read())).isEqualTo(946684740.0);
        assertThat(X509Parser.time(DerReader.of(time(0x18, "20140225143918.123Z"), 0, 21).read())).isEqualTo(1393339158.0);
        // UTCTime without Z is rejected: 0
        assertThat(X509Parser.time(DerReader.of(time(0x17, "140225143918+0100"), 0, 19).read())).isZero();
    }

    @Test
    void garbageNeverThrowsAndTruncationsAreRejected() {
        for (int n = 0; n < rsa.length; n += 7) {
            assertThat(X509Parser.parseUnguarded(java.util.Arrays.copyOf(rsa, n))).isNull();
        }
        Random r = new Random(5);
        for (int i = 0; i < 3000; i++) {
            byte[] b = (i % 2 == 0 ? rsa : ec).clone();
            for (int k = 0; k < 1 + r.nextInt(4); k++) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            X509Parser.parseUnguarded(b); // anything or null, but never an exception
            byte[] junk = new byte[r.nextInt(200)];
            r.nextBytes(junk);
            if (junk.length > 0) junk[0] = 0x30;
            assertThat(X509Parser.parseUnguarded(junk)).isNull();
        }
    }

    private static byte[] time(int tag, String s) {
        return tlv(tag, s);
    }

    private static byte[] rdn(byte[]... atvs) {
        return tlv(0x31, concat(atvs));
    }

    private static byte[] atv(String oidHex, byte[] value) {
        return tlv(0x30, concat(tlv(0x06, HexFormat.of().parseHex(oidHex)), value));
    }

    private static byte[] tlv(int tag, String s) {
        return tlv(tag, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (content.length < 128) {
            out.write(content.length);
        } else {
            out.write(0x82);
            out.write(content.length >> 8);
            out.write(content.length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
