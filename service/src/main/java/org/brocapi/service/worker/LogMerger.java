package org.brocapi.service.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Merges the logs of a job's pcaps, analysed one by one into directories of their own, into
 * {@code logs/bro/}. This replaces 1.0's shared working directory, where Zeek truncated each log
 * when the next pcap opened it and earlier lines were lost.
 *
 * <p>Per log: the header ({@code #separator} … {@code #types}) of the first pcap that wrote it,
 * then the data lines of every pcap in order, then, on {@link #finish}, the {@code #close} line of
 * the last pcap that wrote it. JSON logs have no {@code #} lines and are simply concatenated. Lines
 * are copied as bytes; a data line never starts with {@code #} (Zeek escapes it as {@code \x23}).
 */
final class LogMerger {
    private static final byte[] CLOSE = "#close".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Path target;
    private final Map<String, byte[]> footers = new LinkedHashMap<>();

    LogMerger(Path target) {
        this.target = target;
    }

    /** Appends {@code dir}'s {@code *.log} files; returns data lines per log, sorted by log name. */
    Map<String, Long> add(Path dir) throws IOException {
        List<Path> logs;
        try (Stream<Path> s = Files.list(dir)) {
            logs = s.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p)).sorted().toList();
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Path log : logs) {
            String name = log.getFileName().toString();
            Path out = target.resolve(name);
            boolean first = !Files.exists(out);
            long lines = 0;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(log), 1 << 16);
                 OutputStream os = new BufferedOutputStream(Files.newOutputStream(out,
                         StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16)) {
                LineReader lr = new LineReader(in);
                byte[] footer = null;
                while (lr.next()) {
                    if (lr.len > 0 && lr.buf[0] == '#') {
                        if (startsWith(lr, CLOSE)) {
                            footer = Arrays.copyOf(lr.buf, lr.len);
                        } else if (first) {
                            os.write(lr.buf, 0, lr.len);
                        }
                        continue;
                    }
                    os.write(lr.buf, 0, lr.len);
                    lines++;
                }
                if (footer != null) {
                    footers.put(name, footer);
                }
            }
            counts.put(name, lines);
        }
        return counts;
    }

    /** Writes the remembered {@code #close} lines. */
    void finish() throws IOException {
        for (var e : footers.entrySet()) {
            Files.write(target.resolve(e.getKey()), e.getValue(), StandardOpenOption.APPEND);
        }
        footers.clear();
    }

    private static boolean startsWith(LineReader lr, byte[] prefix) {
        return lr.len >= prefix.length && Arrays.equals(lr.buf, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Lines with their {@code \n}; {@code buf} is reused for each line. */
    private static final class LineReader {
        private final InputStream in;
        byte[] buf = new byte[8192];
        int len;

        LineReader(InputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            len = 0;
            int c;
            while ((c = in.read()) >= 0) {
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                buf[len++] = (byte) c;
                if (c == '\n') {
                    return true;
                }
            }
            if (len == 0) {
                return false;
            }
            // a last line without its newline still ends a line: the next pcap's lines follow it
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length + 1);
            }
            buf[len++] = '\n';
            return true;
        }
    }
}
