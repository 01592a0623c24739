package org.brocapi.analyzer.protocol.ssh;

/**
 * SSH wire rules shared by the analyzer: the version string's protocol version (RFC 4253 §4.2,
 * §5.1 for 1.99) and the length of a binary packet frame (RFC 4253 §6; SSH-1 pads to 8). Pure.
 */
public final class SshParser {
    public static final int UNKNOWN = 0, SSH1 = 1, SSH2 = 2, SSH199 = 3;
    /** {@code SSH::max_packet_length}. */
    static final long MAX_PACKET_LENGTH = 8L * 1024 * 1024;
    /** RFC 4253 §12: SSH_MSG_NEWKEYS. */
    static final int MSG_NEWKEYS = 21;
    /** SSH-1 protocol: SSH_CMSG_SESSION_KEY, where SSH-1 encryption starts. */
    static final int SSH1_CMSG_SESSION_KEY = 3;

    private SshParser() { }

    /** The version a banner line ({@code SSH-2.0-…}) announces. */
    public static int version(byte[] line, int len) {
        if (len < 5) return UNKNOWN;
        if (line[4] == '2') return SSH2;
        if (line[4] == '1') return len >= 8 && line[6] == '9' && line[7] == '9' ? SSH199 : SSH1;
        return UNKNOWN;
    }

    /** The connection's version from both sides' (Zeek's {@code update_version}). */
    public static int negotiated(int client, int server) {
        if (client == server) return server == SSH199 ? SSH2 : server;
        if (client == SSH199 && server == SSH2 || client == SSH2 && server == SSH199) return SSH2;
        if (client == SSH1 && server == SSH199 || client == SSH199 && server == SSH1) return SSH1;
        return UNKNOWN;
    }

    /** Bytes of one key-exchange frame whose length field says {@code packetLength} (Zeek's get_kex_length). */
    public static long frameLength(int version, long packetLength) {
        return switch (version) {
            case SSH1 -> packetLength + 4 + 8 - (packetLength % 8);
            case SSH2 -> packetLength + 4;
            default -> 1; // version unknown: Zeek drops a byte at a time
        };
    }
}
