package org.brocapi.analyzer.protocol.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One MIME entity (Zeek's {@code MIME_Entity}, and {@code HTTP_Entity} on it for HTTP bodies): the
 * top-level entity is the message body (or the whole mail), and each part of a multipart body (RFC 2046 §5.1) or the
 * message of a {@code message/*} body is a child entity, nested up to {@code MIME::max_depth}.
 *
 * <p>HTTP reads the top-level entity's headers itself and passes them to {@link #header}; its
 * body bytes arrive through {@link #body}. A mail's lines, headers included, arrive through
 * {@link #line}. A multipart body is cut into
 * lines as Zeek's ContentLine analyzer does, boundary lines start and end parts, and the parts'
 * own headers and lines are parsed here.
 *
 * <p>Body length, as Zeek's {@code http_message_stat} counts it: bytes after Content-Encoding
 * (gzip, deflate) decoding, and for a body delivered in lines, each line plus two for its CRLF.
 * Entity data (after Content-Transfer-Encoding decoding) goes to the files framework through the
 * {@link Host}, one file per entity that is not itself multipart, after every line (Zeek's
 * {@code DecodeDataLine} flushes its buffer per line, which decides the files' timestamps).
 */
public final class MimeEntity {
    /** {@code MIME::max_depth}. */
    static final int MAX_DEPTH = 100;
    /** {@code MIME::max_header_bytes}. */
    static final int MAX_HEADER_BYTES = 65536;

    private enum Type { MULTIPART, MESSAGE, OTHER }

    private enum TransferEncoding { BINARY, QUOTED_PRINTABLE, BASE64 }

    /**
     * What the protocol does with the entities' events and data: the script handlers of
     * {@code mime_begin_entity}/{@code http_begin_entity} and their kin, and the files framework.
     */
    public interface Host {
        void beginEntity();

        /** A complete header of any entity, name upper-cased. */
        void header(String upperName, byte[] value);

        void endEntity();

        /** The protocol's {@code get_file_handle} now; empty makes Zeek ignore the data. */
        String fileHandle();

        void setSize(String handle, long size);

        /** Entity data; {@code offset} -1 for in-order data. */
        void dataIn(String handle, long offset, byte[] b, int off, int len);

        void gap(String handle, long len);

        void endOfFile(String handle);

        void weird(String name, String addl);

        /** HTTP only: a decoder for a gzip/deflate Content-Encoding feeding {@code out}. */
        default BodyDecoder contentDecoder(DataSink out) {
            return null;
        }

        /** HTTP only: a Content-Length header's value, -1 when malformed. */
        default long contentLength(String token) {
            return -1;
        }
    }

    /** Where decoded bytes go. */
    public interface DataSink {
        void data(byte[] b, int off, int len);
    }

    /** A streaming body decoder (HTTP's Content-Encoding). */
    public interface BodyDecoder {
        void feed(byte[] b, int off, int len);

        void end();
    }

    /** What the entities of one message share: its direction, the protocol, and the line cutter. */
    public static final class Message {
        final boolean isOrig;
        final Host host;
        /** HTTP's entity semantics: Content-Encoding, Content-Length, nested Transfer-Encoding. */
        final boolean http;

        /** Zeek's {@code SetCRLFAsEOL(0)} while in a part's body: only CRLF ends a line there. */
        boolean crlfOnly;
        private byte[] line = new byte[128];
        private int have;
        private boolean lastCr;
        /** Whether the reply was a 206, whose files may span connections (no end of file). */
        final boolean partialContent;

        private Message(boolean isOrig, Host host, boolean http, boolean partialContent) {
            this.isOrig = isOrig;
            this.host = host;
            this.http = http;
            this.partialContent = partialContent;
        }

        /** An HTTP message; {@code partialContent} for a 206 reply. */
        public static Message http(boolean isOrig, Host host, boolean partialContent) {
            return new Message(isOrig, host, true, partialContent);
        }

        /** A mail (Zeek's {@code MIME_Mail}). */
        public static Message mail(boolean isOrig, Host host) {
            return new Message(isOrig, host, false, false);
        }
    }

    private final Message msg;
    private final MimeEntity parent;
    private final int depth;
    private boolean inHeader = true;
    private boolean endOfData;
    private byte[] headerLine;
    private int headerLen;
    private Type type = Type.OTHER;
    private byte[] boundary;
    private TransferEncoding transferEncoding;
    private boolean compressed;
    private long contentLength = -1;
    /** Top level: bytes of a line-delivered body still allowed by Content-Length. */
    private long expectLength;
    private long bodyLength;
    private BodyDecoder inflater;
    private Base64Decoder base64;
    private boolean delayCrlf;
    private boolean sendSize = true;
    private String fileHandle;
    private MimeEntity child;
    private boolean lines;
    /** A 206 reply's file offset for the next data, -1 otherwise; and the whole file's length. */
    private long rangeOffset = -1, instanceLength = -1;
    /** Decoded data not yet submitted; reused, and read in place (no copy per chunk). */
    private final Decoded decoded = new Decoded();

    private static final class Decoded extends ByteArrayOutputStream {
        byte[] array() {
            return buf;
        }
    }

    private MimeEntity(Message msg, MimeEntity parent) {
        this.msg = msg;
        this.parent = parent;
        this.depth = parent == null ? 0 : parent.depth + 1;
        if (parent != null) transferEncoding = parent.transferEncoding;
        msg.host.beginEntity(); // mime_begin_entity / http_begin_entity
    }

    /** The top-level entity of a new message. */
    public static MimeEntity top(Message msg) {
        return new MimeEntity(msg, null);
    }

    public long bodyLength() {
        return bodyLength;
    }

    public boolean ended() {
        return endOfData;
    }

    /** True when the body is read in lines (multipart or message), not framed by the transfer coding. */
    public boolean lineBody() {
        return type != Type.OTHER;
    }

    /** The body arrives through ContentLine (a reply with neither length nor close): cut it into lines. */
    public void deliverInLines() {
        lines = true;
    }

    // --- headers ----------------------------------------------------------------------------

    /**
     * A complete header of this entity, as MIME_Header splits it: the MIME fields that shape the
     * body, then the script's {@code http_header} handlers.
     */
    public void header(String name, byte[] value) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        String v = new String(value, StandardCharsets.ISO_8859_1);
        // only the message's own Transfer-Encoding frames it; one inside the body could smuggle framing
        if (msg.http && parent != null && upper.equals("TRANSFER-ENCODING")) msg.host.weird("HTTP_nested_transfer_encoding_header", "");
        switch (upper) {
            case "CONTENT-TYPE" -> contentType(v);
            case "CONTENT-TRANSFER-ENCODING" -> {
                String token = MimeText.token(v, 0);
                if (token != null) transferEncoding = switch (token.toUpperCase(java.util.Locale.ROOT)) {
                    case "QUOTED-PRINTABLE" -> TransferEncoding.QUOTED_PRINTABLE;
                    case "BASE64" -> TransferEncoding.BASE64;
                    default -> TransferEncoding.BINARY;
                };
            }
            case "CONTENT-ENCODING" -> {
                String token = MimeText.token(v, 0);
                if (msg.http && token != null && (token.equalsIgnoreCase("gzip") || token.equalsIgnoreCase("x-gzip")
                        || token.equalsIgnoreCase("deflate")))
                    compressed = true;
            }
            case "CONTENT-LENGTH" -> {
                String token = MimeText.token(v, 0);
                if (msg.http && token != null) {
                    long n = msg.host.contentLength(token);
                    contentLength = n < 0 ? 0 : n;
                }
            }
            default -> { }
        }
        msg.host.header(upper, value);
    }

    private void contentType(String v) {
        int[] pos = {0};
        String ty = MimeText.token(v, pos);
        if (ty == null) return;
        int i = MimeText.skipLwsComments(v, pos[0]);
        if (i >= v.length() || v.charAt(i) != '/') return;
        pos[0] = i + 1;
        if (MimeText.token(v, pos) == null) return;
        type = ty.equalsIgnoreCase("MULTIPART") ? Type.MULTIPART
                : ty.equalsIgnoreCase("MESSAGE") ? Type.MESSAGE : Type.OTHER;
        boundary = null;
        if (type != Type.OTHER) boundary = MimeText.boundaryParameter(v, pos[0], type == Type.MULTIPART);
        if (type == Type.MULTIPART && boundary == null) type = Type.OTHER; // treated as octet-stream
    }

    /** A 206 reply's Content-Range: the body is the file from {@code first}, of {@code instance} bytes (-1 unknown). */
    public void partialContent(long first, long instance) {
        rangeOffset = first;
        instanceLength = instance;
    }

    /** The end of the top-level headers; {@code contentLength} as the analyzer framed it. */
    public void headersDone(long framedContentLength) {
        inHeader = false;
        if (type != Type.OTHER && framedContentLength > 0) expectLength = framedContentLength;
        beginBody();
    }

    private void beginBody() {
        if (transferEncoding == TransferEncoding.BASE64)
            base64 = new Base64Decoder(m -> msg.host.weird("base64_illegal_encoding", m));
        if (type == Type.MESSAGE) beginChild();
    }

    // --- body -------------------------------------------------------------------------------

    /**
     * Top-level body bytes. A line body (multipart) is cut into lines here; returns how many
     * bytes were used, fewer than {@code len} when the entity ended at its closing boundary or
     * Content-Length.
     */
    public int body(byte[] b, int off, int len) {
        if (endOfData) return 0;
        if (type == Type.OTHER && !lines) {
            deliverBody(b, off, len, false);
            return len;
        }
        int end = off + len, i = off;
        while (i < end && !endOfData) i = cutLine(b, i, end);
        return i - off;
    }

    /** Zeek's ContentLine: CRLF ends a line; outside part bodies a bare CR or LF does too. */
    private int cutLine(byte[] b, int i, int end) {
        Message m = msg;
        if (m.lastCr) {
            m.lastCr = false;
            if (b[i] == '\n' && m.have == 0) return i + 1; // the LF of a CRLF split across deliveries
        }
        int start = i;
        if (m.crlfOnly && b[i] == '\n' && m.have > 0 && m.line[m.have - 1] == '\r') {
            m.have--; // a CRLF split across deliveries
            topLine(true);
            return i + 1;
        }
        while (i < end) {
            byte c = b[i];
            if (c == '\r') {
                if (i + 1 < end && b[i + 1] == '\n') {
                    append(b, start, i);
                    topLine(true);
                    return i + 2;
                }
                if (!m.crlfOnly) {
                    append(b, start, i);
                    if (i + 1 == end) m.lastCr = true;
                    topLine(true);
                    return i + 1;
                }
            } else if (c == '\n' && !m.crlfOnly) {
                append(b, start, i);
                topLine(true);
                return i + 1;
            }
            i++;
        }
        append(b, start, end);
        return end;
    }

    private void append(byte[] b, int from, int to) {
        Message m = msg;
        int n = to - from;
        if (m.line.length < m.have + n) m.line = Arrays.copyOf(m.line, Math.max(m.line.length * 2, m.have + n));
        System.arraycopy(b, from, m.line, m.have, n);
        m.have += n;
    }

    private void topLine(boolean crlf) {
        Message m = msg;
        int n = m.have;
        m.have = 0;
        byte[] line = Arrays.copyOf(m.line, n);
        deliverBody(line, 0, n, crlf);
        // the top level stops at its Content-Length even inside a multipart body
        if (expectLength > 0) {
            expectLength -= n + (crlf ? 2 : 0);
            if (expectLength <= 0) endOfData();
        }
    }

    /** A line of this entity from its parent (parts of a multipart body). */
    private void deliver(byte[] b, int off, int len, boolean crlf) {
        if (endOfData) return;
        if (!inHeader) {
            deliverBody(b, off, len, crlf);
            return;
        }
        if (!crlf) msg.host.weird("http_no_crlf_in_header_list", "");
        if (len == 0 || b[off] == 0) {
            finishHeader();
            inHeader = false;
            headersOfChildDone();
            beginBody();
        } else if (b[off] == ' ' || b[off] == '\t') {
            if (headerLine == null) { // a first header line starting with whitespace: taken as a new one
                int ws = 0;
                while (ws < len && (b[off + ws] == ' ' || b[off + ws] == '\t')) ws++;
                newHeader(b, off + ws, len - ws);
            } else if (headerLen >= MAX_HEADER_BYTES) {
                msg.host.weird("exceeded_mime_max_header_bytes", Integer.toString(headerLen));
            } else appendHeader(b, off, len);
        } else newHeader(b, off, len);
    }

    private void headersOfChildDone() {
        if (parent != null && parent.type == Type.MULTIPART) msg.crlfOnly = true;
    }

    private void newHeader(byte[] b, int off, int len) {
        finishHeader();
        if (len == 0) return;
        headerLine = new byte[Math.max(64, len)];
        headerLen = 0;
        appendHeader(b, off, len);
    }

    private void appendHeader(byte[] b, int off, int len) {
        if (headerLine.length < headerLen + len) headerLine = Arrays.copyOf(headerLine, Math.max(headerLine.length * 2, headerLen + len));
        System.arraycopy(b, off, headerLine, headerLen, len);
        headerLen += len;
    }

    private void finishHeader() {
        if (headerLine == null) return;
        byte[] h = Arrays.copyOf(headerLine, headerLen);
        headerLine = null;
        MimeText.Header parsed = MimeText.header(h);
        if (parsed != null) header(parsed.name(), parsed.value());
    }

    /** Zeek's {@code HTTP_Entity::DeliverBody}: Content-Encoding first, then the clear body. */
    private void deliverBody(byte[] b, int off, int len, boolean crlf) {
        if (compressed) {
            if (inflater == null)
                inflater = msg.host.contentDecoder((buf, o, n) -> deliverBodyClear(buf, o, n, false));
            inflater.feed(b, off, len);
        } else deliverBodyClear(b, off, len, crlf);
    }

    private void deliverBodyClear(byte[] b, int off, int len, boolean crlf) {
        bodyLength += len + (crlf ? 2 : 0);
        newDataLine(b, off, len, crlf);
    }

    private void newDataLine(byte[] b, int off, int len, boolean crlf) {
        if (type == Type.MULTIPART) {
            int kind = boundaryKind(b, off, len);
            if (kind != 0) {
                if (child != null) endChild();
                if (kind == 1) {
                    if (!endOfData) beginChild();
                } else endOfData();
                return;
            }
        }
        if (type != Type.OTHER) {
            // lines before the first and after the last boundary belong to no part
            if (child != null) child.deliver(b, off, len, crlf);
            return;
        }
        decodeDataLine(b, off, len, crlf);
        // DecodeDataLine flushes the entity's buffer after every line
        flushData();
    }

    /** 1 for {@code --boundary}, 2 for the closing {@code --boundary--}, else 0 (RFC 2046 §5.1.1). */
    private int boundaryKind(byte[] b, int off, int len) {
        if (len < 2 || b[off] != '-' || b[off + 1] != '-') return 0;
        int n = boundary.length;
        if (len - 2 < n) return 0;
        for (int i = 0; i < n; i++) if (b[off + 2 + i] != boundary[i]) return 0;
        int rest = off + 2 + n, end = off + len;
        return end - rest >= 2 && b[rest] == '-' && b[rest + 1] == '-' ? 2 : 1;
    }

    private void beginChild() {
        if (depth >= MAX_DEPTH) {
            msg.host.weird("exceeded_mime_max_depth", Integer.toString(depth));
            return;
        }
        child = new MimeEntity(msg, this);
    }

    private void endChild() {
        child.endOfData();
        child = null;
    }

    private void decodeDataLine(byte[] b, int off, int len, boolean crlf) {
        switch (transferEncoding == null ? TransferEncoding.BINARY : transferEncoding) {
            case QUOTED_PRINTABLE -> decodeQuotedPrintable(b, off, len);
            case BASE64 -> {
                if (base64 != null) base64.decode(b, off, len, decoded);
            }
            default -> {
                if (!delayCrlf && !crlf && decoded.size() == 0) {
                    // the common case, a chunk of a plain body: straight to the file, no copy
                    submit(b, off, len);
                    return;
                }
                if (delayCrlf) {
                    delayCrlf = false;
                    decoded.write('\r');
                    decoded.write('\n');
                }
                decoded.write(b, off, len);
                if (crlf) {
                    // in a part, the last CRLF belongs to the boundary delimiter, not the content
                    if (parent != null && parent.type == Type.MULTIPART) delayCrlf = true;
                    else {
                        decoded.write('\r');
                        decoded.write('\n');
                    }
                }
            }
        }
    }

    /** RFC 2045 §6.7 with Zeek's leniency: bad escapes and control characters are kept as they are. */
    private void decodeQuotedPrintable(byte[] b, int off, int len) {
        int last = off + len - 1;
        while (last >= off && (b[last] == '\t' || b[last] == ' ')) last--;
        boolean softBreak = false;
        for (int i = off; i <= last; i++) {
            int c = b[i] & 0xff;
            if (c == '=') {
                if (i == last) softBreak = true;
                else if (i + 2 < off + len && Character.digit(b[i + 1], 16) >= 0 && Character.digit(b[i + 2], 16) >= 0) {
                    decoded.write(Character.digit(b[i + 1], 16) << 4 | Character.digit(b[i + 2], 16));
                    i += 2;
                } else decoded.write(c);
            } else decoded.write(c);
        }
        if (!softBreak) {
            decoded.write('\r');
            decoded.write('\n');
        }
    }

    /** Zeek's {@code SubmitData}: decoded entity data to this entity's file. */
    private void flushData() {
        if (decoded.size() == 0) return;
        submit(decoded.array(), 0, decoded.size());
        decoded.reset();
    }

    /** {@code data[off, off+len)} is only read during the call. */
    private void submit(byte[] data, int off, int len) {
        if (len == 0) return;
        if (fileHandle == null) fileHandle = msg.host.fileHandle();
        if (compressed) sendSize = false; // decompression invalidates sizes from headers
        if (rangeOffset >= 0) {
            // a 206 reply: the piece goes to its place in the whole file, whose size is the instance length
            if (sendSize && instanceLength > 0) msg.host.setSize(fileHandle, instanceLength);
            msg.host.dataIn(fileHandle, rangeOffset, data, off, len);
            rangeOffset += len;
        } else {
            if (sendSize && contentLength > 0) msg.host.setSize(fileHandle, contentLength);
            msg.host.dataIn(fileHandle, -1, data, off, len);
        }
        sendSize = false;
    }

    /** One line of a mail (headers and body), without its CRLF. */
    public void line(byte[] b, int off, int len) {
        deliver(b, off, len, true);
    }

    /** Body bytes that were never seen (a content gap inside a framed body). */
    public void gap(long len) {
        if (bodyLength == 0 || endOfData) return;
        if (fileHandle == null) fileHandle = msg.host.fileHandle();
        msg.host.gap(fileHandle, len);
        if (rangeOffset >= 0) rangeOffset += len;
        bodyLength += len;
    }

    /**
     * Zeek's {@code EndOfData}: a partial last line of a line body is delivered, a multipart
     * without its closing boundary ends its open part, decoders flush, the file ends, and
     * {@code http_end_entity} is raised.
     */
    public void endOfData() {
        if (endOfData) return;
        endOfData = true;
        if (inflater != null) inflater.end();
        if (inHeader) {
            finishHeader();
            inHeader = false;
            headersOfChildDone();
        } else {
            if (child != null) endChild();
            if (base64 != null) base64.finish(decoded);
            flushData();
        }
        // EndEntity
        msg.host.endEntity();
        if (parent != null && parent.type == Type.MULTIPART) msg.crlfOnly = false;
        if (fileHandle != null && (msg.isOrig || !msg.partialContent)) msg.host.endOfFile(fileHandle);
    }

    /** The end of the message: a partial line still buffered is delivered first. */
    public void finish() {
        // ContentLine flushes a partial last line with a CRLF (at its delivery size or the
        // endpoint's EOF)
        if (!endOfData && (type != Type.OTHER || lines) && msg.have > 0) topLine(true);
        endOfData();
    }
}
