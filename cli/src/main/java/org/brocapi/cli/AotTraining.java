package org.brocapi.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run behind the launcher's AOT cache (JDK 25, JEP 483/514/515): {@code ./brocapi}
 * runs this once per built jar under {@code -XX:AOTCacheOutput}, and every later JVM starts with
 * the classes it loaded already parsed and linked, and with its method profiles, so the JIT
 * compiles the hot paths without first profiling them again.
 *
 * <p>It analyses the training captures as {@code brocapi zeek -C -r FILE} does, each
 * {@code rounds} times: one pass loads and links the classes, the repetitions make the per-packet
 * code hot enough for its profiles to be worth keeping. Each round also analyses damaged copies
 * of a classic pcap (every 37th packet dropped, every 23rd sent twice, neighbours swapped every
 * 29th): a clean capture from a quiet link never takes the branches for gaps, retransmissions,
 * reordering and partial connections, so their profiles would say "never", the JIT would compile
 * them as traps, and real captures would send the busiest methods back to the interpreter again
 * and again (TcpSession.process was recompiled six times in a 1 GB run). Not part of the command
 * line users see.
 *
 * <pre>{@code java -XX:AOTCacheOutput=brocapi.aot -cp brocapi.jar org.brocapi.cli.AotTraining ROUNDS CAPTURE…}</pre>
 */
public final class AotTraining {
    private AotTraining() { }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: AotTraining ROUNDS CAPTURE…");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        List<String> captures = List.of(args).subList(1, args.length);
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        Path dir = Files.createTempDirectory("brocapi-aot-training");
        Path logs = Files.createDirectory(dir.resolve("logs"));
        try {
            List<String> inputs = new ArrayList<>(captures);
            for (String capture : captures) inputs.addAll(damagedCopies(Path.of(capture), dir));
            for (int i = 0; i < rounds; i++) {
                for (String input : inputs) {
                    int rc = ZeekCommand.run(List.of("-C", "-r", input), logs, quiet, System.err);
                    if (rc != 0) {
                        System.err.println("AotTraining: analysing " + input + " failed (exit " + rc + ")");
                        System.exit(rc);
                    }
                    clear(logs);
                }
            }
        } finally {
            clear(logs);
            clear(dir);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Damaged copies of a classic little-endian pcap (none for other formats): packets dropped,
     * duplicated and swapped with their neighbour, at different strides so that each damage hits
     * different connections.
     */
    static List<String> damagedCopies(Path capture, Path dir) throws IOException {
        byte[] pcap = Files.readAllBytes(capture);
        if (pcap.length < 24 || (pcap[0] & 0xff) != 0xd4 || (pcap[1] & 0xff) != 0xc3) return List.of();
        List<int[]> records = new ArrayList<>(); // offset, length (header included)
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 24; at + 16 <= pcap.length; ) {
            int len = 16 + b.getInt(at + 8);
            if (len < 16 || at + len > pcap.length) break;
            records.add(new int[] {at, len});
            at += len;
        }
        List<String> out = new ArrayList<>();
        String[] names = {"dropped", "duplicated", "swapped"};
        for (int kind = 0; kind < 3; kind++) {
            var copy = new java.io.ByteArrayOutputStream(pcap.length + pcap.length / 16);
            copy.write(pcap, 0, 24);
            for (int i = 0; i < records.size(); i++) {
                int[] r = records.get(i);
                if (kind == 0 && i % 37 == 36) continue;
                if (kind == 2 && i % 29 == 28 && i + 1 < records.size()) {
                    int[] next = records.get(++i);
                    copy.write(pcap, next[0], next[1]);
                }
                copy.write(pcap, r[0], r[1]);
                if (kind == 1 && i % 23 == 22) copy.write(pcap, r[0], r[1]);
            }
            Path f = dir.resolve(names[kind] + ".pcap");
            Files.write(f, copy.toByteArray());
            out.add(f.toString());
        }
        return out;
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
