package org.brocapi.analyzer.protocol.smb;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.files.FileHandle;
import org.brocapi.analyzer.files.FileListener;
import org.brocapi.analyzer.files.FileManager;
import org.brocapi.analyzer.files.FileState;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * SMB on one TCP connection (Zeek's {@code SMB_Analyzer} with the script state of
 * base/protocols/smb/{main,smb2-main,files}.zeek that names files). Each direction is framed by
 * NetBIOS session messages; a PDU chain inside one message is followed by {@code next_command}.
 * Like Zeek, nothing is parsed until a chunk starts with a session header followed by
 * {@code \xffSMB}/{@code \xfeSMB} (again after a content gap or a parse error), and the analyzer
 * confirms on the third chunk parsed without error. Zeek evaluates {@code get_file_handle} after
 * draining the events queued so far, so the script state is updated before each files call here.
 */
public final class SmbAnalyzer implements StreamAnalyzer, FileListener {
    /** Analyzer::ANALYZER_SMB as {@code cat()} renders the enum. */
    static final String ANALYZER_TAG = "Analyzer::ANALYZER_SMB";
    private static final String SOURCE = "SMB";
    /** A session message longer than this is not SMB (Zeek's SMB_MAX_LEN is 1<<18; we allow headroom). */
    private static final int MAX_MESSAGE = 1 << 24;
    /** 1970-01-01 as a FILETIME (100 ns ticks since 1601-01-01). */
    private static final long FILETIME_1970 = 116_444_736_000_000_000L;

    private final Session session;
    private final Connection conn;
    private final FileManager files;
    private final Consumer<SmbFilesLogEntry> filesLog;
    private final Set<String> loggedActions;
    private final SmbParser parser = new SmbParser();
    private final Side orig = new Side(true);
    private final Side resp = new Side(false);
    private boolean needSync = true;
    private int chunks;

    // binpac connection state (smb2-protocol.pac, smb2-com-read.pac, smb2-com-tree-connect.pac)
    private final Map<Long, Long> requestTreeIds = new HashMap<>();
    private final Set<Long> pipeTrees = new HashSet<>();
    private final Map<Long, Long> readOffsets = new HashMap<>();

    // script state (SMB::State)
    private final Map<Long, Cmd> pendingCmds = new HashMap<>();
    private final Map<Long, Tree> tidMap = new HashMap<>();
    private final Map<Long, FileInfo> fidMap = new HashMap<>();
    /** {@code recent_files}; Zeek expires entries 3 min after their last read, which we do not model. */
    private final Set<String> recentFiles = new HashSet<>();
    private Cmd currentCmd;
    private FileInfo currentFile;
    private Tree currentTree;

    /**
     * @param filesLog      receives smb_files.log rows
     * @param loggedActions {@code SMB::logged_file_actions} after redefs, e.g. {@code FILE_OPEN}
     */
    public SmbAnalyzer(Session session, FileManager files, Consumer<SmbFilesLogEntry> filesLog,
                       Set<String> loggedActions) {
        this.session = session;
        this.conn = session.conn();
        this.files = files;
        this.filesLog = filesLog;
        this.loggedActions = loggedActions;
    }

    /** SMB::FileInfo, as far as the file handle and files.log need it. */
    static final class FileInfo {
        final double ts;
        String fuid;
        String action;
        String name;
        String path;
        /** {@code times$modified_raw}, null while {@code times} is unset. */
        Long modifiedRaw;
        long size;
        /** {@code times} as raw FILETIMEs: modified, accessed, created, changed; null while unset. */
        long[] times;

        FileInfo(double ts) {
            this.ts = ts;
        }
    }

    /** SMB::TreeInfo. */
    static final class Tree {
        String path;
        String shareType = "DISK";
    }

    /** SMB::CmdInfo. */
    static final class Cmd {
        FileInfo file;
        Tree tree;
        /** {@code smb2_create_options} of a CREATE request. */
        long createOptions;

        Cmd(double now) {
            file = new FileInfo(now);
        }
    }

    /** One direction's unparsed bytes. */
    private final class Side {
        final boolean isOrig;
        byte[] buf = new byte[0];
        int len;

        Side(boolean isOrig) {
            this.isOrig = isOrig;
        }

        void append(byte[] b, int off, int n) {
            if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        if (needSync && !hasSmbHeader(buf, off, len)) return;
        needSync = false;
        Side side = dir == Direction.ORIG ? orig : resp;
        side.append(buf, off, len);
        if (!drain(side)) {
            session.violation("Binpac exception: SMB message out of bounds");
            resync();
            return;
        }
        if (++chunks == 3) session.confirm();
    }

    @Override
    public void gap(Direction dir, long len) {
        resync();
    }

    /** SMB_Analyzer::HasSMBHeader. */
    static boolean hasSmbHeader(byte[] b, int off, int len) {
        if (len < 8) return false;
        int m = b[off + 4] & 0xff;
        return (m == 0xff || m == 0xfe) && b[off + 5] == 'S' && b[off + 6] == 'M' && b[off + 7] == 'B';
    }

