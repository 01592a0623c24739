package org.brocapi.analyzer.protocol.smb;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of smb_files.log (Zeek's {@code SMB::FileInfo}), columns in Zeek's order. */
public record SmbFilesLogEntry(
        /* Time when the file was first discovered. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID of the connection the file was sent over. */
        String uid,
        /* ID of the connection the file was sent over. */
        ConnId id,
        /* Unique ID of the file. */
        String fuid,
        /* Action this log record represents. */
        @Column(type = ZeekType.ENUM) String action,
        /* Path pulled from the tree this file was transferred to or from. */
        String path,
        /* Filename if one was seen. */
        String name,
        /* Total size of the file. */
        long size,
        /* If the rename action was seen, this will be the file's previous name. */
        String prevName,
        /* Last time this file was modified. */
        MacTimes times) {

    /** {@code SMB::MACTimes}: FILETIMEs as Zeek times. */
    public record MacTimes(
            /* The time when data was last written to the file. */
            @Column(type = ZeekType.TIME) double modified,
            /* The time when the file was last accessed. */
            @Column(type = ZeekType.TIME) double accessed,
            /* The time the file was created. */
            @Column(type = ZeekType.TIME) double created,
            /* The time when the file was last modified. */
            @Column(type = ZeekType.TIME) double changed) {
    }
}
