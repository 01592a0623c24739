package org.brocapi.analyzer.files;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.conn.LocalNets;
import org.brocapi.analyzer.conn.Timer;
import org.brocapi.analyzer.conn.TimerQueue;
import org.brocapi.analyzer.conn.Uid;

/**
 * The run's file analysis (Zeek's {@code file_analysis::Manager} plus the script side of
 * base/frameworks/files, base/files/hash and frameworks/files/hash-all-files). One per run, on the
 * run's thread. Protocols name a file by their {@code get_file_handle} string ({@link FileHandle});
 * its id is {@link #fuid(String)}.
 *
 * <p>Lifecycle of a file, in Zeek's order:
 * <ol>
 * <li>first {@code dataIn}/{@code gap}/{@code setSize} for a new handle creates it: the inactivity
 *     timer is set, {@code file_new} (hash-all-files attaches MD5 and SHA1), then
 *     {@code file_over_new_connection} ({@link FileListener#fileOverConnection});</li>
 * <li>data: the bof buffer fills, {@code file_sniff} ({@link FileListener#fileSniffed}) once;</li>
 * <li>removal, which writes its files.log rows ({@code file_state_remove}): when the stream reaches
 *     {@link #setSize the size}, at {@link #endOfFile}, after {@link FilePolicy#timeoutInterval} of
 *     inactivity (timedout), or at the end of input ({@link #finish}: every file left is timed out,
 *     in fuid order as Zeek's std::map walks them).</li>
 * </ol>
 */
public final class FileManager {
    private static final long[] DEFAULT_KEY = key(FilePolicy.DEFAULT_DIGEST_SALT);

    private final FilePolicy policy;
    private final TimerQueue timers;
    private final Consumer<FilesLogEntry> log;
    private final LocalNets localNets;
    private final Map<String, List<String>> analyzersByMime;
    private final long[] key;
    private final MimeSniffer sniffer = MimeSniffer.get();
    private final Map<String, FileState> files = new HashMap<>();

    /**
     * @param log             receives each files.log row at file_state_remove
     * @param analyzersByMime Files::register_for_mime_type as loaded (see {@link #mimeAnalyzers})
     */
    public FileManager(FilePolicy policy, TimerQueue timers, Consumer<FilesLogEntry> log, LocalNets localNets,
                       Map<String, List<String>> analyzersByMime) {
        this.policy = policy;
        this.timers = timers;
        this.log = log;
        this.localNets = localNets;
        this.analyzersByMime = analyzersByMime;
        this.key = policy.digestSalt().equals(FilePolicy.DEFAULT_DIGEST_SALT) ? DEFAULT_KEY : key(policy.digestSalt());
    }

    /**
     * The analyzers base/files registers per MIME type: x509 attaches X509, MD5, SHA1, SHA256 to
     * certificates; pe attaches PE to DOS executables.
     */
    public static Map<String, List<String>> mimeAnalyzers(boolean x509, boolean pe) {
        Map<String, List<String>> m = new HashMap<>();
        if (x509) {
            for (String t : List.of("application/x-x509-user-cert", "application/x-x509-ca-cert",
                    "application/pkix-cert")) {
                m.put(t, List.of("X509", "MD5", "SHA1", "SHA256"));
            }
        }
        if (pe) m.put("application/x-dosexec", List.of("PE"));
        return m;
    }

    public FilePolicy policy() {
        return policy;
    }

    // --- ids -----------------------------------------------------------------------------------

    /**
     * Zeek's file id for a handle with the default {@code digest_salt}: {@code "F"} + the 96-bit
     * base62 form of HighwayHash-128 of the handle, keyed with SHA-256 of the salt
     * (Manager::HashHandle, KeyedHash::StaticHash128, UID(96, hash, 2)).
     */
    public static String fuid(String handle) {
        return fuid(DEFAULT_KEY, handle);
    }

    /**
     * The file id under this run's {@code digest_salt}. A protocol hands every chunk of a file
     * with the same handle, so the last answer is kept rather than hashing the handle per chunk.
     */
    public String fuidOf(String handle) {
        if (!handle.equals(lastHandle)) {
            lastFuid = fuid(key, handle);
            lastHandle = handle;
        }
        return lastFuid;
    }

    private String lastHandle, lastFuid;