    private void resync() {
        orig.len = 0;
        resp.len = 0;
        needSync = true;
    }

    /** Parses every complete session message; false on a message that does not parse. */
    private boolean drain(Side s) {
        int p = 0;
        boolean ok = true;
        while (s.len - p >= 4) {
            int type = s.buf[p] & 0xff;
            int mlen = SmbParser.netbiosLength(s.buf, p);
            if (mlen > MAX_MESSAGE) {
                ok = false;
                break;
            }
            if (s.len - p - 4 < mlen) break;
            int start = p + 4;
            int end = start + mlen;
            p = end;
            // only session messages (type 0) carry SMB; others are skipped, as Zeek does
            if (type == 0 && !message(s.buf, start, end, s.isOrig)) {
                ok = false;
                break;
            }
        }
        if (!ok) return false;
        System.arraycopy(s.buf, p, s.buf, 0, s.len - p);
        s.len -= p;
        return true;
    }

    /** One session message: a chain of SMB2 PDUs linked by next_command (SMB1 is not decoded). */
    private boolean message(byte[] b, int start, int end, boolean isOrig) {
        int hdr = start;
        while (SmbParser.isSmb2(b, hdr, end)) {
            SmbMessage.Header h = parser.header(b, hdr, end);
            if (h == null) return false;
            long next = h.nextCommand();
            int pduEnd = next == 0 ? end : (int) Math.min(end, hdr + next);
            if (next != 0 && next < SmbParser.HEADER_LENGTH) return false;
            boolean isPipe = smb2Message(h, isOrig);
            SmbMessage m = parser.body(h, isOrig, b, hdr, pduEnd);
            if (m == null) return false;
            command(h, m, isOrig, isPipe, b);
            if (next == 0) break;
            hdr = pduEnd;
        }
        return true;
    }

    /** SMB2_Header's is_pipe and proc_smb2_message, then event smb2_message at priorities 5 and -5. */
    private boolean smb2Message(SmbMessage.Header h, boolean isOrig) {
        long mid = h.messageId();
        boolean pending = h.status() == SmbParser.STATUS_PENDING;
        long tid = h.treeId();
        boolean isPipe;
        if (isOrig) {
            requestTreeIds.put(mid, tid);
            isPipe = pipeTrees.contains(tid);
        } else {
            Long reqTid = requestTreeIds.get(mid);
            isPipe = pipeTrees.contains(reqTid != null ? reqTid : 0L);
            if (!pending) requestTreeIds.remove(mid);
        }

        Cmd cmd = pendingCmds.computeIfAbsent(mid, k -> new Cmd(session.now()));
        currentCmd = cmd;
        if (tid > 0) {
            if (cmd.tree != null) tidMap.put(tid, cmd.tree);
            else tidMap.computeIfAbsent(tid, k -> new Tree());
            cmd.tree = tidMap.get(tid);
        } else {
            cmd.tree = new Tree();
        }
        currentFile = cmd.file;
        currentTree = cmd.tree;
        if (!isOrig && !pending) pendingCmds.remove(mid);
        return isPipe;
    }

    private void command(SmbMessage.Header h, SmbMessage m, boolean isOrig, boolean isPipe, byte[] b) {
        switch (m) {
            case SmbMessage.TreeConnectRequest r -> currentTree.path = r.path();
            case SmbMessage.TreeConnectResponse r -> {
                if (r.shareType() == 2) pipeTrees.add(h.treeId());
                currentTree.shareType = switch (r.shareType()) {
                    case 1 -> "DISK";
                    case 2 -> "PIPE";
                    case 3 -> "PRINT";
                    default -> "UNKNOWN";
                };
            }
            case SmbMessage.CreateRequest r -> {
                currentFile.name = r.filename().isEmpty() ? "<share_root>" : r.filename();
                currentFile.action = action("OPEN");
                currentCmd.createOptions = r.createOptions();
            }
            case SmbMessage.CreateResponse r -> {
                createResponse(r);
                writeFileLog();
                // FILE_DELETE_ON_CLOSE (MS-SMB2 §2.2.13) on a successful create: smb2_file_delete
                if ((currentCmd.createOptions & 0x1000) != 0) {
                    setCurrentFile(r.fileId());
                    currentFile.action = "FILE_DELETE";
                    writeFileLog();
                }
            }
            case SmbMessage.ReadRequest r -> {
                readOffsets.put(h.messageId(), r.offset());
                setCurrentFile(r.fileId());
                currentFile.action = action("READ");
                writeFileLog();
            }
            case SmbMessage.ReadResponse r -> {
                Long off = readOffsets.get(h.messageId());
                if (h.status() != SmbParser.STATUS_PENDING) readOffsets.remove(h.messageId());
                if (!isPipe && r.dataLen() > 0) dataIn(isOrig, off != null ? off : 0, b, r.dataOff(), r.dataLen());
            }
            case SmbMessage.WriteRequest r -> {
                setCurrentFile(r.fileId());
                currentFile.action = action("WRITE");
                writeFileLog();
                if (!isPipe && r.dataLen() > 0) dataIn(isOrig, r.offset(), b, r.dataOff(), r.dataLen());
            }
            case SmbMessage.CloseRequest r -> {
                setCurrentFile(r.fileId());
                currentFile.action = action("CLOSE");
                FileInfo f = fidMap.remove(r.fileId());
                if (f != null && currentTree.path != null) f.path = currentTree.path;
                if (f != null) writeFileLog();
                String handle = handle();
                if (!handle.isEmpty()) files.endOfFile(handle);
            }
            case SmbMessage.Other o -> { }
        }
    }

