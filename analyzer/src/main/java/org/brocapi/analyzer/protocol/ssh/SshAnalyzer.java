package org.brocapi.analyzer.protocol.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.conn.LocalNets;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * SSH on one TCP connection: Zeek's SSH analyzer (ssh-protocol.pac, SSH.cc) and the ssh.log
 * logic of base/protocols/ssh/main.zeek. Each side sends its version line (a server may send
 * other lines first; a client line that is not a version is a violation), then key-exchange
 * packets: the two KEXINITs pick the algorithms (and the key-exchange method that decides how
 * later packets parse), the server's reply carries the host key, and SSH_MSG_NEWKEYS (SSH-1:
 * the session key) confirms; that side is encrypted from then on. Authentication success is
 * guessed from the sizes of the server's first encrypted packets, as SSH.cc does. Like Zeek, it
 * ignores connections whose start was not seen and stops at the first content gap.
 */
final class SshAnalyzer implements StreamAnalyzer {
    private enum State { VERSION, KEX_INIT, KEX_DH_GEX, KEX_DH, KEX_ECC, KEX_GSS, KEX_RSA, ENCRYPTED }

    /** {@code SSH::max_kexinit_*_algorithms}. */
    private static final int MAX_KEXINIT_NAMES = 100;
    /** {@code SSH::compression_algorithms}: auth guessing is off when one is in use. */
    private static final Set<String> COMPRESSION_ALGORITHMS = Set.of("zlib", "zlib@openssh.com");
    // SSH2 key-exchange reply message numbers per method (consts.pac)
    private static final int KEXDH_REPLY = 31, KEX_DH_GEX_REPLY = 33, KEX_ECDH_REPLY = 31, KEXGSS_HOSTKEY = 33;

    private final Session session;
    private final Consumer<SshLogEntry> log;
    private final LocalNets localNets;
    private final State[] state = {State.VERSION, State.VERSION};
    private final ByteArrayOutputStream[] pending = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    private int clientVersion = SshParser.UNKNOWN, serverVersion = SshParser.UNKNOWN, version = SshParser.UNKNOWN;
    private boolean hadGap;
    private Boolean partial;

    // update_kex: the first KEXINIT's kex list waits for the other side's
    private boolean kexSeen, kexOrig;
    private List<String> kexCache;

    // SSH.cc's authentication guess
    private boolean authDecisionMade, skippedBanner, sawEncryptedClientData;
    private int serviceAcceptSize, userauthFailureSize;

    // the script's SSH::Info (c$ssh), null until the first version line or confirmation
    private Info info;

    private static final class Info {
        double ts;
        String direction;
        byte[] client, server;
        Integer version;
        Boolean authSuccess;
        long authAttempts;
        String cipherAlg, macAlg, compressionAlg, kexAlg, hostKeyAlg, hostKey;
        SshMessage.KexInit capabilities;
        boolean capabilitiesFromServer, logged;
    }

    SshAnalyzer(Session session, Consumer<SshLogEntry> log, LocalNets localNets) {
        this.session = session;
        this.log = log;
        this.localNets = localNets;
    }

    @Override
    public void gap(Direction dir, long len) {
        hadGap = true;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        // Zeek's TCP()->IsPartial(): the originator's SYN was not seen (known once data flows)
        if (partial == null) partial = session.conn().history().indexOf('S') < 0;
        if (partial || hadGap) return;
        int d = dir.isOrig() ? 0 : 1;
        if (state[d] == State.ENCRYPTED) {
            if (!authDecisionMade) encrypted(len, dir.isOrig());
            return;
        }
        var p = pending[d];
        p.write(buf, off, len);
        byte[] b = p.toByteArray();
        int pos = 0;
        while (pos < b.length && state[d] != State.ENCRYPTED && !session.isDisabled()) {
            int used = state[d] == State.VERSION ? versionLine(d, b, pos) : kexPacket(d, b, pos);
            if (used == 0) break;
            pos += used;
        }
        p.reset();
        if (state[d] != State.ENCRYPTED) {
            if (pos < b.length) p.write(b, pos, b.length - pos);
        } else if (pos < b.length && !authDecisionMade && !session.isDisabled()) {
            // the rest of the delivery after NEWKEYS is already encrypted (SSH.cc's encrypted_len)
            encrypted(b.length - pos, dir.isOrig());
        }
        if (session.isDisabled()) writeLog(); // no removal call reaches a disabled analyzer
    }

