package org.brocapi.analyzer.script;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The iteration order of a Zeek script table with {@code int} or {@code count} keys, which is
 * the slot order of Zeek's {@code Dictionary} (Dict.h): open addressing with Robin Hood
 * clusters, buckets from the Fibonacci hash of the keyed 64-bit key hash's low 32 bits, growth
 * at 100 % (up to 2^3 buckets) or 75 % load with incremental remapping (16 entries per insert),
 * and back-shift deletion. Only the keys are modelled; the caller keeps the values. A
 * {@code for ( [k], v in t )} loop visits {@link #order()}. Not modelled: Zeek also remaps an
 * entry found by a lookup while a remap is unfinished, which needs more than 16 moves in one
 * growth step (tables beyond about 20 entries).
 */
public final class ZeekDictionary {
    private static final int REMAP_ENTRIES = 16, THRESHOLD_BITS = 3, LOAD_FACTOR_100 = 75;
    private static final long FIB = 0x9E3779B97F4A7C15L; // 2^64 / golden ratio

    private static final class Entry {
        final long key;
        final long hash;
        int distance;

        Entry(long key, long hash, int distance) {
            this.key = key;
            this.hash = hash;
            this.distance = distance;
        }
    }

    private final ToLongFunction<byte[]> keyedHash;
    private Entry[] table;
    private int log2Buckets, capacity, entries, remapEnd = -1;

    /** {@code keyedHash}: Zeek's {@code HashKey::HashBytes} (SipHash with the run's seed key). */
    public ZeekDictionary(ToLongFunction<byte[]> keyedHash) {
        this.keyedHash = keyedHash;
        setLog2Buckets(0);
    }

    private void setLog2Buckets(int v) {
        log2Buckets = v;
        capacity = (1 << v) + v;
    }

    private int cap() {
        return table == null ? 0 : capacity;
    }

    /** {@code HashKey(zeek_int_t)}: the eight little-endian bytes of the value. */
    private long hash(long key) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (key >>> (8 * i));
        return keyedHash.applyAsLong(b) & 0xffffffffL;
    }

    private int bucket(long hash, int bits) {
        if (bits == 0) return 0;
        return (int) ((hash * FIB) & ((1L << bits) - 1));
    }

    private int bucketAt(int position) {
        return position - table[position].distance;
    }

    private int endOfClusterByBucket(int bucket) {
        int i = bucket;
        while (i < cap() && table[i] != null && bucketAt(i) <= bucket) i++;
        return i;
    }

    private int tailOfCluster(int position) {
        int b = bucketAt(position), i = position;
        while (i < cap() && table[i] != null && bucketAt(i) == b) i++;
        return i - 1;
    }

    /** Adds {@code key} (nothing when present). */
    public void insert(long key) {
        insert(key, hash(key));
    }

    /**
     * Adds an entry of a table with other keys, e.g. a {@code set[string]} (whose hash key is the
     * string's bytes): {@code id} names the entry, {@code hashKey} is what Zeek hashes.
     */
    public void insert(long id, byte[] hashKey) {
        insert(id, keyedHash.applyAsLong(hashKey) & 0xffffffffL);
    }

    private void insert(long key, long h) {
        if (table == null) table = new Entry[capacity];
        if (position(key, h) >= 0) return;
        int b = bucket(h, log2Buckets);
        int at = b;
        while (at < cap() && table[at] != null && bucketAt(at) <= b) at++;
        insertAndRelocate(new Entry(key, h, at - b), at);
        entries++;
        int threshold = log2Buckets <= THRESHOLD_BITS ? cap() : cap() * LOAD_FACTOR_100 / 100;
        if (entries > threshold) sizeUp();
        if (remapEnd >= 0) remap();
    }

    /** Removes {@code key} if present. */
    public void remove(long key) {
        if (table == null) return;
        int p = position(key, hash(key));
        if (p < 0) return;
        removeAndRelocate(p);
        entries--;
    }

    /** Zeek's {@code clear_table}: the table is freed and starts small again. */
    public void clear() {
        table = null;
        setLog2Buckets(0);
        remapEnd = -1;
        entries = 0;
    }

    /** The keys in iteration order. */
    public List<Long> order() {
        var keys = new ArrayList<Long>(entries);
        for (int i = 0; i < cap(); i++) if (table[i] != null) keys.add(table[i].key);
        return keys;
    }

    private int position(long key, long h) {
        for (int i = 0; i < cap(); i++) if (table[i] != null && table[i].key == key) return i;
        return -1;
    }

    private void insertAndRelocate(Entry entry, int position) {
        while (true) {
            if (position >= cap()) {
                sizeUp();
                table[position] = entry;
                return;
            }
            if (table[position] == null) {
                table[position] = entry;
                return;
            }
            Entry t = table[position];
            int next = tailOfCluster(position) + 1;
            t.distance += next - position;
            table[position] = entry;
            entry = t;
            position = next;
        }
    }

    private Entry removeAndRelocate(int position) {
        Entry e = table[position];
        while (true) {
            if (position == cap() - 1 || table[position + 1] == null || table[position + 1].distance == 0) {
                table[position] = null;
                return e;
            }
            int next = tailOfCluster(position + 1);
            table[position] = table[next];
            table[position].distance -= next - position;
            position = next;
        }
    }

    private void sizeUp() {
        int prev = cap();
        setLog2Buckets(log2Buckets + 1);
        table = java.util.Arrays.copyOf(table, capacity);
        remapEnd = prev; // Zeek covers the entry just placed at the old capacity too
    }

    private void remap() {
        int left = REMAP_ENTRIES;
        while (remapEnd >= 0 && left > 0) {
            if (remapEnd < cap() && table[remapEnd] != null && remap(remapEnd)) left--;
            else remapEnd--;
        }
    }

    private boolean remap(int position) {
        int expected = bucket(table[position].hash, log2Buckets);
        if (bucketAt(position) == expected) return false;
        Entry e = removeAndRelocate(position);
        int at = endOfClusterByBucket(expected);
        e.distance = at - expected;
        insertAndRelocate(e, at);
        return true;
    }
}
