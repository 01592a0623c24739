package org.brocapi.analyzer.protocol.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.brocapi.analyzer.bytes.ByteCursor;

/**
 * SSH wire rules: the version string's protocol version (RFC 4253 §4.2, §5.1 for 1.99), the
 * length of a binary packet frame (RFC 4253 §6; SSH-1 pads to 8), the KEXINIT name-lists (§7.1),
 * the server host key of the key-exchange replies, and Zeek's algorithm choice. Pure.
 */
public final class SshParser {
    public static final int UNKNOWN = 0, SSH1 = 1, SSH2 = 2, SSH199 = 3;
    /** {@code SSH::max_packet_length}. */
    static final long MAX_PACKET_LENGTH = 8L * 1024 * 1024;
    /** RFC 4253 §12: SSH_MSG_KEXINIT and SSH_MSG_NEWKEYS. */
    static final int MSG_KEXINIT = 20, MSG_NEWKEYS = 21;
    /** SSH-1 protocol: SSH_SMSG_PUBLIC_KEY and SSH_CMSG_SESSION_KEY, where SSH-1 encryption starts. */
    static final int SSH1_SMSG_PUBLIC_KEY = 2, SSH1_CMSG_SESSION_KEY = 3;

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

    /**
     * The payload of SSH_MSG_KEXINIT after its message type: cookie[16], ten name-lists, the
     * first_kex_packet_follows flag and a reserved uint32 (RFC 4253 §7.1). Null when the
     * payload ends early (Zeek's binpac would throw).
     */
    public static SshMessage.KexInit kexInit(byte[] buf, int off, int len) {
        var in = ByteCursor.of(buf, off, len);
        in.skip(16);
        List<String> kex = nameList(in), hostKey = nameList(in), cipherC2s = nameList(in),
                cipherS2c = nameList(in), macC2s = nameList(in), macS2c = nameList(in),
                compressionC2s = nameList(in), compressionS2c = nameList(in);
        nameList(in); // languages client to server
        nameList(in); // languages server to client
        in.skip(1 + 4);
        if (in.truncated()) return null;
        return new SshMessage.KexInit(kex, hostKey, cipherC2s, cipherS2c, macC2s, macS2c, compressionC2s,
                compressionS2c);
    }

    private static List<String> nameList(ByteCursor in) {
        long n = in.u32();
        if (in.truncated() || n > in.remaining()) {
            in.skip(Integer.MAX_VALUE); // marks truncation
            return List.of();
        }
        int start = in.position();
        in.skip((int) n);
        String s = new String(in.array(), start, (int) n, StandardCharsets.ISO_8859_1);
        return List.of(s.split(",", -1));
    }

    /**
     * The server host key blob K_S, the first string of KEXDH_REPLY (RFC 4253 §8),
     * KEX_DH_GEX_REPLY (RFC 4419), KEX_ECDH_REPLY (RFC 5656 §4) and the first of KEXGSS_HOSTKEY
     * (RFC 4462): {@code strings} is how many strings the message must hold for Zeek to accept it.
     * Null when the payload ends early.
     */
    public static byte[] hostKey(byte[] buf, int off, int len, int strings) {
        var in = ByteCursor.of(buf, off, len);
        byte[] first = null;
        for (int i = 0; i < strings; i++) {
            long n = in.u32();
            if (in.truncated() || n > in.remaining()) return null;
            if (i == 0) {
                first = new byte[(int) n];
                in.read(first, 0, (int) n);
            } else {
                in.skip((int) n);
            }
        }
        return first;
    }

    /**
     * SSH-1's SSH_SMSG_PUBLIC_KEY body: cookie[8], server key (bits, e, n), host key (bits, e, n),
     * each multi-precision integer a 16-bit bit count and its bytes. Returns the host key's
     * modulus followed by its exponent, the bytes Zeek's fingerprint hashes; null when short.
     */
    public static byte[] ssh1HostKey(byte[] buf, int off, int len) {
        var in = ByteCursor.of(buf, off, len);
        in.skip(8 + 4);
        mpInt(in);
        mpInt(in);
        in.skip(4);
        byte[] exp = mpInt(in), mod = mpInt(in);
        if (in.truncated()) return null;
        byte[] out = new byte[mod.length + exp.length];
        System.arraycopy(mod, 0, out, 0, mod.length);
        System.arraycopy(exp, 0, out, mod.length, exp.length);
        return out;
    }

    private static byte[] mpInt(ByteCursor in) {
        int bits = in.u16();
        int n = (bits + 7) / 8;
        if (in.truncated() || n > in.remaining()) {
            in.skip(n);
            return new byte[0];
        }
        byte[] v = new byte[n];
        in.read(v, 0, n);
        return v;
    }

    /** Zeek's {@code fingerprint_md5}: the MD5 of the key as 16 colon-separated hex pairs. */
    public static String fingerprint(byte[] key) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("MD5").digest(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
        var sb = new StringBuilder(47);
        for (int i = 0; i < d.length; i++) {
            if (i > 0) sb.append(':');
            sb.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
        }
        return sb.toString();
    }

    /** base/protocols/ssh's {@code find_alg}: the client's first choice the server also lists (RFC 4253 §7.1). */
    public static String findAlg(List<String> client, List<String> server) {
        var offered = new HashSet<>(server);
        for (String c : client) if (offered.contains(c)) return c;
        return "Algorithm negotiation failed";
    }

    /** {@code find_bidirectional_alg}: one name when both directions agree, else both. */
    public static String findBidirectionalAlg(List<String> clientC2s, List<String> clientS2c, List<String> serverC2s,
            List<String> serverS2c) {
        String c2s = findAlg(clientC2s, serverC2s), s2c = findAlg(clientS2c, serverS2c);
        return c2s.equals(s2c) ? c2s : "To server: " + c2s + ", to client: " + s2c;
    }

    /** At most {@code max} names (Zeek's {@code SSH::max_kexinit_*} caps); the list itself when shorter. */
    static List<String> cap(List<String> names, int max) {
        return names.size() <= max ? names : new ArrayList<>(names.subList(0, max));
    }
}
