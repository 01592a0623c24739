package org.brocapi.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-off to the hash and write threads, on real files: bytes, order, digest, back-pressure, failures. */
class PartWriterTest {
    @TempDir
    Path dir;

    /** Bytes no block boundary lines up with, fed in pieces of odd sizes (as the multipart parser does). */
    static byte[] feed(PartWriter w, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Random pieces = new Random(seed + 1);
        for (int off = 0; off < size; ) {
            int n = Math.min(size - off, 1 + pieces.nextInt(3 * 65536));
            ByteBuffer src = ByteBuffer.wrap(data, off, n);
            w.write(src);
            assertThat(src.hasRemaining()).isFalse();
            off += n;
        }
        return data;
    }

    FileChannel open(String name) throws IOException {
        return FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Test
    void partsLargerThanThePoolAndThanOneSyncAreStoredAndHashedExactly() throws Exception {
        // 40 MiB: many times the 2 MiB pool (the caller must wait for blocks) and past one periodic fdatasync
        int size = (int) PartWriter.SYNC_EVERY + 8 * 1024 * 1024 + 12345;
        try (PartWriter w = new PartWriter()) {
            for (int part = 0; part < 2; part++) {
                try (FileChannel ch = open("p" + part)) {
                    w.begin(ch);
                    byte[] data = feed(w, part == 0 ? size : 777, part);
                    byte[] digest = w.finish();
                    assertThat(digest).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
                    assertThat(Files.readAllBytes(dir.resolve("p" + part))).isEqualTo(data);
                }
            }
        }
    }

    @Test
    void emptyPartHasTheEmptyDigest() throws Exception {
        try (PartWriter w = new PartWriter(); FileChannel ch = open("empty")) {
            w.begin(ch);
            assertThat(w.finish()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
            assertThat(Files.size(dir.resolve("empty"))).isZero();
        }
    }

    @Test
    void abandonedPartLeavesTheNextOneIntact() throws Exception {
        try (PartWriter w = new PartWriter()) {
            try (FileChannel ch = open("dropped")) {
                w.begin(ch);
                feed(w, 5 * PartWriter.BLOCK_SIZE + 3, 7);
                w.abandon();
            }
            try (FileChannel ch = open("kept")) {
                w.begin(ch);
                byte[] data = feed(w, 3 * PartWriter.BLOCK_SIZE + 1, 8);
                assertThat(w.finish()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
                assertThat(Files.readAllBytes(dir.resolve("kept"))).isEqualTo(data);
            }
        }
    }

    @Test
    void aWriteFailureReachesTheCallerAndTheNextPartStillWorks() throws Exception {
        try (PartWriter w = new PartWriter()) {
            // a channel opened read-only: every write fails in the write thread
            Files.write(dir.resolve("ro"), new byte[0]);
            try (FileChannel ro = FileChannel.open(dir.resolve("ro"), StandardOpenOption.READ)) {
                w.begin(ro);
                assertThatThrownBy(() -> {
                    feed(w, 4 * PartWriter.BLOCKS * PartWriter.BLOCK_SIZE, 9);
                    w.finish();
                }).isInstanceOf(IOException.class);
                w.abandon();
            }
            try (FileChannel ch = open("after")) {
                w.begin(ch);
                byte[] data = feed(w, PartWriter.BLOCK_SIZE * 2, 10);
                assertThat(w.finish()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
                assertThat(Files.readAllBytes(dir.resolve("after"))).isEqualTo(data);
            }
        }
    }
}
