package org.brocapi.analyzer.protocol.smb;

/**
 * The SMB2 messages the analyzer acts on (MS-SMB2 §2.2), one record per command body. Data
 * fields are views: {@code dataOff}/{@code dataLen} index the buffer handed to the parser and are
 * only valid during the call.
 */
public sealed interface SmbMessage {
    /** MS-SMB2 §2.2.1: the 64-byte header, read with the sync layout as Zeek does for every message. */
    record Header(long status, int command, long flags, long nextCommand, long messageId, long treeId) { }

    /** A file id as Zeek keys its fid_map: persistent + volatile (unsigned 64-bit wrap-around). */
    static long fileId(long persistent, long volatile_) {
        return persistent + volatile_;
    }

    /** §2.2.9: the share path, converted from UTF-16LE. */
    record TreeConnectRequest(String path) implements SmbMessage { }

    /** §2.2.10: 1 disk, 2 pipe, 3 print. */
    record TreeConnectResponse(int shareType) implements SmbMessage { }

    /** §2.2.13: the file name relative to the share, converted from UTF-16LE. */
    record CreateRequest(String filename, long createOptions) implements SmbMessage { }

    /** §2.2.14: times are raw FILETIMEs (100 ns since 1601); {@code size} is the end of file. */
    record CreateResponse(long creationTime, long lastAccessTime, long lastWriteTime, long changeTime, long size,
                          long fileId) implements SmbMessage { }

    /** §2.2.19. */
    record ReadRequest(long length, long offset, long fileId) implements SmbMessage { }

    /** §2.2.20. */
    record ReadResponse(int dataOff, int dataLen) implements SmbMessage { }

    /** §2.2.21. */
    record WriteRequest(long offset, long fileId, int dataOff, int dataLen) implements SmbMessage { }

    /** §2.2.15. */
    record CloseRequest(long fileId) implements SmbMessage { }

    /** Any other command or direction: only its header matters. */
    record Other() implements SmbMessage { }

    Other OTHER = new Other();
}