    private static String fuid(long[] key, String handle) {
        // handles are byte strings in Zeek; ours hold only Latin-1 text (addresses, numbers, names)
        byte[] b = handle.getBytes(StandardCharsets.ISO_8859_1);
        long[] h = HighwayHash.hash128(key, b, 0, b.length);
        return Uid.format96("F", h[0], h[1]);
    }

    private static long[] key(String salt) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(salt.getBytes(StandardCharsets.ISO_8859_1));
            long[] k = new long[4];
            for (int i = 0; i < 4; i++) k[i] = HighwayHash.le64(d, 8 * i);
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    // --- the protocol-facing API --------------------------------------------------------------

    /**
     * In-order data of the file named {@code handle} (Manager::DataIn without offset), creating
     * the file when the handle is new. Returns the file, or null once it is complete and removed
     * (as Zeek returns an empty id). {@code buf} is only read during the call.
     */
    public FileState dataIn(String handle, String source, Connection conn, boolean isOrig, FileListener listener,
                            byte[] buf, int off, int len) {
        return dataIn(handle, source, conn, isOrig, listener, null, buf, off, len);
    }

    /**
     * As {@link #dataIn(String, String, Connection, boolean, FileListener, byte[], int, int)}, with
     * the type the protocol already knows (Zeek's {@code mime_type} argument, e.g. SSL's
     * certificates): it replaces sniffing when given before the first byte.
     */
    public FileState dataIn(String handle, String source, Connection conn, boolean isOrig, FileListener listener,
                            String mimeType, byte[] buf, int off, int len) {
        // sequential data does not look for a new connection (Manager::DataIn, update_conn=false)
        FileState f = getFile(fuidOf(handle), source, conn, isOrig, listener, false);
        if (f == null) return null;
        if (mimeType != null) setMime(f, mimeType);
        deliverChunk(f, buf, off, len, f.streamOffset);
        return completeOrKeep(f);
    }

    /** Data at a file offset (Manager::DataIn with offset: range requests, SMB); may add a connection. */
    public FileState dataInAt(String handle, String source, Connection conn, boolean isOrig, FileListener listener,
                              long offset, byte[] buf, int off, int len) {
        FileState f = getFile(fuidOf(handle), source, conn, isOrig, listener, true);
        if (f == null) return null;
        deliverChunk(f, buf, off, len, offset);
        return completeOrKeep(f);
    }

    /**
     * {@code len} bytes of an open file will never arrive (at its stream offset). A handle that is
     * not open is ignored: use the overload with the connection when the gap may come first.
     */
    public void gap(String handle, long len) {
        FileState f = files.get(fuidOf(handle));
        if (f == null) return;
        f.lastActive = timers.now();
        gap(f, len);
    }

    /** A gap that may be the first thing seen of the file (Manager::Gap creates it). */
    public void gap(String handle, String source, Connection conn, boolean isOrig, FileListener listener, long len) {
        FileState f = getFile(fuidOf(handle), source, conn, isOrig, listener, true);
        if (f != null) gap(f, len);
    }

    /**
     * The announced size (e.g. Content-Length) of an open file; a handle that is not open is
     * ignored (the overload with the connection creates the file, as Zeek's SetSize does).
     */
    public void setSize(String handle, long size) {
        FileState f = files.get(fuidOf(handle));
        if (f == null) return;
        f.lastActive = timers.now();
        setSize(f, size);
    }

    /** Manager::SetSize, which creates the file when the handle is new (before any data). */
    public FileState setSize(String handle, String source, Connection conn, boolean isOrig, FileListener listener,
                             long size) {
        FileState f = getFile(fuidOf(handle), source, conn, isOrig, listener, true);
        if (f == null) return null;
        setSize(f, size);
        return files.get(f.fuid()) == f ? f : null;
    }

    /** The protocol says the file ended (Manager::EndOfFile / RemoveFile); unknown handles are ignored. */
    public void endOfFile(String handle) {
        removeFile(fuidOf(handle));
    }

    /** The same for a file the protocol kept (Zeek's precomputed file id); a removed file is ignored. */
    public void endOfFile(FileState f) {
        if (files.get(f.fuid()) == f) removeFile(f.fuid());
    }

    /** The file with this id while it is under analysis, else null. */
    public FileState lookup(String fuid) {
        return files.get(fuid);
    }

    public int activeFiles() {
        return files.size();
    }

    /**
     * End of input, after the connections were flushed (zeek-setup.cc terminate_zeek,
     * Manager::Terminate): every file still open times out, in fuid order.
     */
    public void finish() {
        List<String> ids = new ArrayList<>(files.keySet());
        ids.sort(null);
        for (String id : ids) timeout(id);
    }

