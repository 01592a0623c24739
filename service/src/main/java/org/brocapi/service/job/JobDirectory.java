package org.brocapi.service.job;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/**
 * The on-disk layout of a job, as in 1.0:
 * <pre>
 * &lt;processing_dir&gt;/&lt;uuid&gt;/logs/bro/      merged analyzer logs
 *                          /logs/syslog/   delivery progress and status (derived from logs/bro)
 *                          /.analysis.json the analysis results, written once logs/bro is complete
 *                          /pcaps/         uploads, named by content hash
 *                          /.work/&lt;attempt&gt;/&lt;n&gt;/  one directory per pcap while analysing
 * &lt;processing_dir&gt;/.incoming/          uploads in progress, renamed into place when complete
 * </pre>
 */
public record JobDirectory(Path root) {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Job ids are UUIDs: checking the shape keeps path parameters from naming other directories. */
    public static boolean validId(String id) {
        return id != null && UUID.matcher(id).matches();
    }

    public static JobDirectory of(Path processingDir, String id) {
        if (!validId(id)) {
            throw new IllegalArgumentException("not a job id: " + id);
        }
        return new JobDirectory(processingDir.resolve(id));
    }

    public static Path incoming(Path processingDir) {
        return processingDir.resolve(".incoming");
    }

    /** Creates the layout under {@code root}. */
    public static JobDirectory create(Path root) throws IOException {
        JobDirectory d = new JobDirectory(root);
        Files.createDirectories(d.bro());
        Files.createDirectories(d.syslog());
        Files.createDirectories(d.pcaps());
        return d;
    }

    public Path bro() {
        return root.resolve("logs").resolve("bro");
    }

    public Path syslog() {
        return root.resolve("logs").resolve("syslog");
    }

    public Path pcaps() {
        return root.resolve("pcaps");
    }

    /**
     * Present only when {@code logs/bro} is complete: a re-run of the job (crash recovery, re-delivery)
     * then skips the analysis, whose logs would differ in their {@code #open} times and so invalidate
     * the byte offsets delivery progress is kept in.
     */
    public Path analysis() {
        return root.resolve(".analysis.json");
    }

    public Path work() {
        return root.resolve(".work");
    }

    /** A file directly inside {@code dir} named {@code name}, or null when the name is not a plain file name. */
    public static Path child(Path dir, String name) {
        if (name == null || name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")
                || name.indexOf(0) >= 0) {
            return null;
        }
        Path p = dir.resolve(name).normalize();
        return p.getParent().equals(dir.normalize()) ? p : null;
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