    /** smb2-main.zeek's smb2_create_response handler. */
    private void createResponse(SmbMessage.CreateResponse r) {
        setCurrentFile(r.fileId());
        currentFile.size = r.size();
        if (currentTree.path != null) currentFile.path = currentTree.path;
        // "I'm seeing negative data from IPC tree transfers": times only when modified is after 1970
        if (Long.compareUnsigned(r.lastWriteTime(), FILETIME_1970) > 0) {
            currentFile.modifiedRaw = r.lastWriteTime();
            currentFile.times = new long[] {r.lastWriteTime(), r.lastAccessTime(), r.creationTime(), r.changeTime()};
        }
        fidMap.put(r.fileId(), currentFile);
    }

    /** main.zeek's SMB::set_current_file. */
    private void setCurrentFile(long fid) {
        FileInfo f = fidMap.computeIfAbsent(fid, k -> currentCmd.file);
        currentCmd.file = f;
        currentFile = f;
    }

    /**
     * files.zeek's SMB::get_file_handle: {@code clean(cat(ANALYZER_SMB, orig_h, resp_h, path,
     * name, times$modified_raw or 0))}, empty without a current file name or path.
     */
    String handle() {
        FileInfo f = currentFile;
        if (f == null || (f.name == null && f.path == null)) return "";
        return clean(new FileHandle().add(ANALYZER_TAG).addr(conn.origAddr).addr(conn.respAddr)
                .add(f.path != null ? f.path : "").add(f.name != null ? f.name : "")
                .add(f.modifiedRaw != null ? Long.toUnsignedString(f.modifiedRaw) : "0").toString());
    }

    /**
     * Zeek's {@code clean()} (String::Render with ESC_HEX) over the handle's UTF-8 bytes: every
     * byte outside [32, 126] becomes {@code \xhh}; a backslash stays as it is.
     */
    static String clean(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(b.length + 8);
        for (byte x : b) {
            int c = x & 0xff;
            if (c >= 32 && c <= 126) out.append((char) c);
            else out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
        }
        return out.toString();
    }

    private void dataIn(boolean isOrig, long offset, byte[] b, int off, int len) {
        String handle = handle();
        if (!handle.isEmpty()) files.dataInAt(handle, SOURCE, conn, isOrig, this, offset, b, off, len);
    }

    /** files.zeek's file_over_new_connection: the announced size and the file name. */
    @Override
    public void fileOverConnection(FileState f, boolean isOrig) {
        if (currentFile == null) return;
        if (currentFile.size > 0) f.totalBytes(currentFile.size);
        if (currentFile.name != null) f.filename(currentFile.name);
        currentFile.fuid = f.fuid();
        writeFileLog();
    }

    /** The action for the current tree's share type: {@code PIPE_READ}, {@code FILE_OPEN}, … (smb2-main.zeek). */
    private String action(String verb) {
        String kind = switch (currentTree.shareType) {
            case "PIPE" -> "PIPE_";
            case "PRINT" -> "PRINT_";
            default -> "FILE_";
        };
        return kind + verb;
    }

    /**
     * main.zeek's SMB::write_file_log: a named file whose action is logged, once per identity
     * (action, fuid, name, path, size, times but the access time) when it has times.
     */
    private void writeFileLog() {
        FileInfo f = currentFile;
        if (f == null || f.name == null || f.action == null || !loggedActions.contains(f.action)) return;
        if (f.times != null) {
            String ident = f.action + '\0' + f.fuid + '\0' + f.name + '\0' + f.path + '\0' + f.size + '\0'
                    + f.times[0] + '\0' + f.times[2] + '\0' + f.times[3];
            if (!recentFiles.add(ident)) return;
        }
        SmbFilesLogEntry.MacTimes times = f.times == null ? null : new SmbFilesLogEntry.MacTimes(
                zeekTime(f.times[0]), zeekTime(f.times[1]), zeekTime(f.times[2]), zeekTime(f.times[3]));
        Connection c = conn;
        filesLog.accept(new SmbFilesLogEntry(f.ts, c.uid(), c.id(), f.fuid, "SMB::" + f.action, f.path, f.name,
                f.size, null, times));
    }

    /** smb-time.pac filetime2zeektime: 100 ns ticks since 1601 as seconds since 1970. */
    static double zeekTime(long filetime) {
        double ticks = filetime >= 0 ? filetime : (filetime >>> 1) * 2.0 + (filetime & 1);
        return ticks / 10000000.0 - 11644473600.0;
    }

    @Override
    public void fileSniffed(FileState f, String mimeTypeOrNull) {
    }
}
