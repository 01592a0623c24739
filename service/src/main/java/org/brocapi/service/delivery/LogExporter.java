package org.brocapi.service.delivery;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Places a job's logs under {@code <export_dir>/<job id>/} for a log shipper watching the
 * directory (1.0's TODO 4). The files are first assembled in a hidden
 * {@code <export_dir>/.<job id>.tmp-<random>/} and the directory is then renamed into place, so a
 * watcher sees all of a job's logs at once or nothing. Files are hard-linked when the export
 * directory is on the same file system (instant, no space; the job's logs are never modified
 * after analysis), copied otherwise. Exporting a job twice keeps the first export.
 */
final class LogExporter {
    private LogExporter() {
    }

    static Path export(Path exportDir, String jobId, List<JobLog> logs) throws IOException {
        Files.createDirectories(exportDir);
        Path target = exportDir.resolve(jobId);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path tmp = exportDir.resolve("." + jobId + ".tmp-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        try {
            for (JobLog log : logs) {
                Path dst = tmp.resolve(log.name());
                try {
                    Files.createLink(dst, log.path());
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(log.path(), dst, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // a concurrent export of the same job won; keep it
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
                // rename(2) onto a non-empty directory fails: another export got there first
            }
            return target;
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
