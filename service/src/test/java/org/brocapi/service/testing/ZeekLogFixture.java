package org.brocapi.service.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Zeek-style TSV logs (header lines as Zeek writes them, tab-separated data lines) into a
 * job's log directory and remembers the data lines, so a test can compare what a receiver got.
 * Each data line carries a unique {@code id-N} in its uid column.
 */
public final class ZeekLogFixture {
    /** ts of the first line: 2011-11-03T00:19:26.452687Z; each next line is 1.5 s later. */
    public static final long FIRST_TS_MICROS = 1_320_279_566_452_687L;

    private final Path dir;
    private final Map<String, List<String>> linesByType = new LinkedHashMap<>();
    private int nextId;

    public ZeekLogFixture(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    /** A conn-like log of {@code n} lines, with tabs, a non-ASCII string, sets and unset fields. */
    public ZeekLogFixture log(String type, int n) throws IOException {
        List<String> lines = new ArrayList<>(n);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(type + ".log"), StandardCharsets.UTF_8)) {
            w.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t" + type
                    + "\n#open\t2011-11-03-00-19-26\n");
            w.write("#fields\tts\tuid\tid.orig_h\tid.orig_p\tproto\tservice\tduration\tlocal_orig\ttunnel_parents\tnote\n");
            w.write("#types\ttime\tstring\taddr\tport\tenum\tstring\tinterval\tbool\tset[string]\tstring\n");
            for (int i = 0; i < n; i++) {
                long ts = FIRST_TS_MICROS + nextId * 1_500_000L;
                String line = String.format("%d.%06d\tid-%d\t10.0.%d.%d\t%d\ttcp\t%s\t%s\t%s\t%s\t%s",
                        ts / 1_000_000, ts % 1_000_000, nextId, (nextId >> 8) & 255, nextId & 255, 1024 + nextId % 60000,
                        i % 3 == 0 ? "http" : "-", i % 2 == 0 ? "0.000123" : "-", i % 2 == 0 ? "T" : "F",
                        i % 4 == 0 ? "(empty)" : "Cx1,Cy2", i % 5 == 0 ? "caf\u00e9 \"q\" \\x41 [ok]" : "-");
                w.write(line);
                w.write('\n');
                lines.add(line);
                nextId++;
            }
            w.write("#close\t2011-11-03-00-19-27\n");
        }
        linesByType.computeIfAbsent(type, k -> new ArrayList<>()).addAll(lines);
        return this;
    }

    /** A log with header lines only (no data line: nothing may be sent). */
    public ZeekLogFixture emptyLog(String type) throws IOException {
        Files.writeString(dir.resolve(type + ".log"), "#separator \\x09\n#path\t" + type + "\n#fields\tts\tmsg\n"
                + "#types\ttime\tstring\n#close\t2011-11-03-00-19-27\n");
        return this;
    }

    /** A raw log file with the given content; its lines are not expected to arrive. */
    public ZeekLogFixture raw(String fileName, String content) throws IOException {
        Files.writeString(dir.resolve(fileName), content);
        return this;
    }

    public Map<String, List<String>> linesByType() {
        return linesByType;
    }

    public int total() {
        return linesByType.values().stream().mapToInt(List::size).sum();
    }

    /** The type of the line with {@code id-N}. */
    public static int idOf(String msg) {
        int at = msg.indexOf("id-");
        if (at < 0) {
            return -1;
        }
        int end = at + 3;
        while (end < msg.length() && Character.isDigit(msg.charAt(end))) {
            end++;
        }
        return end == at + 3 ? -1 : Integer.parseInt(msg.substring(at + 3, end));
    }
}
