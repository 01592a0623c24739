package org.brocapi.analyzer.protocol.krb;

import java.io.ByteArrayOutputStream;

import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * Kerberos over TCP (RFC 4120 §7.2.2: a 4-byte length, then the message): each complete record
 * that is a well-formed message confirms, any other is a violation. Like Zeek's KRB_TCP it
 * ignores connections whose start was not seen and stops at the first content gap.
 */
final class KrbTcpAnalyzer implements StreamAnalyzer {
    /** Records above this are not buffered (Zeek's binpac would; nothing real comes close). */
    private static final long MAX_RECORD = 1 << 20;

    private final Session session;
    private final ByteArrayOutputStream[] pending = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    private boolean hadGap;

    KrbTcpAnalyzer(Session session) {
        this.session = session;
    }

    @Override
    public void gap(Direction dir, long len) {
        hadGap = true;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        if (session.isPartial() || hadGap) return;
        var p = pending[dir.isOrig() ? 0 : 1];
        p.write(buf, off, len);
        byte[] b = p.toByteArray();
        int pos = 0;
        while (b.length - pos >= 4 && !session.isDisabled()) {
            long size = (b[pos] & 0xffL) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | b[pos + 3] & 0xff;
            if (size > MAX_RECORD) {
                session.violation("Binpac exception: record of " + size + " bytes");
                pos = b.length;
                break;
            }
            if (b.length - pos - 4 < size) break;
            if (KrbParser.messageType(b, pos + 4, (int) size) >= 0) session.confirm();
            else session.violation("Binpac exception: not a Kerberos message", b, pos + 4, (int) size);
            pos += 4 + (int) size;
        }
        p.reset();
        if (pos < b.length && !session.isDisabled()) p.write(b, pos, b.length - pos);
    }
}
