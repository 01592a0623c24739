package org.brocapi.service.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores the file parts of one upload off the request thread. The request thread copies each
 * part's bytes into direct blocks of {@value #BLOCK_SIZE} bytes (at most {@value #BLOCKS}) and
 * hands them on; one thread SHA-256 hashes them, another writes them to the part's file, and a
 * third fdatasyncs the file every {@value #SYNC_EVERY} bytes, so the disk writes while the upload
 * still streams and the final fsync only has the tail left (the kernel starts writeback by itself
 * only at 10% of RAM dirty). With the request thread reading, parsing and checking, an upload's
 * work is spread over both cores; memory stays at the block pool, as the request thread waits for
 * a free block when the hash or the disk falls behind.
 *
 * <p>One part at a time: {@link #begin}, {@link #write} any number of times, then {@link #finish}
 * (hash, data on disk) or {@link #abandon}; {@link #close} ends the threads. Only the request
 * thread calls these methods.
 */
final class PartWriter implements AutoCloseable {
    /** Small enough that a block the hash thread just read is still in cache when it is written. */
    static final int BLOCK_SIZE = 256 * 1024;
    static final int BLOCKS = 8;
    static final long SYNC_EVERY = 32L << 20;

    /** A filled block or an order; data blocks return to {@link #free} once both threads are done with them. */
    private static final class Block {
        final ByteBuffer buf;
        final AtomicInteger users = new AtomicInteger();

        Block(ByteBuffer buf) {
            this.buf = buf;
        }
    }

    private static final Block END = new Block(null);
    private static final Block ABANDON = new Block(null);
    private static final Block STOP = new Block(null);

    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<Block> toHash = new ArrayBlockingQueue<>(BLOCKS + 2);
    private final BlockingQueue<Block> toWrite = new ArrayBlockingQueue<>(BLOCKS + 2);
    private final BlockingQueue<Object> hashed = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<Object> written = new ArrayBlockingQueue<>(1);
    private final Syncer syncer = new Syncer();
    private final Thread hasher;
    private final Thread writer;

    private volatile FileChannel channel;
    /** The writer's first failure in the current part; the request thread stops early on it. */
    private volatile IOException writeFailure;
    private Block current;
    /** Blocks made so far (request thread only). */
    private int allocated;

    PartWriter() {
        hasher = Thread.ofPlatform().daemon().name("upload-hash").start(this::hashLoop);
        try {
            writer = Thread.ofPlatform().daemon().name("upload-write").start(this::writeLoop);
        } catch (RuntimeException | Error e) {
            toHash.add(STOP);
            throw e;
        }
    }

    void begin(FileChannel file) {
        channel = file;
        writeFailure = null;
    }

    /** Copies {@code src} (all of it) into blocks, handing each full one on. */
    void write(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            if (current == null) {
                current = freeBlock();
            }
            int n = Math.min(src.remaining(), current.buf.remaining());
            current.buf.put(current.buf.position(), src, src.position(), n);
            current.buf.position(current.buf.position() + n);
            src.position(src.position() + n);
            if (!current.buf.hasRemaining()) {
                handOn();
            }
        }
        IOException e = writeFailure;
        if (e != null) {
            throw e;
        }
    }

    /** A free block; the pool grows to {@value #BLOCKS} only as far as a part needs (small files take one). */
    private Block freeBlock() throws IOException {
        Block b = free.poll();
        if (b != null) {
            return b;
        }
        if (allocated < BLOCKS) {
            try {
                allocated++;
                return new Block(ByteBuffer.allocateDirect(BLOCK_SIZE));
            } catch (OutOfMemoryError e) {
                allocated--;
                if (allocated == 0) {
                    throw new IOException("no memory left for another upload at once", e);
                }
                // many uploads at once: this one makes do with the blocks it has
            }
        }
        return take(free);
    }

    /** The part's SHA-256 once all of it is written and forced to disk. */
    byte[] finish() throws IOException {
        if (current != null) {
            handOn();
        }
        Object[] result = order(END);
        if (result[1] instanceof IOException e) {
            throw e;
        }
        return (byte[]) result[0];
    }

    /** Drops the part: the threads stop using its file, which the caller then deletes. */
    void abandon() {
        if (current != null) {
            current.buf.clear();
            free.add(current);
            current = null;
        }
        order(ABANDON);
    }

    /** Sends {@code order} to both threads; returns once both carried it out (hash, write result). */
    private Object[] order(Block order) {
        toHash.add(order);
        toWrite.add(order);
        Object digest = take(hashed);
        Object done = take(written);
        channel = null;
        return new Object[] {digest, done};
    }

    private void handOn() {
        current.buf.flip();
        current.users.set(2);
        toHash.add(current);
        toWrite.add(current);
        current = null;
    }

    private void release(Block b) {
        if (b.users.decrementAndGet() == 0) {
            b.buf.clear();
            free.add(b);
        }
    }

    private void hashLoop() {
        MessageDigest md = sha256();
        while (true) {
            Block b = take(toHash);
            if (b == STOP) {
                return;
            }
            if (b == END || b == ABANDON) {
                hashed.add(md.digest()); // digest() also resets for the next part
                continue;
            }
            md.update(b.buf.duplicate());
            release(b);
        }
    }

    private void writeLoop() {
        long sinceSync = 0;
        while (true) {
            Block b = take(toWrite);
            if (b == STOP) {
                syncer.stop();
                return;
            }
            if (b == END || b == ABANDON) {
                syncer.awaitIdle(); // no fdatasync may still run when the caller closes the file
                Object result = Boolean.TRUE;
                if (writeFailure != null) {
                    result = writeFailure;
                } else if (b == END) {
                    try {
                        channel.force(true);
                    } catch (IOException | RuntimeException e) {
                        result = e instanceof IOException io ? io : new IOException(e);
                    }
                }
                sinceSync = 0;
                written.add(result);
                continue;
            }
            if (writeFailure == null) {
                try {
                    ByteBuffer data = b.buf.duplicate();
                    while (data.hasRemaining()) {
                        sinceSync += channel.write(data);
                    }
                    if (sinceSync >= SYNC_EVERY && syncer.kick(channel)) {
                        sinceSync = 0;
                    }
                } catch (IOException | RuntimeException e) {
                    // a thread that died here would leave the request thread waiting for a free block
                    writeFailure = e instanceof IOException io ? io : new IOException(e);
                }
            }
            release(b);
        }
    }

    @Override
    public void close() {
        toHash.add(STOP);
        toWrite.add(STOP);
        try {
            hasher.join();
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs one fdatasync at a time on its own thread, so the writer keeps writing meanwhile.
     * Its failures are not reported: the final fsync in {@link #writeLoop} sees the same error.
     */
    private static final class Syncer {
        private FileChannel pending;
        private boolean busy;
        private boolean stopped;
        private Thread thread;

        /** False when a sync is still running: the writer asks again later. */
        synchronized boolean kick(FileChannel ch) {
            if (busy) {
                return false;
            }
            if (thread == null) {
                thread = Thread.ofPlatform().daemon().name("upload-sync").start(this::loop);
            }
            pending = ch;
            busy = true;
            notifyAll();
            return true;
        }

        /** Only the writer thread waits here, and nothing interrupts it. */
        synchronized void awaitIdle() {
            while (busy) {
                waitUninterruptibly();
            }
        }

        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        private void loop() {
            while (true) {
                FileChannel ch;
                synchronized (this) {
                    while (pending == null && !stopped) {
                        waitUninterruptibly();
                    }
                    if (pending == null) {
                        return;
                    }
                    ch = pending;
                    pending = null;
                }
                try {
                    ch.force(false);
                } catch (IOException | RuntimeException ignored) {
                    // reported by the final force
                }
                synchronized (this) {
                    busy = false;
                    notifyAll();
                }
            }
        }

        private void waitUninterruptibly() {
            try {
                wait();
            } catch (InterruptedException e) {
                // our own threads are never interrupted; should one be, the caller's loop re-checks
            }
        }
    }

    /** Waits through interrupts: a hand-off left half-way would leave a thread waiting forever. */
    private static <T> T take(BlockingQueue<T> q) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return q.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
