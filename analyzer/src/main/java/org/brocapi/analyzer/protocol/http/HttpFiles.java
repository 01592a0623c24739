package org.brocapi.analyzer.protocol.http;

import java.nio.charset.StandardCharsets;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.files.FileHandle;
import org.brocapi.analyzer.files.FileListener;
import org.brocapi.analyzer.files.FileManager;
import org.brocapi.analyzer.files.FileState;
import org.brocapi.analyzer.log.ZeekText;

/**
 * Every call HTTP makes into the files framework, in one place: the file handles of
 * base/protocols/http/files.zeek's {@code get_file_handle}, and the data, gap, size and end
 * calls of Zeek's {@code HTTP_Entity}, handed to the run's {@link FileManager}; what the files
 * framework reports back ({@code file_over_new_connection}, {@code file_sniff}) fills http.log's
 * fuid, filename and MIME type columns. An empty handle (no {@code c$http}) makes Zeek ignore
 * the call, and so do we.
 */
final class HttpFiles implements FileListener {
    /** {@code Analyzer::ANALYZER_HTTP} as {@code cat()} renders the enum. */
    static final String ANALYZER_TAG = "Analyzer::ANALYZER_HTTP";

    private static final String SOURCE = "HTTP";

    private final Connection conn;
    private final HttpTransactions transactions;
    private final FileManager manager;
    /** {@code f$http}: each file's record, by fuid. */
    private final java.util.Map<String, HttpTransactions.Info> owners = new java.util.HashMap<>();

    HttpFiles(Connection conn, HttpTransactions transactions, FileManager manager) {
        this.conn = conn;
        this.transactions = transactions;
        this.manager = manager;
    }

    /**
     * {@code HTTP::get_file_handle} with {@code c$http} as it is now; empty when there is no
     * {@code c$http} (Zeek then ignores the data).
     */
    String handle(boolean isOrig) {
        HttpTransactions.Info http = transactions.current();
        if (http == null) return "";
        Connection c = conn;
        return handle(c.startTime, c.origAddr, c.origPort, c.respAddr, c.respPort, isOrig, http);
    }

    /** The handle for connection start {@code startTime} and endpoints (16-byte addresses). */
    static String handle(double startTime, byte[] origH, int origP, byte[] respH, int respP, boolean isOrig,
            HttpTransactions.Info http) {
        var h = new FileHandle().add(ANALYZER_TAG);
        if (http.rangeRequest && !isOrig) {
            // the parts of a range request's replies are pieces of one file: no MIME depth
            return h.add(false).addr(origH).add(buildUrl(respH, respP, http)).toString();
        }
        // id_string(): "%s:%d > %s:%d"
        return h.time(startTime).add(isOrig).add(http.transDepth).add(isOrig ? http.origMimeDepth : http.respMimeDepth)
                .addr(origH).add(":" + origP + " > ").addr(respH).add(":" + respP).toString();
    }

    /** utils.zeek's {@code build_url}: host (or responder address) with a non-80 port, then the URI. */
    static String buildUrl(byte[] respH, int respP, HttpTransactions.Info http) {
        String uri = http.uri != null ? new String(http.uri, StandardCharsets.ISO_8859_1) : "/<missed_request>";
        if (uri.contains("://")) return uri;
        String host;
        if (http.host != null) host = new String(http.host, StandardCharsets.ISO_8859_1);
        else {
            host = ZeekText.addrString(respH);
            if (host.indexOf(':') >= 0) host = "[" + host + "]"; // addr_to_uri
        }
        if (respP != 80) host = host + ":" + respP;
        return host + uri;
    }

    /**
     * {@code file_mgr->DataIn}: body data of one entity, after content and transfer decoding;
     * {@code offset} is the file offset of a 206 reply's range, -1 for in-order data.
     * Wiring: {@code FileManager.dataIn(handle, "HTTP", conn, isOrig, listener, buf, off, len)}, or
     * {@code dataInAt(…, offset, …)} with an offset.
     */
    void dataIn(String handle, boolean isOrig, long offset, byte[] buf, int off, int len) {
        if (handle.isEmpty()) return;
        if (offset < 0) manager.dataIn(handle, SOURCE, conn, isOrig, this, buf, off, len);
        else manager.dataInAt(handle, SOURCE, conn, isOrig, this, offset, buf, off, len);
    }

    /** {@code file_mgr->Gap}: body bytes of the entity that were never seen (creates the file if new). */
    void gap(String handle, boolean isOrig, long len) {
        if (!handle.isEmpty()) manager.gap(handle, SOURCE, conn, isOrig, this, len);
    }

    /** {@code file_mgr->SetSize}: the entity's declared length (creates the file if new). */
    void setSize(String handle, boolean isOrig, long size) {
        if (!handle.isEmpty()) manager.setSize(handle, SOURCE, conn, isOrig, this, size);
    }

    /** {@code file_mgr->EndOfFile}: the entity ended. */
    void endOfFile(String handle) {
        if (!handle.isEmpty()) manager.endOfFile(handle);
    }

    @Override
    public void fileOverConnection(FileState f, boolean isOrig) {
        byte[] name = fileOverConnection(f.fuid(), isOrig);
        if (name != null) f.filename(new String(name, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void fileSniffed(FileState f, String mimeTypeOrNull) {
        fileSniffed(f.fuid(), Boolean.TRUE.equals(f.isOrig()), mimeTypeOrNull);
    }

    /**
     * entities.zeek's {@code file_over_new_connection}: the file's fuid (and the entity's
     * filename) go to {@code c$http}, which the file keeps for its MIME type. Returns the filename
     * for the file's own record ({@code f$info$filename}), or null.
     */
    byte[] fileOverConnection(String fuid, boolean isOrig) {
        HttpTransactions.Info http = transactions.fileOverConnection(fuid, isOrig);
        if (http == null) return null;
        owners.put(fuid, http);
        return http.inEntity ? http.entityFilename : null;
    }

    /** entities.zeek's {@code file_sniff}: the type goes to the record the file was first seen with. */
    void fileSniffed(String fuid, boolean isOrig, String mimeTypeOrNull) {
        HttpTransactions.fileSniffed(owners.get(fuid), isOrig, mimeTypeOrNull);
    }
}
