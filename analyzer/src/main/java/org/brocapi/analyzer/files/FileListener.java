package org.brocapi.analyzer.files;

/**
 * What the protocol that carries a file hears about it, at the points where Zeek raises the
 * events its scripts handle (base/protocols/http/entities.zeek uses both to fill
 * orig_fuids/resp_fuids and orig_mime_types/resp_mime_types). Called synchronously from the
 * {@link FileManager} call that caused the event, after the files framework's own handlers
 * (priority 10), as the protocol scripts' handlers run at lower priority.
 */
public interface FileListener {
    /**
     * {@code file_over_new_connection}: the file is first seen on this connection (also right
     * after creation). The listener may set {@link FileState#filename}.
     */
    void fileOverConnection(FileState f, boolean isOrig);

    /** {@code file_sniff}: the type detection ran; {@code mimeTypeOrNull} is null when nothing matched. */
    void fileSniffed(FileState f, String mimeTypeOrNull);

    FileListener NONE = new FileListener() {
        @Override
        public void fileOverConnection(FileState f, boolean isOrig) {
        }

        @Override
        public void fileSniffed(FileState f, String mimeTypeOrNull) {
        }
    };
}
