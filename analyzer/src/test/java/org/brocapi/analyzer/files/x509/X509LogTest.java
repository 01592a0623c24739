package org.brocapi.analyzer.files.x509;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import org.brocapi.analyzer.log.LogOptions;
import org.brocapi.analyzer.log.LogOutput;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.script.ScriptConfig;
import org.brocapi.analyzer.script.ZeekInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** x509.log rows as base/files/x509/main.zeek writes them, with its known_log_certs deduplication. */
class X509LogTest {
    private static List<String> rows(Path dir, byte[] der, String... scripts) throws Exception {
        var args = new java.util.ArrayList<>(List.of("-b", "-r", "x.pcap"));
        args.addAll(List.of(scripts));
        var config = new ScriptConfig(ZeekInvocation.parse(args));
        var logs = new LogOutput(dir, LogOptions.defaults().withClock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
        var x509 = new X509Analyzer(new RunContext(config, logs));
        x509.certificate(100.5, der, true, false);
        x509.certificate(101.0, der, true, false); // the same (fingerprint, host, client): not again
        x509.certificate(102.0, der, false, false); // as a CA certificate: a new key
        x509.certificate(100.5 + 86400, der, true, false); // known_log_certs entry expired after a day
        x509.certificate(100.5 + 86400, new byte[] {0x30, 0x03, 1, 2, 3}, true, false); // unparsable: no row
        logs.close();
        return Files.readAllLines(dir.resolve("x509.log"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void rowsAndDeduplication(@TempDir Path ks, @TempDir Path dir) throws Exception {
        byte[] der = X509ParserTest.keytool(ks, "c", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=a.example,O=Org", "-ext", "san=dns:a.example,ip:2001:db8::1", "-ext", "bc:c=ca:false");
        var c = X509Parser.parse(der);
        String fp = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
        String row = "\t" + fp + "\t3\t" + c.serial() + "\tCN=a.example,O=Org\tCN=a.example,O=Org\t"
                + String.format("%.6f\t%.6f", c.notValidBefore(), c.notValidAfter())
                + "\tid-ecPublicKey\tecdsa-with-SHA384\tecdsa\t256\t-\tprime256v1\ta.example\t-\t-\t2001:db8::1\tF\t-\t";
        assertThat(rows(dir, der, "base/protocols/ssl")).containsExactly(
                "100.500000" + row + "T\tF", "102.000000" + row + "F\tF", "86500.500000" + row + "T\tF");
    }

    @Test
    void hostCertificatesOnly(@TempDir Path ks, @TempDir Path dir) throws Exception {
        byte[] der = X509ParserTest.keytool(ks, "c", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=b");
        assertThat(rows(dir, der, "protocols/ssl/log-hostcerts-only")).hasSize(2)
                .allSatisfy(r -> assertThat(r).endsWith("\tT\tF"));
    }
}
