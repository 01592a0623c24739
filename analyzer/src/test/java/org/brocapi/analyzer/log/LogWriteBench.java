package org.brocapi.analyzer.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Not a test: prints rows/s for conn.log-shaped rows, TSV and JSON, to a temp directory.
 * Run after {@code ./mvnw -q -B -pl analyzer test-compile}:
 * {@code java -cp analyzer/target/classes:analyzer/target/test-classes org.brocapi.analyzer.log.LogWriteBench [rows]}
 */
public final class LogWriteBench {
    record ConnId(@Column(type = ZeekType.ADDR) byte[] origH, @Column(type = ZeekType.PORT) int origP,
            @Column(type = ZeekType.ADDR) byte[] respH, @Column(type = ZeekType.PORT) int respP) {}

    record ConnLogEntry(@Column(type = ZeekType.TIME) double ts, String uid, ConnId id,
            @Column(type = ZeekType.ENUM) String proto, @Column(type = ZeekType.SET) List<String> service,
            @Column(type = ZeekType.INTERVAL) Double duration, Long origBytes, Long respBytes, String connState,
            Boolean localOrig, Boolean localResp, Long missedBytes, String history, Long origPkts, Long origIpBytes,
            Long respPkts, Long respIpBytes, @Column(type = ZeekType.SET) List<String> tunnelParents, Long ipProto) {}

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        ConnLogEntry[] sample = new ConnLogEntry[1024];
        for (int i = 0; i < sample.length; i++) {
            byte[] o = {10, 0, (byte) (i >> 8), (byte) i};
            byte[] r = new byte[16];
            r[0] = 0x20;
            r[1] = 0x01;
            r[15] = (byte) i;
            sample[i] = new ConnLogEntry(1300475167.096535 + i * 0.013, "CHhAvVGS1DHFjwGM" + i,
                    new ConnId(o, 40000 + i, i % 2 == 0 ? new byte[] {8, 8, 8, 8} : r, 443), "tcp",
                    i % 3 == 0 ? List.of() : List.of("ssl"), i * 0.25, (long) i * 100, (long) i * 1000, "SF", null,
                    null, 0L, "ShADadfF", 12L, 1200L, 10L, 9000L, List.of(), 6L);
        }
        for (boolean json : new boolean[] {false, true}) {
            for (int round = 0; round < 3; round++) {
                Path dir = Files.createTempDirectory("logbench");
                LogOutput out = new LogOutput(dir, LogOptions.defaults().withJson(json));
                LogStream<ConnLogEntry> conn = out.stream("conn", ConnLogEntry.class);
                long t0 = System.nanoTime();
                for (int i = 0; i < rows; i++) {
                    conn.write(sample[i & 1023]);
                }
                Map<String, Long> n = out.close();
                long ns = System.nanoTime() - t0;
                long bytes = Files.size(dir.resolve("conn.log"));
                System.out.printf("%s round %d: %d rows in %.2f s = %.0f rows/s, %.1f MB/s%n", json ? "json" : "tsv ",
                        round, n.get("conn"), ns / 1e9, n.get("conn") / (ns / 1e9), bytes / (ns / 1e3));
                Files.delete(dir.resolve("conn.log"));
                Files.delete(dir);
            }
        }
    }
}
