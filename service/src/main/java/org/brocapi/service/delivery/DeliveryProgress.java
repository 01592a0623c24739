package org.brocapi.service.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Delivery progress of one destination, in {@code <stateDir>/<destination>.progress}:
 *
 * <pre>
 * # brocapi delivery progress v1: log file, byte offset after the last delivered line, lines delivered
 * conn.log	183422	1204
 * dns.log	40411	311
 * </pre>
 *
 * Written whole to a temp file and renamed over the old one (atomic on POSIX), so a crash leaves
 * the old or the new state, never a mix. A missing or unreadable entry means "from the start":
 * a damaged file can only cause re-sent lines, never skipped ones.
 */
final class DeliveryProgress {
    record Position(long offset, long lines) {
        static final Position START = new Position(0, 0);
    }

    private final Path file;
    private final Map<String, Position> positions = new TreeMap<>();

    private DeliveryProgress(Path file) {
        this.file = file;
    }

    static DeliveryProgress load(Path stateDir, String destination) throws IOException {
        DeliveryProgress p = new DeliveryProgress(stateDir.resolve(destination + ".progress"));
        try {
            for (String line : Files.readAllLines(p.file, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                try {
                    if (f.length == 3) {
                        p.positions.put(f[0], new Position(Long.parseLong(f[1]), Long.parseLong(f[2])));
                    }
                } catch (NumberFormatException e) {
                    // damaged entry: that file starts over (duplicates, not loss)
                }
            }
        } catch (NoSuchFileException e) {
            // first delivery of this job to this destination
        }
        return p;
    }

    Position get(String logFile) {
        return positions.getOrDefault(logFile, Position.START);
    }

    void set(String logFile, long offset, long lines) {
        positions.put(logFile, new Position(offset, lines));
    }

    long deliveredLines() {
        return positions.values().stream().mapToLong(Position::lines).sum();
    }

    void save() throws IOException {
        StringBuilder b = new StringBuilder(
                "# brocapi delivery progress v1: log file, byte offset after the last delivered line, lines delivered\n");
        positions.forEach((k, v) -> b.append(k).append('\t').append(v.offset()).append('\t').append(v.lines()).append('\n'));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    Path file() {
        return file;
    }
}
