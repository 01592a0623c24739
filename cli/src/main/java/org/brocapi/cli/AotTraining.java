package org.brocapi.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * code hot enough for its profiles to be worth keeping. Not part of the command line users see.
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
        try {
            for (int i = 0; i < rounds; i++) {
                for (String capture : captures) {
                    int rc = ZeekCommand.run(List.of("-C", "-r", capture), dir, quiet, System.err);
                    if (rc != 0) {
                        System.err.println("AotTraining: analysing " + capture + " failed (exit " + rc + ")");
                        System.exit(rc);
                    }
                    clear(dir);
                }
            }
        } finally {
            clear(dir);
            Files.deleteIfExists(dir);
        }
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
