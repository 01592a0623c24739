package org.brocapi.analyzer.conn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Zeek's connection UID generator (UID pool 1), exact: util.cc {@code calculate_unique_id} and
 * UID.cc. Each draw increments the pool counter and returns SipHash-2-4 over
 * {@code instance (LE u64) || counter (LE u64)}; a UID takes two draws {@code a}, {@code b} and is
 * {@code "C" + base62(a >>> 32) + base62(b)} ({@link #format96}). Stateful: one instance per
 * analysis, drawn from in connection-creation order (tunnels draw from it too). Not thread-safe.
 *
 * <p>Keys: from a {@code ZEEK_SEED_FILE} (numbers 18–21 are the SipHash key, the instance is the
 * pool number 1, so output matches Zeek's); random (SecureRandom key and instance, like an
 * unseeded Zeek); or reproducible from content ({@link #fromDigest}): the same capture always
 * gets the same UIDs.
 */
public final class Uid {
    /** Zeek's pool for connection UIDs; with a seed the pool number is the instance value. */
    public static final long CONNECTION_POOL = 1;
    private static final char[] BASE62 =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private final SipHash24 hash;
    private final long instance;
    private long counter;

    private Uid(long k0, long k1, long instance) {
        this.hash = new SipHash24(k0, k1);
        this.instance = instance;
    }

    /** A generator with an explicit SipHash key and pool instance. */
    public static Uid ofKey(long k0, long k1, long instance) {
        return new Uid(k0, k1, instance);
    }

    /**
     * From the 21 numbers of a Zeek seed file: {@code k0 = n18 + n19·2^32},
     * {@code k1 = n20 + n21·2^32} (1-based), instance 1.
     */
    public static Uid fromSeedNumbers(long[] seeds) {
        if (seeds.length != 21) {
            throw new IllegalArgumentException("a Zeek seed file holds 21 numbers, got " + seeds.length);
        }
        for (long s : seeds) {
            if (s < 0 || s > 0xffffffffL) {
                throw new IllegalArgumentException("seed " + s + " is not an unsigned 32-bit number");
            }
        }
        long k0 = seeds[17] | (seeds[18] << 32);
        long k1 = seeds[19] | (seeds[20] << 32);
        return new Uid(k0, k1, CONNECTION_POOL);
    }

    /** From a Zeek seed file: 21 unsigned 32-bit decimal numbers separated by whitespace. */
    public static Uid fromSeedFile(Path seedFile) throws IOException {
        String text = Files.readString(seedFile, StandardCharsets.US_ASCII).strip();
        String[] parts = text.isEmpty() ? new String[0] : text.split("\\s+");
        long[] seeds = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                seeds[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(seedFile + ": '" + parts[i] + "' is not a number", e);
            }
        }
        try {
            return fromSeedNumbers(seeds);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(seedFile + ": " + e.getMessage(), e);
        }
    }

    /** Seeded from {@code ZEEK_SEED_FILE} when that variable is set (and non-empty), else {@link #random()}. */
    public static Uid fromEnvironment() throws IOException {
        String f = System.getenv("ZEEK_SEED_FILE");
        return f == null || f.isEmpty() ? random() : fromSeedFile(Path.of(f));
    }

    /** Unpredictable UIDs, as Zeek without a seed: random key and a random non-zero instance. */
    public static Uid random() {
        SecureRandom r = new SecureRandom();
        long instance;
        do {
            instance = r.nextLong();
        } while (instance == 0);
        return new Uid(r.nextLong(), r.nextLong(), instance);
    }

    /**
     * Reproducible UIDs from content: the key is the first 16 bytes of {@code digest} (two
     * little-endian u64), the instance is the pool number, as with a seed. Use with
     * {@link #contentDigest} so that re-analysing the same capture yields the same UIDs.
     */
    public static Uid fromDigest(byte[] digest) {
        if (digest.length < 16) {
            throw new IllegalArgumentException("a digest key needs at least 16 bytes, got " + digest.length);
        }
        return new Uid(SipHash24.le64(digest, 0), SipHash24.le64(digest, 8), CONNECTION_POOL);
    }

    /** SHA-256 over {@code head[0, headLen)} (e.g. a capture's first MiB) and {@code totalLength} (LE u64). */
    public static byte[] contentDigest(byte[] head, int headLen, long totalLength) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(head, 0, headLen);
            byte[] len = new byte[8];
            SipHash24.putLe64(len, 0, totalLength);
            md.update(len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** One 64-bit draw: the counter is incremented first, so the first draw hashes counter 1. */
    public long draw() {
        ++counter;
        return hash.hash(instance, counter);
    }

    /**
     * Zeek's {@code HashKey::HashBytes}: SipHash-2-4 with the same key (the seed's
     * {@code shared_siphash_key}), which orders script tables ({@code ZeekDictionary}).
     */
    public long hashKey(byte[] key) {
        return hash.hash(key, 0, key.length);
    }

    /** The next connection UID ({@code C…}). */
    public String next() {
        return next('C');
    }

    /** The next UID with another prefix letter (Zeek's {@code unique_id} prefixes). */
    public String next(char prefix) {
        long a = draw();
        long b = draw();
        return format96(String.valueOf(prefix), a, b);
    }

    /**
     * Zeek's 96-bit UID text (UID::Set(96, …) + UID::Base62): {@code prefix + base62(a >>> 32) +
     * base62(b)}. Reusable for file ids ({@code F…}) from the two words of a 128-bit hash.
     */
    public static String format96(String prefix, long a, long b) {
        StringBuilder sb = new StringBuilder(prefix.length() + 22);
        sb.append(prefix);
        base62(sb, a >>> 32);
        base62(sb, b);
        return sb.toString();
    }

    /**
     * {@code v} (unsigned) in base 62, alphabet {@code 0-9a-zA-Z}, least-significant digit first
     * and unpadded, exactly as util.cc {@code uitoa_n} writes it (it never reverses).
     */
    public static void base62(StringBuilder sb, long v) {
        do {
            sb.append(BASE62[(int) Long.remainderUnsigned(v, 62)]);
            v = Long.divideUnsigned(v, 62);
        } while (v != 0);
    }
}
