package org.brocapi.analyzer.files;

/**
 * The file-analysis options of a run, with Zeek 8's defaults (init-bare.zeek,
 * base/frameworks/files/main.zeek) and which file scripts are loaded.
 *
 * @param bofBufferSize      {@code default_file_bof_buffer_size}: bytes kept for MIME sniffing
 * @param timeoutInterval    {@code default_file_timeout_interval}: seconds of inactivity before file_timeout
 * @param digestSalt         {@code digest_salt}: SHA-256 of it keys the file-id hash
 * @param reassembly         {@code Files::enable_reassembler}
 * @param reassemblyBuffer   {@code Files::reassembly_buffer_size} in bytes
 * @param hashColumns        base/files/hash is loaded: files.log has md5/sha1/sha256
 * @param extractColumns     base/files/extract is loaded: files.log has extracted/extracted_cutoff/extracted_size
 * @param hashAllFiles       policy/frameworks/files/hash-all-files: MD5 and SHA1 on every file at file_new
 * @param logX509            {@code X509::log_x509_in_files_log}: certificates (X509 analyzer) get files.log rows
 */
public record FilePolicy(int bofBufferSize, double timeoutInterval, String digestSalt, boolean reassembly,
                         long reassemblyBuffer, boolean hashColumns, boolean extractColumns, boolean hashAllFiles,
                         boolean logX509) {
    public static final String DEFAULT_DIGEST_SALT = "Please change this value.";

    public static FilePolicy defaults() {
        return new FilePolicy(4096, 120.0, DEFAULT_DIGEST_SALT, true, 524288, false, false, false, false);
    }

    public FilePolicy withScripts(boolean hash, boolean extract, boolean hashAll) {
        return new FilePolicy(bofBufferSize, timeoutInterval, digestSalt, reassembly, reassemblyBuffer, hash, extract,
                hashAll, logX509);
    }
}
