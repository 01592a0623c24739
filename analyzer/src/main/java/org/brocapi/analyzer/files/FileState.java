package org.brocapi.analyzer.files;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.brocapi.analyzer.bytes.CappedBytes;
import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.conn.Connection;

/**
 * One file under analysis (Zeek's {@code file_analysis::File} with its {@code fa_file} record and
 * the {@code Files::Info} the framework builds for it). Created and driven by {@link FileManager};
 * protocols read it and set the few fields their scripts set ({@link #filename}, {@link #depth}).
 *
 * <p>Data path, as File.cc: in-order bytes go to the bof buffer (until
 * {@link FilePolicy#bofBufferSize} bytes), the MIME sniff runs once when that buffer fills (or at a
 * gap or the end, on what it holds), and every byte goes to the hash analyzers. Bytes ahead of the
 * stream offset wait in a reassembly buffer; a gap makes the hashes give up, as Zeek's do.
 */
public final class FileState {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NO_BYTES = new byte[0];

    final FileManager mgr;
    private final String fuid;
    private final String source;
    /** f$is_orig: set by the first connection-carried data. */
    private Boolean isOrig;
    /** f$conns, in arrival order (Zeek's table order only matters with several connections). */
    final Set<Connection> conns = new LinkedHashSet<>();
    FileListener listener;

    final double ts;
    double lastActive;
    long seenBytes, missingBytes, overflowBytes, streamOffset;
    private Long totalBytes;
    boolean timedout;
    boolean done;

    private String mimeType;
    private String filename;
    private long depth;
    private Boolean localOrig;
    private String parentFuid;
    final LinkedHashSet<String> analyzers = new LinkedHashSet<>();

    // bof buffer: only its first bofBufferSize bytes are ever sniffed, so no more is kept. It grows
    // with the data (most files are far smaller than the 4 KiB default) and is dropped at the end.
    private final int bofSize;
    private byte[] bof = NO_BYTES;
    private int bofLen;
    boolean bofFull;
    boolean didInference;
    /** While sniffing inside deliverStream: how much of the bof buffer precedes the current chunk. */
    private int catchUp = -1;

    /** Hash analyzers by name (MD5, SHA1, SHA256) while attached; null once detached (after a gap). */
    private final Map<String, MessageDigest> digests = new TreeMap<>();
    private boolean fed;
    private final Map<String, String> hashes = new TreeMap<>();

    /** Out-of-order chunks by offset (Zeek's FileReassembler); null while data arrives in order. */
    TreeMap<Long, byte[]> pending;
    long pendingBytes;

    FileState(FileManager mgr, String fuid, String source, double now, int bofSize) {
        this.mgr = mgr;
        this.fuid = fuid;
        this.source = source;
        this.ts = now;
        this.lastActive = now;
        this.bofSize = bofSize;
    }

    public String fuid() {
        return fuid;
    }

    /** The protocol analyzer's name, e.g. {@code HTTP} (files.log {@code source}). */
    public String source() {
        return source;
    }

    /** The sniffed (or protocol-given) MIME type, null when none. */
    public String mimeType() {
        return mimeType;
    }

    /** Bytes delivered in stream order so far. */
    public long seenBytes() {
        return seenBytes;
    }

    public long missingBytes() {
        return missingBytes;
    }

    public Long totalBytes() {
        return totalBytes;
    }

    public Boolean isOrig() {
        return isOrig;
    }

    public String filename() {
        return filename;
    }

    /** files.log {@code filename}: protocols set it in their file_over_new_connection handler. */
    public FileState filename(String name) {
        this.filename = name;
        return this;
    }

    public long depth() {
        return depth;
    }

    /** files.log {@code depth} (SMTP sets the MIME entity depth). */
    public FileState depth(long d) {
        this.depth = d;
        return this;
    }

    public FileState parentFuid(String parent) {
        this.parentFuid = parent;
        return this;
    }

    /** The analyzer names in files.log {@code analyzers}, in insertion order. */
    public Set<String> analyzers() {
        return Collections.unmodifiableSet(analyzers);
    }

    /** The hex digest of {@code kind} (md5, sha1, sha256) once the file ended, else null. */
    public String hash(String kind) {
        return hashes.get(kind);
    }

    public boolean timedout() {
        return timedout;
    }

