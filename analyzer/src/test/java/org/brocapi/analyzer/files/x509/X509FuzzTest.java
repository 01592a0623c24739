package org.brocapi.analyzer.files.x509;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the certificate parser below its last-resort guard: any bytes give a certificate or
 * null, never an exception. Seeds (keytool-made certificates, see their README) are in
 * {@code src/test/resources/org/brocapi/analyzer/files/x509/X509FuzzTestInputs/parserNeverThrows/};
 * the build replays them; to fuzz for real:
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -B -pl analyzer test-compile surefire:test@fuzz -Dtest='X509FuzzTest#parserNeverThrows'
 * </pre>
 */
class X509FuzzTest {
    @FuzzTest(maxDuration = "2m")
    void parserNeverThrows(byte[] input) {
        X509Parser.parseUnguarded(input);
    }
}
