package org.brocapi.analyzer.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.brocapi.analyzer.pcap.CapturedPacket;
import org.brocapi.analyzer.pcap.Captures;
import org.brocapi.analyzer.pcap.PacketSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Read and read+decode throughput over a capture given by path; prints figures, asserts no timing.
 * <pre>
 * ./mvnw -q -B -pl analyzer test -Dtest=ReadDecodeBench -Dbench.pcap=/tmp/bench.pcap [-Dbench.runs=5]
 * </pre>
 * Compare with {@code time tcpdump -r FILE -w /dev/null}. Never commit the capture.
 */
@EnabledIfSystemProperty(named = "bench.pcap", matches = ".+")
class ReadDecodeBench {
    @Test
    void readAndDecode() throws IOException {
        Path file = Path.of(System.getProperty("bench.pcap"));
        int runs = Integer.getInteger("bench.runs", 5);
        long size = Files.size(file);
        double bestRead = Double.MAX_VALUE, bestDecode = Double.MAX_VALUE, bestLenient = Double.MAX_VALUE;
        long packets = 0;
        long[] byResult = new long[DecodeResult.values().length];
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            long n = 0;
            long sink = 0;
            try (PacketSource src = Captures.open(file)) {
                CapturedPacket p;
                while ((p = src.next()) != null) {
                    n++;
                    sink += p.capLen;
                }
                assertThat(src.problem()).isNull();
            }
            bestRead = Math.min(bestRead, (System.nanoTime() - t0) / 1e9);
            assertThat(sink).isPositive();

            java.util.Arrays.fill(byResult, 0);
            bestDecode = Math.min(bestDecode, decodeAll(file, true, byResult));
            bestLenient = Math.min(bestLenient, decodeAll(file, false, new long[byResult.length]));
            packets = n;
        }
        System.out.printf("bench %s: %,d bytes, %,d packets, best of %d runs%n", file, size, packets, runs);
        System.out.printf("  read only    : %.3f s  %,.0f MB/s  %,.0f packets/s%n", bestRead, size / 1e6 / bestRead, packets / bestRead);
        System.out.printf("  read + decode: %.3f s  %,.0f MB/s  %,.0f packets/s (checksums verified)%n",
                bestDecode, size / 1e6 / bestDecode, packets / bestDecode);
        System.out.printf("  read + decode: %.3f s  %,.0f MB/s  %,.0f packets/s (-C: checksums not verified)%n",
                bestLenient, size / 1e6 / bestLenient, packets / bestLenient);
        StringBuilder sb = new StringBuilder("  results:");
        for (DecodeResult r : DecodeResult.values()) sb.append(' ').append(r).append('=').append(byResult[r.ordinal()]);
        System.out.println(sb);
    }

    /** Seconds to read and decode the whole file; counts results by kind. */
    private static double decodeAll(Path file, boolean verify, long[] byResult) throws IOException {
        long t0 = System.nanoTime();
        PacketDecoder decoder = new PacketDecoder(verify);
        Packet out = new Packet();
        try (PacketSource src = Captures.open(file)) {
            CapturedPacket p;
            while ((p = src.next()) != null) {
                byResult[decoder.decode(p, out).ordinal()]++;
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
