package org.brocapi.analyzer.files;

import java.util.List;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/**
 * One row of files.log (Zeek 8's {@code Files::Info}; since 5.1 one row per connection, with
 * {@code uid} and {@code id} instead of the old tx_hosts/rx_hosts/conn_uids), then the columns
 * base/files/hash and base/files/extract add.
 */
public record FilesLogEntry(
        /* The time when the file was first seen. */
        @Column(type = ZeekType.TIME) double ts,
        /* An identifier associated with a single file. */
        String fuid,
        /* The uid of the connection over which the file was transferred. */
        String uid,
        /* The connection's endpoints. */
        ConnId id,
        /* An identification of the source of the file data. */
        String source,
        /* A value to represent the depth of this file in relation to its source. */
        long depth,
        /* A set of analysis types done during the file analysis. */
        @Column(type = ZeekType.SET) List<String> analyzers,
        /* A mime type provided by the strongest file magic signature match against the bof_buffer. */
        String mimeType,
        /* A filename for the file if one is available from the source for the file. */
        String filename,
        /* The duration the file was analyzed for. */
        @Column(type = ZeekType.INTERVAL) double duration,
        /* If the source of this file is a network connection, this field indicates if the data originated from the local network or not. */
        Boolean localOrig,
        /* If the source of this file is a network connection, this field indicates if the file is being sent by the originator of the connection or the responder. */
        Boolean isOrig,
        /* Number of bytes provided to the file analysis engine for the file. */
        long seenBytes,
        /* Total number of bytes that are supposed to comprise the full file. */
        Long totalBytes,
        /* The number of bytes in the file stream that were completely missed during the process of analysis. */
        long missingBytes,
        /* The number of bytes in the file stream that were not delivered to stream file analyzers. */
        long overflowBytes,
        /* Whether the file analysis timed out at least once for the file. */
        boolean timedout,
        /* Identifier associated with a container file from which this one was extracted as part of the file analysis. */
        String parentFuid,
        /* An MD5 digest of the file contents. */
        @Column(feature = "hash") String md5,
        /* A SHA1 digest of the file contents. */
        @Column(feature = "hash") String sha1,
        /* A SHA256 digest of the file contents. */
        @Column(feature = "hash") String sha256,
        /* Local filename of extracted file. */
        @Column(feature = "extract") String extracted,
        /* Set to true if the file being extracted was cut off so the whole file was not logged. */
        @Column(feature = "extract") Boolean extractedCutoff,
        /* The number of bytes extracted to disk. */
        @Column(feature = "extract") Long extractedSize) {
}
