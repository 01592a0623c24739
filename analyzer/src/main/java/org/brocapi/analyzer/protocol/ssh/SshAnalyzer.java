package org.brocapi.analyzer.protocol.ssh;

import java.io.ByteArrayOutputStream;

import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * SSH on one TCP connection, as far as Zeek's SSH analyzer decides confirmation: each side sends
 * its version line (a server may send other lines first; a client line that is not a version is
 * a violation), then key-exchange packets; SSH_MSG_NEWKEYS (or SSH-1's session key) confirms,
 * and that side is encrypted from then on. Like Zeek, it ignores connections whose start was not
 * seen and stops at the first content gap.
 */
final class SshAnalyzer implements StreamAnalyzer {
    private enum State { VERSION, KEX, ENCRYPTED }

    private final Session session;
    private final State[] state = {State.VERSION, State.VERSION};
    private final ByteArrayOutputStream[] pending = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    private int clientVersion = SshParser.UNKNOWN, serverVersion = SshParser.UNKNOWN, version = SshParser.UNKNOWN;
    private boolean hadGap;
    private Boolean partial;

    SshAnalyzer(Session session) {
        this.session = session;
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
        if (state[d] == State.ENCRYPTED) return;
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
        if (state[d] != State.ENCRYPTED && pos < b.length) p.write(b, pos, b.length - pos);
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
        byte[] line = java.util.Arrays.copyOfRange(b, pos, nl);
        if (d == 0) clientVersion = SshParser.version(line, line.length);
        else serverVersion = SshParser.version(line, line.length);
        version = SshParser.negotiated(clientVersion, serverVersion);
        state[d] = State.KEX;
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
            int msgType = b[pos + 5] & 0xff;
            if (msgType == SshParser.MSG_NEWKEYS) {
                state[d] = State.ENCRYPTED;
                session.confirm();
            }
        } else if (version == SshParser.SSH1) {
            int typeAt = pos + 4 + (int) (8 - packetLength % 8);
            if (typeAt < pos + frame && (b[typeAt] & 0xff) == SshParser.SSH1_CMSG_SESSION_KEY) session.confirm();
        }
        return (int) frame;
    }
}