    // --- the framework's side ---------------------------------------------------------------

    void isOrig(boolean o) {
        this.isOrig = o;
    }

    void localOrig(Boolean l) {
        this.localOrig = l;
    }

    /** {@code f$total_bytes} as a protocol's file_over_new_connection handler sets it (SMB's announced size). */
    public void totalBytes(long size) {
        this.totalBytes = size;
    }

    /** File::IsComplete: the stream reached the announced size. */
    boolean isComplete() {
        return totalBytes != null && streamOffset >= totalBytes;
    }

    /**
     * Files::add_analyzer for MD5/SHA1/SHA256 (the name enters {@code analyzers} as the script
     * does, even when the hash is never finished) and for analyzers we only name (PE, X509).
     */
    void addAnalyzer(String name) {
        if (done) return;
        analyzers.add(name);
        String alg = switch (name) {
            case "MD5" -> "MD5";
            case "SHA1" -> "SHA-1";
            case "SHA256" -> "SHA-256";
            default -> null;
        };
        if (alg == null || digests.containsKey(name) || hashes.containsKey(name)) return;
        try {
            MessageDigest md = MessageDigest.getInstance(alg);
            // an analyzer added after data began is caught up with the bof buffer (File::DeliverStream);
            // analyzers are added at file_new or file_sniff, when the bof buffer still holds everything
            int behind = catchUp >= 0 ? catchUp : bofLen;
            if (behind > 0) {
                md.update(bof, 0, behind);
                fed = true;
            }
            digests.put(name, md);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has " + alg, e);
        }
    }

    /** File::DeliverStream: bytes at the stream offset. */
    void deliverStream(byte[] buf, int off, int len) {
        int before = bofLen;
        bufferBof(buf, off, len);
        if (!didInference && bofFull && missingBytes == 0) {
            // analyzers the sniff adds catch up with the bof buffer before this chunk, then get it whole
            catchUp = before;
            mgr.inferMetadata(this);
            catchUp = -1;
        }
        if (len > 0) {
            for (MessageDigest md : digests.values()) md.update(buf, off, len);
            if (!digests.isEmpty()) fed = true;
        }
        streamOffset += len;
        seenBytes += len;
    }

    private void bufferBof(byte[] buf, int off, int len) {
        if (bofFull) return;
        bof = CappedBytes.append(bof, bofLen, buf, off, len, bofSize, 512);
        bofLen = Math.min(bofSize, bofLen + len);
        if (bofLen >= bofSize) bofFull = true;
    }

    /** The file ended: nothing reads the bof buffer again. */
    void releaseBof() {
        bof = NO_BYTES;
    }

    byte[] bofBytes() {
        return bof;
    }

    int bofLength() {
        return bofLen;
    }

    void mimeType(String m) {
        this.mimeType = m;
    }

    /** Hash::Undelivered returns false: a hash analyzer leaves the file at its first gap. */
    void detachHashes() {
        digests.clear();
    }

    /** Hash::EndOfFile: file_hash with the digest, when it saw data. */
    void finishHashes() {
        if (fed) {
            for (var e : digests.entrySet()) hashes.put(e.getKey(), HEX.formatHex(e.getValue().digest()));
        }
        digests.clear();
    }

    /** files.log rows: one per connection (Zeek ≥ 5.1), or one without uid/id when none. */
    List<FilesLogEntry> logEntries() {
        List<String> an = FileManager.analyzerLogOrder(analyzers);
        List<FilesLogEntry> rows = new ArrayList<>(Math.max(1, conns.size()));
        if (conns.isEmpty()) {
            rows.add(row(null, null, an));
        } else {
            for (Connection c : conns) {
                rows.add(row(c.uid(), c.id(), an));
            }
        }
        return rows;
    }

    private FilesLogEntry row(String uid, ConnId id, List<String> an) {
        return new FilesLogEntry(ts, fuid, uid, id, source, depth, an, mimeType, filename, lastActive - ts,
                localOrig, isOrig, seenBytes, totalBytes, missingBytes, overflowBytes, timedout, parentFuid,
                hashes.get("MD5"), hashes.get("SHA1"), hashes.get("SHA256"), null, null, null);
    }

    @Override
    public String toString() {
        return "FileState[" + fuid + " " + source + " seen=" + seenBytes + "]";
    }
}
