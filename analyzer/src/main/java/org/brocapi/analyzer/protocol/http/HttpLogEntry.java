package org.brocapi.analyzer.protocol.http;

import java.util.List;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/**
 * One row of http.log (Zeek's {@code HTTP::Info}): main.zeek's columns, then the six file vectors
 * entities.zeek appends, then the header names policy/protocols/http/header-names adds when loaded.
 */
public record HttpLogEntry(
        /* Timestamp for when the request happened. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID for the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* The pipelined depth into the connection of this request/response transaction. */
        long transDepth,
        /* Verb used in the HTTP request (GET, POST, HEAD, etc.). */
        byte[] method,
        /* Value of the HOST header. */
        byte[] host,
        /* URI used in the request. */
        byte[] uri,
        /* Value of the "referer" header. */
        byte[] referrer,
        /* Value of the version portion of the reply. */
        String version,
        /* Value of the User-Agent header from the client. */
        byte[] userAgent,
        /* Value of the Origin header from the client. */
        byte[] origin,
        /* Actual uncompressed content size of the data transferred from the client. */
        long requestBodyLen,
        /* Actual uncompressed content size of the data transferred from the server. */
        long responseBodyLen,
        /* Status code returned by the server. */
        Long statusCode,
        /* Status message returned by the server. */
        byte[] statusMsg,
        /* Last seen 1xx informational reply code returned by the server. */
        Long infoCode,
        /* Last seen 1xx informational reply message returned by the server. */
        byte[] infoMsg,
        /* Indicators of attributes of this request/response pair (no base script sets any). */
        @Column(type = ZeekType.SET, element = ZeekType.ENUM) List<String> tags,
        /* Username if basic-auth is performed for the request. */
        byte[] username,
        /* Password if basic-auth is performed for the request. */
        byte[] password,
        /* All of the headers that may indicate if the request was proxied. */
        @Column(type = ZeekType.SET) List<byte[]> proxied,
        /* An ordered vector of file unique IDs from the client. */
        @Column(type = ZeekType.VECTOR) List<String> origFuids,
        /* An ordered vector of filenames from the client. */
        @Column(type = ZeekType.VECTOR) List<byte[]> origFilenames,
        /* An ordered vector of mime types from the client. */
        @Column(type = ZeekType.VECTOR) List<String> origMimeTypes,
        /* An ordered vector of file unique IDs from the server. */
        @Column(type = ZeekType.VECTOR) List<String> respFuids,
        /* An ordered vector of filenames from the server. */
        @Column(type = ZeekType.VECTOR) List<byte[]> respFilenames,
        /* An ordered vector of mime types from the server. */
        @Column(type = ZeekType.VECTOR) List<String> respMimeTypes,
        /* The names of HTTP headers sent by the client (policy/protocols/http/header-names). */
        @Column(type = ZeekType.VECTOR, feature = HttpLogEntry.HEADER_NAMES) List<String> clientHeaderNames,
        /* The names of HTTP headers sent by the server (policy/protocols/http/header-names). */
        @Column(type = ZeekType.VECTOR, feature = HttpLogEntry.HEADER_NAMES) List<String> serverHeaderNames) {
    /** The schema feature of policy/protocols/http/header-names's two columns. */
    public static final String HEADER_NAMES = "http-header-names";
}