    // --- Manager.cc / File.cc ------------------------------------------------------------------

    private FileState getFile(String fuid, String source, Connection conn, boolean isOrig, FileListener listener,
                              boolean updateConn) {
        FileState f = files.get(fuid);
        if (f == null) {
            f = new FileState(this, fuid, source, timers.now(), policy.bofBufferSize());
            files.put(fuid, f);
            if (conn != null) {
                f.isOrig(isOrig);
                f.conns.add(conn);
            }
            f.listener = listener != null ? listener : FileListener.NONE;
            timers.add(new InactivityTimer(fuid, timers.now() + policy.timeoutInterval()));
            fileNew(f);
            if (conn != null) fileOverNewConnection(f, conn, isOrig, f.listener);
        } else {
            f.lastActive = timers.now();
            if (updateConn && conn != null && f.conns.add(conn)) {
                if (listener != null) f.listener = listener;
                fileOverNewConnection(f, conn, isOrig, f.listener);
            }
        }
        return f;
    }

    /** file_new: hash-all-files attaches MD5 then SHA1. */
    private void fileNew(FileState f) {
        if (policy.hashAllFiles()) {
            f.addAnalyzer("MD5");
            f.addAnalyzer("SHA1");
        }
    }

    /** file_over_new_connection: the framework sets local_orig (when Site::local_nets has entries), then the protocol. */
    private void fileOverNewConnection(FileState f, Connection c, boolean isOrig, FileListener listener) {
        if (!localNets.isEmpty()) {
            // the script tests f$is_orig (the file's first direction), not this connection's
            boolean fileOrig = Boolean.TRUE.equals(f.isOrig());
            f.localOrig(localNets.contains(fileOrig ? c.origAddr : c.respAddr));
        }
        listener.fileOverConnection(f, isOrig);
    }

    private FileState completeOrKeep(FileState f) {
        if (f.isComplete()) {
            removeFile(f.fuid());
            return null;
        }
        return f;
    }

    /** File::SetMime: a protocol-given type replaces sniffing if nothing was buffered yet. */
    private void setMime(FileState f, String mimeType) {
        if (mimeType.isEmpty() || f.bofLength() != 0 || f.didInference) return;
        f.didInference = true;
        f.bofFull = true;
        fileSniff(f, mimeType);
    }

    /** File::InferMetadata: sniff the bof buffer; no file_sniff at all for an empty one. */
    void inferMetadata(FileState f) {
        f.didInference = true;
        if (f.bofLength() == 0) return;
        fileSniff(f, sniffer.sniff(f.bofBytes(), 0, Math.min(f.bofLength(), policy.bofBufferSize())));
    }

    /** file_sniff: the framework records the type and attaches its registered analyzers, then the protocol. */
    private void fileSniff(FileState f, String mime) {
        if (mime != null) {
            f.mimeType(mime);
            for (String a : analyzersByMime.getOrDefault(mime, List.of())) f.addAnalyzer(a);
        }
        f.listener.fileSniffed(f, mime);
    }

    /** File::DeliverChunk. */
    private void deliverChunk(FileState f, byte[] buf, int off, int len, long offset) {
        if (f.done) return;
        if (f.pending != null) {
            if (policy.reassemblyBuffer() > 0 && policy.reassemblyBuffer() < f.pendingBytes) {
                // Files::reassembly_buffer_size exceeded: flush, what was skipped counts as overflow
                long before = f.missingBytes;
                flushPending(f);
                f.overflowBytes += f.missingBytes - before;
            }
            insertPending(f, buf, off, len, offset);
        } else if (f.streamOffset == offset) {
            f.deliverStream(buf, off, len);
        } else if (policy.reassembly() && offset > f.streamOffset) {
            f.pending = new TreeMap<>();
            insertPending(f, buf, off, len, offset);
        } else {
            f.overflowBytes += len;
        }
        if (f.isComplete()) endOfFileInternal(f);
    }

    private void insertPending(FileState f, byte[] buf, int off, int len, long offset) {
        // drop what the stream already passed
        if (offset < f.streamOffset) {
            long skip = f.streamOffset - offset;
            if (skip >= len) return;
            off += (int) skip;
            len -= (int) skip;
            offset = f.streamOffset;
        }
        byte[] copy = Arrays.copyOfRange(buf, off, off + len);
        byte[] old = f.pending.put(offset, copy);
        f.pendingBytes += len - (old == null ? 0 : old.length);
        drainPending(f);
    }

