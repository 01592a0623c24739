package org.brocapi.service.queue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Proof that a process is alive: an OS file lock on {@code <dir>/<id>.lock}, held for the
 * process's life. The kernel drops it when the process dies, even by {@code kill -9}, so another
 * process can tell at once that claims made under {@code id} are orphaned — no lease to wait out.
 * Needs the processes to share one host's file system (they already share the job directories).
 */
public final class ProcessLock implements AutoCloseable {
    // closing any descriptor of a file drops all of this process's POSIX locks on it, so locks
    // held by this JVM are never probed by opening their file
    private static final java.util.Set<String> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final String id;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(String id, Path file, FileChannel channel, FileLock lock) {
        this.id = id;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    public static ProcessLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        String id = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = dir.resolve(id + ".lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ProcessLock l = new ProcessLock(id, file, ch, ch.lock());
        HELD.add(id);
        return l;
    }

    public String id() {
        return id;
    }

    /** True when no live process holds {@code id}'s lock; a dead one's lock file is removed. */
    public static boolean dead(Path dir, String id) {
        if (HELD.contains(id)) {
            return false;
        }
        Path file = dir.resolve(id + ".lock");
        if (!Files.exists(file)) {
            return true;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return false;
            }
            Files.deleteIfExists(file);
            l.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by this very JVM
        } catch (IOException e) {
            return !Files.exists(file);
        }
    }

    @Override
    public void close() {
        HELD.remove(id);
        try {
            Files.deleteIfExists(file);
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the kernel drops the lock with the process anyway
        }
    }
}
