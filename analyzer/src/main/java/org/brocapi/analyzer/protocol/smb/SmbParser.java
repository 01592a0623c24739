package org.brocapi.analyzer.protocol.smb;

import java.nio.charset.StandardCharsets;

import org.brocapi.analyzer.bytes.ByteCursor;

/**
 * Pure SMB2 decoding (MS-SMB2 §2.2) of one PDU inside a NetBIOS session message. Offsets inside
 * a body (names, data) count from the start of the SMB2 header, as the protocol defines them. A
 * message that does not fit its bounds yields null: Zeek's binpac raises an exception there.
 * Not thread-safe: the cursor is reused by every call.
 */
public final class SmbParser {
    public static final int HEADER_LENGTH = 64;
    static final int TREE_CONNECT = 3;
    static final int CREATE = 5;
    static final int CLOSE = 6;
    static final int READ = 8;
    static final int WRITE = 9;
    /** STATUS_PENDING: an interim response; the final one follows with the same message id. */
    static final long STATUS_PENDING = 0x103;

    private final ByteCursor in = new ByteCursor();

    /** RFC 1002 §4.3.1 session message header: type, then Zeek reads a 24-bit big-endian length. */
    public static int netbiosLength(byte[] b, int off) {
        return (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    /** True for {@code \xfeSMB} at {@code off}. */
    public static boolean isSmb2(byte[] b, int off, int end) {
        return end - off >= 4 && (b[off] & 0xff) == 0xfe && b[off + 1] == 'S' && b[off + 2] == 'M' && b[off + 3] == 'B';
    }

    /** The header at {@code hdr} (which starts with {@code \xfeSMB}), or null when it is cut short. */
    public SmbMessage.Header header(byte[] buf, int hdr, int end) {
        in.reset(buf, hdr, end - hdr);
        in.skip(4);
        in.skip(2); // structure size, 64
        in.skip(2); // credit charge
        long status = in.u32le();
        int command = in.u16le();
        in.skip(2); // credits
        long flags = in.u32le();
        long next = in.u32le();
        long mid = in.i64le();
        in.skip(4); // process id
        long tid = in.u32le();
        in.skip(8 + 16); // session id, signature
        if (in.truncated()) return null;
        return new SmbMessage.Header(status, command, flags, next, mid, tid);
    }

    /**
     * The body of the command {@code h} names, the header at {@code hdr}, the PDU ending at
     * {@code end}; {@link SmbMessage#OTHER} for commands not decoded, null when cut short. As in
     * Zeek, the direction (not the header's response flag) says request or response.
     */
    public SmbMessage body(SmbMessage.Header h, boolean isOrig, byte[] buf, int hdr, int end) {
        int body = hdr + HEADER_LENGTH;
        in.reset(buf, body, Math.max(0, end - body));
        boolean resp = !isOrig;
        SmbMessage m = switch (h.command()) {
            case TREE_CONNECT -> resp ? treeConnectResponse() : treeConnectRequest(buf, hdr, end);
            case CREATE -> resp ? createResponse(h) : createRequest(buf, hdr, end);
            case READ -> resp ? readResponse(h, hdr, end) : readRequest();
            case WRITE -> resp ? SmbMessage.OTHER : writeRequest(hdr, end);
            case CLOSE -> resp ? SmbMessage.OTHER : closeRequest();
            default -> SmbMessage.OTHER;
        };
        return in.truncated() ? null : m;
    }

    private SmbMessage treeConnectRequest(byte[] buf, int hdr, int end) {
        in.skip(2 + 2); // structure size, flags
        int pathOff = in.u16le();
        int pathLen = in.u16le();
        String path = utf16(buf, hdr, end, pathOff, pathLen);
        return path == null ? null : new SmbMessage.TreeConnectRequest(path);
    }

    private SmbMessage treeConnectResponse() {
        in.skip(2);
        int shareType = in.u8();
        return new SmbMessage.TreeConnectResponse(shareType);
    }

    private SmbMessage createRequest(byte[] buf, int hdr, int end) {
        in.skip(2 + 1 + 1 + 4 + 8 + 8); // structure size, security flags, oplock, impersonation, create flags, reserved
        in.skip(4 + 4 + 4 + 4); // desired access, attributes, share access, disposition
        long options = in.u32le();
        int nameOff = in.u16le();
        int nameLen = in.u16le();
        in.skip(4 + 4); // create contexts
        if (in.truncated()) return null;
        String name = nameLen == 0 ? "" : utf16(buf, hdr, end, nameOff, nameLen);
        return name == null ? null : new SmbMessage.CreateRequest(name, options);
    }

    private SmbMessage createResponse(SmbMessage.Header h) {
        if (h.status() != 0) return SmbMessage.OTHER; // an error response carries an error body (§2.2.2)
        in.skip(2 + 1 + 1 + 4); // structure size, oplock, flags, create action
        long created = in.i64le();
        long accessed = in.i64le();
        long written = in.i64le();
        long changed = in.i64le();
        in.skip(8); // allocation size
        long eof = in.i64le();
        in.skip(4 + 4); // attributes, reserved
        long fid = SmbMessage.fileId(in.i64le(), in.i64le());
        return new SmbMessage.CreateResponse(created, accessed, written, changed, eof, fid);
    }

    private SmbMessage readRequest() {
        in.skip(2 + 1 + 1);
        long length = in.u32le();
        long offset = in.i64le();
        long fid = SmbMessage.fileId(in.i64le(), in.i64le());
        return new SmbMessage.ReadRequest(length, offset, fid);
    }

    private SmbMessage readResponse(SmbMessage.Header h, int hdr, int end) {
        if (h.status() != 0) return SmbMessage.OTHER;
        in.skip(2);
        int dataOffset = in.u8();
        in.skip(1);
        long dataLen = in.u32le();
        in.skip(4 + 4);
        return data(hdr, end, dataOffset, dataLen, (o, l) -> new SmbMessage.ReadResponse(o, l));
    }

    private SmbMessage writeRequest(int hdr, int end) {
        in.skip(2);
        int dataOffset = in.u16le();
        long dataLen = in.u32le();
        long offset = in.i64le();
        long fid = SmbMessage.fileId(in.i64le(), in.i64le());
        in.skip(4 + 4 + 2 + 2 + 4);
        return data(hdr, end, dataOffset, dataLen, (o, l) -> new SmbMessage.WriteRequest(offset, fid, o, l));
    }

    private SmbMessage closeRequest() {
        in.skip(2 + 2 + 4);
        return new SmbMessage.CloseRequest(SmbMessage.fileId(in.i64le(), in.i64le()));
    }

    private interface DataMessage {
        SmbMessage of(int off, int len);
    }

    /** Data at a header-relative offset, which must lie after the fixed body read so far (binpac's padding). */
    private SmbMessage data(int hdr, int end, int dataOffset, long dataLen, DataMessage m) {
        if (in.truncated()) return null;
        int start = Math.max(hdr + dataOffset, in.position());
        if (dataLen == 0) return m.of(start, 0);
        if (start > end || dataLen > end - start) return null;
        return m.of(start, (int) dataLen);
    }

    /** A UTF-16LE string at a header-relative offset; Zeek converts to UTF-8 and drops a trailing NUL. */
    private static String utf16(byte[] buf, int hdr, int end, int off, int len) {
        int start = hdr + off;
        if (off < HEADER_LENGTH || start > end || len > end - start) return null;
        String s = new String(buf, start, len & ~1, StandardCharsets.UTF_16LE);
        int n = s.length();
        while (n > 0 && s.charAt(n - 1) == 0) n--;
        return s.substring(0, n);
    }
}
