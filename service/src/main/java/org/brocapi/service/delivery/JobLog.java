package org.brocapi.service.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.brocapi.service.syslog.ProgramName;

/**
 * One log file of a job, with its data-line count ({@code #} header lines are never sent: Zeek
 * escapes a data line's leading {@code #} as {@code \x23}, so nothing is lost by skipping them).
 */
record JobLog(String name, String type, Path path, long size, long dataLines) {

    /** The regular, non-hidden files of {@code dir} that pass {@code keep}, by name. */
    static List<JobLog> list(Path dir, Predicate<String> keep) throws IOException {
        List<JobLog> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new IOException("logs directory " + dir + " does not exist");
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(p) || !keep.test(name)) {
                    continue;
                }
                out.add(new JobLog(name, ProgramName.logType(name), p, Files.size(p), countDataLines(p)));
            }
        }
        return out;
    }

    static long countDataLines(Path p) throws IOException {
        long n = 0;
        try (LogLineReader r = new LogLineReader(p, 0)) {
            while (r.next()) {
                if (isData(r.buffer(), r.start(), r.length())) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Header lines start with {@code #}; empty lines (Zeek writes none) are not sent either. */
    static boolean isData(byte[] b, int start, int length) {
        return length > 0 && b[start] != '#';
    }
}