    /** Delivers the pending chunks that now continue the stream. */
    private void drainPending(FileState f) {
        while (f.pending != null && !f.pending.isEmpty()) {
            var first = f.pending.firstEntry();
            long start = first.getKey();
            byte[] b = first.getValue();
            if (start > f.streamOffset) return;
            f.pending.pollFirstEntry();
            f.pendingBytes -= b.length;
            long skip = f.streamOffset - start;
            if (skip < b.length) f.deliverStream(b, (int) skip, b.length - (int) skip);
        }
    }

    /** FileReassembler::Flush: the holes become gaps, the chunks after them are delivered. */
    private void flushPending(FileState f) {
        while (f.pending != null && !f.pending.isEmpty()) {
            long start = f.pending.firstKey();
            if (start > f.streamOffset) gapInternal(f, start - f.streamOffset);
            drainPending(f);
        }
    }

    private void gap(FileState f, long len) {
        if (f.done) return;
        if (f.pending != null) {
            // Zeek's reassembler flushes up to the gap's end; the hole ahead of pending data is the gap
            flushPending(f);
        }
        gapInternal(f, len);
    }

    /** File::Gap without reassembler. */
    private void gapInternal(FileState f, long len) {
        if (!f.bofFull) {
            f.bofFull = true;
            f.deliverStream(new byte[0], 0, 0);
        }
        f.detachHashes();
        f.streamOffset += len;
        f.missingBytes += len;
    }

    private void setSize(FileState f, long size) {
        f.totalBytes(size);
        if (f.isComplete()) removeFile(f.fuid());
    }

    /** Manager::RemoveFile. */
    private void removeFile(String fuid) {
        FileState f = files.get(fuid);
        if (f == null) return;
        endOfFileInternal(f);
        files.remove(fuid);
    }

    /** File::EndOfFile: flush, sniff what there is, finish the hashes, file_state_remove (the log rows). */
    private void endOfFileInternal(FileState f) {
        if (f.done) return;
        if (f.pending != null) flushPending(f);
        if (!f.bofFull) {
            f.bofFull = true;
            f.deliverStream(new byte[0], 0, 0);
        }
        f.done = true;
        f.releaseBof();
        f.finishHashes();
        // base/files/x509's Files::log_policy hook vetoes certificates unless X509::log_x509_in_files_log
        if (f.analyzers.contains("X509") && !policy.logX509()) return;
        for (FilesLogEntry e : f.logEntries()) log.accept(e);
    }

    /** Manager::Timeout: file_timeout marks the record timedout, then the file is removed. */
    private void timeout(String fuid) {
        FileState f = files.get(fuid);
        if (f == null) return;
        f.timedout = true;
        removeFile(fuid);
    }

    /**
     * files.log {@code analyzers} order. The column is a plain {@code set[string]} that Zeek
     * writes in its hash-table order; observed in Zeek 8: {MD5, SHA1} comes out {@code SHA1,MD5}.
     * Names with a known rank come first in that rank, any other keeps insertion order after them.
     */
    static List<String> analyzerLogOrder(Collection<String> names) {
        List<String> rank = List.of("SHA1", "MD5", "SHA256", "X509", "PE");
        List<String> out = new ArrayList<>(names.size());
        for (String r : rank) if (names.contains(r)) out.add(r);
        for (String n : names) if (!rank.contains(n)) out.add(n);
        return out;
    }

    /**
     * FileTimer: fires after the interval; an active file gets a new timer, an idle one times out.
     * Like Zeek's, it holds the file id, not the file: a removed file is not kept alive by its
     * timer (which stays queued, as Zeek never cancels it), and the id is looked up when it fires.
     */
    private final class InactivityTimer extends Timer {
        private final String fuid;

        InactivityTimer(String fuid, double at) {
            super(at, true);
            this.fuid = fuid;
        }

        @Override
        protected void fire(double now, boolean atEnd) {
            FileState f = files.get(fuid);
            if (f == null) return;
            double inactive = now > f.lastActive ? now - f.lastActive : 0.0;
            if (inactive >= policy.timeoutInterval()) timeout(fuid);
            else if (!atEnd) timers.add(new InactivityTimer(fuid, timers.now() + policy.timeoutInterval()));
        }
    }
}
