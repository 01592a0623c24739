package org.brocapi.analyzer.files;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.log.LineBuffer;
import org.brocapi.analyzer.log.ZeekText;

/**
 * Builds a protocol's file-handle string the way its {@code get_file_handle} does with Zeek's
 * {@code cat()}: every value rendered by {@code ODesc} in readable style and concatenated with no
 * separator. Example (base/protocols/http/files.zeek, a non-range body):
 * <pre>{@code
 * String handle = new FileHandle().add("Analyzer::ANALYZER_HTTP").time(c.startTime).add(isOrig)
 *         .add(transDepth).add(mimeDepth).idString(c).toString();
 * // a 206 range response: cat(ANALYZER_HTTP, is_orig, c$id$orig_h, build_url(c$http)), fed with dataInAt
 * String range = new FileHandle().add("Analyzer::ANALYZER_HTTP").add(false).addr(c.origAddr)
 *         .add(hostAndUri).toString();
 * }</pre>
 */
public final class FileHandle {
    private final StringBuilder sb = new StringBuilder(96);

    /** A string or an enum value's name (enums render as their full name, e.g. {@code Analyzer::ANALYZER_HTTP}). */
    public FileHandle add(String s) {
        sb.append(s);
        return this;
    }

    /** A bool: {@code T} / {@code F}. */
    public FileHandle add(boolean b) {
        sb.append(b ? 'T' : 'F');
        return this;
    }

    /** A count or int. */
    public FileHandle add(long v) {
        sb.append(v);
        return this;
    }

    /**
     * A time, interval or double: {@code ODesc::Add(double)} is modp_dtoa2 with 6 digits (trailing
     * zeros trimmed) plus {@code .0} for integral values, which for values below 2^31 is exactly
     * the log writer's double rendering.
     */
    public FileHandle time(double t) {
        LineBuffer b = new LineBuffer(32);
        ZeekText.dbl(b, t);
        sb.append(new String(b.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII));
        return this;
    }

    /** An address as Zeek prints it (IPv4 dotted, IPv6 compressed). */
    public FileHandle addr(byte[] addr16) {
        sb.append(ZeekText.addrString(addr16));
        return this;
    }

    /** base/utils/conn-ids {@code id_string(c$id)}: {@code "orig_h:orig_p > resp_h:resp_p"}. */
    public FileHandle idString(Connection c) {
        sb.append(ZeekText.addrString(c.origAddr)).append(':').append(c.origPort).append(" > ")
                .append(ZeekText.addrString(c.respAddr)).append(':').append(c.respPort);
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
