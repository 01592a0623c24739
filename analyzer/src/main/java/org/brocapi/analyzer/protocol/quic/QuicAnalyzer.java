package org.brocapi.analyzer.protocol.quic;

import org.brocapi.analyzer.protocol.DatagramAnalyzer;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * QUIC on one UDP connection, as Zeek's Spicy analyzer ({@code QUIC.spicy}) decides confirmation:
 * each datagram is a sequence of packets; a client Initial is decrypted with the keys of its
 * Destination Connection ID (the server's Initials with that same first DCID), and a successful
 * decryption confirms. Decryption stops for a side once its first TLS handshake message
 * (ClientHello / ServerHello) went to the SSL child, whose own confirmation adds {@code ssl}. A
 * Retry starts the crypto state and the SSL child afresh. Anything the grammar rejects is a
 * violation.
 */
final class QuicAnalyzer implements DatagramAnalyzer {
    private final Session session;
    private final QuicInitialDecryptor decryptor = new QuicInitialDecryptor();
    // Zeek's per-connection Context
    private int clientCidLen;
    private byte[] initialDcid;
    private QuicCryptoSink clientCrypto, serverCrypto;
    private StreamAnalyzer ssl;
    private boolean sslStarted;

    QuicAnalyzer(Session session) {
        this.session = session;
    }

    @Override
    public void datagram(Direction dir, byte[] buf, int off, int len) {
        int pos = off, end = off + len;
        try {
            while (pos < end && !session.isDisabled()) pos = packet(dir, buf, pos, end);
        } catch (QuicParseException e) {
            session.violation(e.getMessage(), buf, off, len);
        }
    }

    /** One packet starting at {@code start}; returns where the next one starts. */
    private int packet(Direction dir, byte[] b, int start, int end) throws QuicParseException {
        boolean fromClient = dir.isOrig();
        if (!sslStarted) { // the SSL child is attached once, before anything is parsed
            ssl = session.startChild("SSL");
            sslStarted = true;
        }
        if (clientCrypto == null) {
            clientCrypto = new QuicCryptoSink(Direction.ORIG, ssl);
            serverCrypto = new QuicCryptoSink(Direction.RESP, ssl);
        }
        QuicCryptoSink crypto = fromClient ? clientCrypto : serverCrypto;
        int first = b[start] & 0xff;
        // RFC 9000 §17.2: a packet without the fixed bit is not QUIC; the rest is discarded
        if ((first & 0x40) == 0) return end;
        if ((first & 0x80) == 0) { // short header: the DCID, then nothing Zeek can read
            if (end - start < 1 + clientCidLen) {
                throw new QuicParseException("expected " + (1 + clientCidLen) + " bytes");
            }
            return end;
        }
        var h = QuicPacketParser.longHeader(b, start, end);
        if (h.type() == QuicPacketParser.Type.RETRY) {
            resetCrypto();
            crypto = null;
        }
        boolean canDecrypt = h.type() == QuicPacketParser.Type.INITIAL && crypto != null
                && (fromClient || initialDcid != null) && !crypto.finished();
        if (!canDecrypt) return start + h.length();
        if (fromClient) {
            clientCidLen = h.scid().length;
            if (initialDcid == null) initialDcid = h.dcid();
        } else {
            clientCidLen = h.dcid().length;
        }
        byte[] plain = decryptor.decrypt(h.version(), b, start, h.length(), initialDcid, h.pnOffset(),
                h.payloadLength(), fromClient);
        if (plain.length == 0) throw new QuicParseException("decryption failed");
        session.confirm();
        QuicCryptoSink sink = crypto;
        QuicPacketParser.frames(plain, h.type(), sink::frame);
        return start + h.length();
    }

    /** After a Retry the client's next Initial carries a new DCID and a new handshake. */
    private void resetCrypto() {
        ssl = null;
        sslStarted = false;
        clientCrypto = serverCrypto = null;
        initialDcid = null;
    }
}
