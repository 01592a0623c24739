package org.brocapi.analyzer.protocol.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.brocapi.analyzer.testing.AnalyzerHarness;

/**
 * Fuzzes DNS: the message parser alone (any bytes parse to a message or to null, never an
 * exception, given the header the caller checks), and the whole analysis of DNS traffic over UDP and TCP port 53 (the analysis ends
 * and dns.log stays readable, whatever the payloads). Seeds are in
 * {@code src/test/resources/org/brocapi/analyzer/protocol/dns/DnsFuzzTestInputs/<method>/} (real
 * queries and responses; their README says how they were made). The build replays them; to fuzz
 * for real:
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -B -pl analyzer test-compile surefire:test@fuzz -Dtest='DnsFuzzTest#parserNeverThrows'
 * JAZZER_FUZZ=1 ./mvnw -B -pl analyzer test-compile surefire:test@fuzz -Dtest='DnsFuzzTest#analysisNeverThrows'
 * </pre>
 */
class DnsFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void parserNeverThrows(byte[] input) {
        if (input.length < DnsParser.HEADER_LEN) return; // the caller's check (see DnsParser.parse)
        var parser = new DnsParser();
        parser.parse(input, 0, input.length, false);
        parser.parse(input, 0, input.length, true);
        if (input.length >= DnsParser.HEADER_LEN + 3) parser.parse(input, 3, input.length - 3, false);
    }

    /**
     * The input is a list of messages, each {@code flags(1) length(2, big-endian) bytes}: flag bit 0
     * = from the client, bit 1 = over TCP (one connection, opened before its first message), bit 2
     * = a 40 s pause first (so requests time out). A framing that runs out ends the list.
     */
    @FuzzTest(maxDuration = "2m")
    void analysisNeverThrows(byte[] input) {
        var h = new AnalyzerHarness();
        boolean tcpOpened = false;
        for (int i = 0; i + 3 <= input.length; ) {
            int flags = input[i] & 0xff;
            int len = Math.min((input[i + 1] & 0xff) << 8 | input[i + 2] & 0xff, input.length - i - 3);
            byte[] payload = java.util.Arrays.copyOfRange(input, i + 3, i + 3 + len);
            i += 3 + len;
            boolean fromClient = (flags & 1) != 0;
            if ((flags & 4) != 0) h.pause(40);
            if ((flags & 2) == 0) {
                if (fromClient) h.udp("10.0.0.1", 5353, "10.0.0.2", 53, payload);
                else h.udp("10.0.0.2", 53, "10.0.0.1", 5353, payload);
            } else {
                if (!tcpOpened) h.tcpOpen("10.0.0.1", 40000, "10.0.0.2", 53);
                tcpOpened = true;
                h.tcp("10.0.0.1", 40000, "10.0.0.2", 53, fromClient, payload);
            }
        }
        if (input.length < 3) h.udp("10.0.0.1", 5353, "10.0.0.2", 53, input);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("dns-fuzz");
            var result = h.run(dir, "base/protocols/conn", "base/protocols/dns");
            assertThat(result.rows("conn")).isNotEmpty();
            result.rows("dns"); // every row has every column
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
