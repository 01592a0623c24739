package org.brocapi.analyzer.files;

import java.util.List;
import java.util.Map;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.conn.LocalNets;

/**
 * Not a test: prints file-analysis throughput (ids, bof buffer, sniff, MD5+SHA1 as with
 * hash-all-files, files.log rows built but not written). Run after
 * {@code ./mvnw -q -B -pl analyzer test-compile}:
 * {@code java -cp analyzer/target/classes:analyzer/target/test-classes org.brocapi.analyzer.files.FileAnalysisBench}
 */
public final class FileAnalysisBench {
    public static void main(String[] args) {
        FilePolicy policy = FilePolicy.defaults().withScripts(true, false, true);
        byte[] chunk = new byte[1448];
        byte[] page = ("<!DOCTYPE html><html><head><title>x</title></head><body>" + "lorem ipsum ".repeat(150)
                + "</body></html>").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < chunk.length; i++) chunk[i] = (byte) (i * 31);
        for (int round = 0; round < 3; round++) {
            long[] rows = new long[1];
            var h = new FileHarness(policy, LocalNets.of(List.of(), true), Map.of());
            var files = new FileManager(policy, h.table.timers(), e -> rows[0]++, LocalNets.of(List.of(), true), Map.of());
            Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
            // large files: 64 × 16 MiB in MSS-sized chunks
            long t0 = System.nanoTime(), bytes = 0;
            for (int f = 0; f < 64; f++) {
                String handle = "BIG" + round + "-" + f;
                for (int k = 0; k < (16 << 20) / chunk.length; k++) {
                    files.dataIn(handle, "HTTP", c, false, null, chunk, 0, chunk.length);
                    bytes += chunk.length;
                }
                files.endOfFile(handle);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d large: %.0f MB/s (%d files)%n", round, bytes / 1e6 / s, rows[0]);
            // small files: 200,000 HTML pages of %d bytes, one chunk each
            rows[0] = 0;
            t0 = System.nanoTime();
            for (int f = 0; f < 200_000; f++) {
                String handle = new FileHandle().add("Analyzer::ANALYZER_HTTP").time(c.startTime).add(false).add(f)
                        .add(1).idString(c).toString();
                files.dataIn(handle, "HTTP", c, false, null, page, 0, page.length);
                files.endOfFile(handle);
            }
            s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d small: %.0f files/s (%d-byte pages, %d rows)%n", round, rows[0] / s,
                    page.length, rows[0]);
        }
    }
}
