package org.brocapi.analyzer.pcap;

/**
 * Why a capture stopped early ({@link PacketSource#problem()}). Zeek itself reports these as
 * "problem with trace file" from libpcap; the names follow Zeek's weird style so logs stay uniform.
 */
public final class CaptureProblem {
    private CaptureProblem() { }

    /** The file ends inside a record or block (a capture cut off while being written or copied). */
    public static final String TRUNCATED_RECORD = "truncated_capture_record";
    /** A record's captured length is above 256 KiB, libpcap's maximum: the file is damaged here. */
    public static final String BAD_RECORD_LENGTH = "bad_capture_record_length";
    /** A pcapng block whose length is not a multiple of 4, too small, or inconsistent with its content. */
    public static final String BAD_PCAPNG_BLOCK = "bad_pcapng_block";
    /** A pcapng packet refers to an interface no Interface Description Block announced. */
    public static final String UNKNOWN_PCAPNG_INTERFACE = "unknown_pcapng_interface";
    /** A pcapng section header with an unknown byte-order magic or major version. */
    public static final String BAD_PCAPNG_SECTION = "bad_pcapng_section";
    /** The gzip stream is corrupt or ends early. */
    public static final String BAD_GZIP = "bad_gzip_stream";
}