    @Override
    public void end() {
        // finalize_ssh: whatever was not logged at a successful authentication is logged now
        writeLog();
    }

    /** One line of the version exchange; returns bytes used, 0 when the line is incomplete. */
    private int versionLine(int d, byte[] b, int pos) {
        int nl = -1;
        for (int i = pos; i < b.length; i++) {
            if (b[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) return 0;
        int len = nl - pos;
        boolean isVersion = len >= 4 && b[pos] == 'S' && b[pos + 1] == 'S' && b[pos + 2] == 'H' && b[pos + 3] == '-';
        if (!isVersion) {
            // servers may greet with other lines first; a client must start with its version
            if (d == 0) session.violation("Binpac exception: string mismatch at SSH_Version_Client", b, pos, len);
            return len + 1;
        }
        int end = nl > pos && b[nl - 1] == '\r' ? nl - 1 : nl; // the line break is not part of the version
        byte[] line = Arrays.copyOfRange(b, pos, end);
        if (d == 0) clientVersion = SshParser.version(line, line.length);
        else serverVersion = SshParser.version(line, line.length);
        version = SshParser.negotiated(clientVersion, serverVersion);
        state[d] = State.KEX_INIT;
        versionEvent(d == 0, line);
        return len + 1;
    }

    /** One key-exchange frame; returns bytes used, 0 when incomplete. */
    private int kexPacket(int d, byte[] b, int pos) {
        // versions not settled (one banner unseen, or 1 vs 2): Zeek's frame length is 1 and the rest
        // of the delivery is dumped without reading any length field
        if (version == SshParser.UNKNOWN) return b.length - pos;
        if (b.length - pos < 4) return 0;
        long packetLength = (b[pos] & 0xffL) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8
                | b[pos + 3] & 0xff;
        if (packetLength > SshParser.MAX_PACKET_LENGTH) {
            session.markUnknownPacket();
            session.weird("SSH_max_packet_length_exceeded", packetLength + " > " + SshParser.MAX_PACKET_LENGTH);
            packetLength = SshParser.MAX_PACKET_LENGTH;
        }
        long frame = SshParser.frameLength(version, packetLength);
        if (b.length - pos < frame) return 0;
        if (version == SshParser.SSH2 && frame >= 6) {
            ssh2Message(d, b, pos + 6, (int) frame - 6, b[pos + 4] & 0xff, b[pos + 5] & 0xff);
        } else if (version == SshParser.SSH1) {
            int typeAt = pos + 4 + (int) (8 - packetLength % 8);
            if (typeAt < pos + frame) ssh1Message(d, b, typeAt, (int) (pos + frame - 4 - typeAt));
        }
        return (int) frame;
    }

    /** An SSH-2 packet's message; {@code len} covers payload and padding (RFC 4253 §6). */
    private void ssh2Message(int d, byte[] b, int off, int len, int paddingLength, int msgType) {
        if (msgType == SshParser.MSG_NEWKEYS) {
            state[d] = State.ENCRYPTED;
            confirm();
            return;
        }
        int payload = len - paddingLength;
        if (payload < 0) return;
        switch (state[d]) {
            // in KEX_INIT every message parses as a KEXINIT, whatever its type says
            case KEX_INIT -> {
                var k = SshParser.kexInit(b, off, payload);
                if (k != null) kexInit(d == 0, k);
            }
            case KEX_DH -> { if (msgType == KEXDH_REPLY) hostKey(SshParser.hostKey(b, off, payload, 3)); }
            case KEX_DH_GEX -> { if (msgType == KEX_DH_GEX_REPLY) hostKey(SshParser.hostKey(b, off, payload, 3)); }
            // the ECC reply has no length attribute in Zeek's grammar: it may read into the padding
            case KEX_ECC -> { if (msgType == KEX_ECDH_REPLY) hostKey(SshParser.hostKey(b, off, len, 3)); }
            case KEX_GSS -> { if (msgType == KEXGSS_HOSTKEY) hostKey(SshParser.hostKey(b, off, payload, 1)); }
            default -> { }
        }
    }

    /** An SSH-1 packet from its message type to before the CRC. */
    private void ssh1Message(int d, byte[] b, int typeAt, int len) {
        int msgType = b[typeAt] & 0xff;
        if (msgType == SshParser.SSH1_SMSG_PUBLIC_KEY) {
            byte[] key = SshParser.ssh1HostKey(b, typeAt + 1, Math.max(0, len - 1));
            if (key != null) hostKey(key);
            state[d] = State.ENCRYPTED;
        } else if (msgType == SshParser.SSH1_CMSG_SESSION_KEY) {
            state[d] = State.ENCRYPTED;
            confirm();
        }
    }

    private void confirm() {
        session.confirm();
        if (session.isDisabled()) return;
        setSession(); // analyzer_confirmation_info
    }

    private void hostKey(byte[] key) {
        if (key != null && info != null) info.hostKey = SshParser.fingerprint(key);
    }

    /** proc_ssh2_kexinit (ssh_capabilities with Zeek's caps) and update_kex. */
    private void kexInit(boolean orig, SshMessage.KexInit k) {
        updateKex(orig, k.kex());
        var capped = new SshMessage.KexInit(
                cap(k.kex(), "kex"), cap(k.hostKey(), "hostkey"),
                cap(k.cipherC2s(), "encryption"), cap(k.cipherS2c(), "encryption"),
                cap(k.macC2s(), "mac"), cap(k.macS2c(), "mac"),
                cap(k.compressionC2s(), "compression"), cap(k.compressionS2c(), "compression"));
        capabilities(!orig, capped);
    }

    private List<String> cap(List<String> names, String what) {
        if (names.size() <= MAX_KEXINIT_NAMES) return names;
        session.markUnknownPacket();
        session.weird("SSH_max_kexinit_" + what + "_algorithms_exceeded", names.size() + " > " + MAX_KEXINIT_NAMES);
        return SshParser.cap(names, MAX_KEXINIT_NAMES);
    }

    /** ssh-protocol.pac's update_kex: the agreed key exchange decides how both sides parse next. */
    private void updateKex(boolean orig, List<String> algs) {
        if (!kexSeen) {
            kexSeen = true;
            kexOrig = orig;
            kexCache = algs;
            return;
        }
        if (kexOrig == orig) return;
        List<String> client = SshParser.cap(orig ? algs : kexCache, MAX_KEXINIT_NAMES);
        var server = new HashSet<>(SshParser.cap(orig ? kexCache : algs, MAX_KEXINIT_NAMES));
        for (String alg : client) {
            if (!server.contains(alg)) continue;
            State s = kexState(alg);
            if (s == null) {
                session.weird("ssh_unknown_kex_algorithm", alg);
            } else {
                state[0] = s;
                state[1] = s;
            }
            return;
        }
    }

    private static State kexState(String alg) {
        return switch (alg) {
            case "rsa1024-sha1", "rsa2048-sha256" -> State.KEX_RSA;
            case "diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group14-sha256",
                    "diffie-hellman-group16-sha512" -> State.KEX_DH;
            case "diffie-hellman-group-exchange-sha1", "diffie-hellman-group-exchange-sha256" -> State.KEX_DH_GEX;
            case "ecmqv-sha2" -> State.KEX_ECC;
            default -> {
                if (alg.startsWith("gss-")) yield State.KEX_GSS;
                if (alg.startsWith("ecdh-sha2-") || alg.startsWith("curve25519-sha256")
                        || alg.startsWith("sntrup761x25519-sha512") || alg.startsWith("mlkem")) yield State.KEX_ECC;
                yield null;
            }
        };
    }

    /**
     * SSH.cc's ProcessEncrypted: after the client's first encrypted packet, the server's first
     * is SERVICE_ACCEPT; a packet 16 bytes shorter is USERAUTH_SUCCESS, a repeat of the first
     * USERAUTH_FAILURE's size is another failure (a much larger first answer is a banner).
     */
    private void encrypted(int len, boolean orig) {
        if (version != SshParser.SSH2) return;
        if (orig) {
            sawEncryptedClientData = true;
            return;
        }
        if (!sawEncryptedClientData) return;
        if (serviceAcceptSize == 0) {
            serviceAcceptSize = len;
            return;
        }
        if (userauthFailureSize == 0 && len + 16 == serviceAcceptSize) {
            authDecisionMade = true;
            authAttempted(true);
            return;
        }
        if (userauthFailureSize == 0) {
            if (!skippedBanner && len - serviceAcceptSize > 256) {
                skippedBanner = true;
                return;
            }
            userauthFailureSize = len;
            return;
        }
        if (len == userauthFailureSize) {
            authAttempted(false);
            return;
        }
        if (len - serviceAcceptSize == -16) {
            authDecisionMade = true;
            authAttempted(true);
        }
    }

    // ---- base/protocols/ssh/main.zeek -----------------------------------------------------------

    private void setSession() {
        if (info != null) return;
        info = new Info();
        info.ts = session.now();
        Connection c = session.conn();
        boolean origLocal = localNets.contains(c.origAddr), respLocal = localNets.contains(c.respAddr);
        // both local or both remote: no direction
        if (origLocal != respLocal) info.direction = origLocal ? "OUTBOUND" : "INBOUND";
    }

    private void versionEvent(boolean client, byte[] v) {
        // ssh_server_version only for a non-empty version (always true for an SSH- line)
        setSession();
        if (client) info.client = v;
        else info.server = v;
        setVersion();
    }

    /** The script's set_version, which decides the logged version from the two strings. */
    private void setVersion() {
        info.version = null;
        byte[] c = info.client, s = info.server;
        if (c == null || c.length == 0 || s == null || s.length == 0) return;
        if (c.length > 4 && s.length > 4) {
            if (c[4] == '1' && s[4] == '2') {
                if (is199(c)) info.version = 2;
                else versionWeird("SSH_version_mismatch");
            } else if (c[4] == '2' && s[4] == '1') {
                if (is199(s)) info.version = 2;
                else versionWeird("SSH_version_mismatch");
            } else if (c[4] == '1' && s[4] == '1') {
                info.version = is199(s) && is199(c) ? 2 : 1;
            } else if (c[4] == '2' && s[4] == '2') {
                info.version = 2;
            }
            return;
        }
        versionWeird("SSH_cannot_determine_version");
    }

    private static boolean is199(byte[] v) {
        return v.length > 7 && v[6] == '9' && v[7] == '9';
    }

    private void versionWeird(String name) {
        var latin1 = StandardCharsets.ISO_8859_1;
        session.conn().weird(name, new String(info.server, latin1) + " vs " + new String(info.client, latin1));
    }

    /** ssh_auth_attempted at priorities 5 and -5: count, and log a success at once. */
    private void authAttempted(boolean authenticated) {
        if (info == null || Boolean.TRUE.equals(info.authSuccess)) return;
        // we can't accurately tell for compressed streams
        if (info.compressionAlg != null && COMPRESSION_ALGORITHMS.contains(info.compressionAlg)) return;
        info.authSuccess = authenticated;
        info.authAttempts++;
        if (authenticated) writeLog();
    }

    /** ssh_capabilities: the second side's list settles the algorithms. */
    private void capabilities(boolean fromServer, SshMessage.KexInit k) {
        if (info == null || info.capabilities != null && info.capabilitiesFromServer == fromServer) return;
        if (info.capabilities == null) {
            info.capabilities = k;
            info.capabilitiesFromServer = fromServer;
            return;
        }
        var cl = fromServer ? info.capabilities : k;
        var sv = fromServer ? k : info.capabilities;
        info.cipherAlg = SshParser.findBidirectionalAlg(cl.cipherC2s(), cl.cipherS2c(), sv.cipherC2s(), sv.cipherS2c());
        info.macAlg = SshParser.findBidirectionalAlg(cl.macC2s(), cl.macS2c(), sv.macC2s(), sv.macS2c());
        info.compressionAlg = SshParser.findBidirectionalAlg(cl.compressionC2s(), cl.compressionS2c(),
                sv.compressionC2s(), sv.compressionS2c());
        info.kexAlg = SshParser.findAlg(cl.kex(), sv.kex());
        info.hostKeyAlg = SshParser.findAlg(cl.hostKey(), sv.hostKey());
    }

    private void writeLog() {
        if (info == null || info.logged || log == null) return;
        info.logged = true;
        Connection c = session.conn();
        log.accept(new SshLogEntry(info.ts, c.uid(),
                c.id(),
                info.version, info.authSuccess, info.authAttempts, info.direction, info.client, info.server,
                info.cipherAlg, info.macAlg, info.compressionAlg, info.kexAlg, info.hostKeyAlg, info.hostKey));
    }
}
