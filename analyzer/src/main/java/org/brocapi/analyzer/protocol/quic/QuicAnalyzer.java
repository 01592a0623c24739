package org.brocapi.analyzer.protocol.quic;

import java.util.HexFormat;
import java.util.List;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.DatagramAnalyzer;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.ssl.SslCodes;
import org.brocapi.analyzer.protocol.ssl.TlsHandshakeParser;
import org.brocapi.analyzer.protocol.ssl.TlsHelloMessage;

/**
 * QUIC on one UDP connection, as Zeek's Spicy analyzer ({@code QUIC.spicy}) decides confirmation:
 * each datagram is a sequence of packets; a client Initial is decrypted with the keys of its
 * Destination Connection ID (the server's Initials with that same first DCID), and a successful
 * decryption confirms. Decryption stops for a side once its first TLS handshake message
 * (ClientHello / ServerHello) went to the SSL child, whose own confirmation adds {@code ssl}. A
 * Retry starts the crypto state and the SSL child afresh. Anything the grammar rejects is a
 * violation.
 *
 * <p>quic.log follows base/protocols/quic/main.zeek: one entry per QUIC connection, with a letter
 * of history per long-header packet and per TLS hello; Retry, an unknown version and
 * CONNECTION_CLOSE write the entry and start a new one, the end of the connection writes the last.
 */
final class QuicAnalyzer implements DatagramAnalyzer {
    /** {@code QUIC::max_history_length}. */
    private static final int MAX_HISTORY = 100;

    private final Session session;
    private final LogStream<QuicLogEntry> log;
    /** Created with the first Initial to decrypt: most UDP/443 flows never need one. */
    private QuicInitialDecryptor decryptor;
    // Zeek's per-connection Context
    private int clientCidLen;
    private byte[] initialDcid;
    private QuicCryptoSink clientCrypto, serverCrypto;
    private StreamAnalyzer ssl;
    private boolean sslStarted;
    /** The pending quic.log entry ({@code c$quic}); null when there is none. */
    private Info info;

    private static final class Info {
        double ts;
        String version, clientInitialDcid, clientScid, serverScid, serverName, clientProtocol;
        final StringBuilder history = new StringBuilder();
    }

    QuicAnalyzer(Session session, LogStream<QuicLogEntry> log) {
        this.session = session;
        this.log = log;
    }

    @Override
    public void datagram(Direction dir, byte[] buf, int off, int len) {
        int pos = off, end = off + len;
        try {
            while (pos < end && !session.isDisabled()) pos = packet(dir, buf, pos, end);
        } catch (QuicParseException e) {
            session.violation(e.getMessage(), buf, off, len);
            // A disabled analyzer (and its SSL child) raises no more events, so the entry is final:
            // written now rather than by the removal hook, which runs for analyzers still active.
            if (session.isDisabled() && info != null) write();
        }
    }

    @Override
    public void end() {
        if (info != null) write();
    }

    /** One packet starting at {@code start}; returns where the next one starts. */
    private int packet(Direction dir, byte[] b, int start, int end) throws QuicParseException {
        boolean fromClient = dir.isOrig();
        if (!sslStarted) { // the SSL child is attached once, before anything is parsed
            ssl = session.startChild("SSL");
            sslStarted = true;
        }
        if (clientCrypto == null) {
            clientCrypto = new QuicCryptoSink(Direction.ORIG, ssl, this::hello);
            serverCrypto = new QuicCryptoSink(Direction.RESP, ssl, this::hello);
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
        packetEvent(fromClient, h);
        if (h.type() == null) throw new QuicParseException(String.format("unhandled QUIC version 0x%x", h.version()));
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
        if (decryptor == null) decryptor = new QuicInitialDecryptor();
        byte[] plain = decryptor.decrypt(h.version(), b, start, h.length(), initialDcid, h.pnOffset(),
                h.payloadLength(), fromClient);
        if (plain.length == 0) throw new QuicParseException("decryption failed");
        session.confirm();
        QuicCryptoSink sink = crypto;
        QuicPacketParser.frames(plain, h.type(), new QuicPacketParser.FrameHandler() {
            @Override
            public void crypto(long offset, byte[] data) throws QuicParseException {
                sink.frame(offset, data);
            }

            @Override
            public void connectionClose() {
                if (info == null) return;
                addHistory(fromClient, 'C');
                write();
            }
        });
        return start + h.length();
    }

    /** After a Retry the client's next Initial carries a new DCID and a new handshake. */
    private void resetCrypto() {
        ssl = null;
        sslStarted = false;
        clientCrypto = serverCrypto = null;
        initialDcid = null;
    }

    // --- quic.log (base/protocols/quic/main.zeek) ------------------------------------------------

    /** The events of one long-header packet: initial/handshake/zero_rtt/retry/unhandled_version. */
    private void packetEvent(boolean isOrig, QuicPacketParser.LongHeader h) {
        if (h.type() == null || h.type() == QuicPacketParser.Type.RETRY) {
            if (info == null) setSession(isOrig, h);
            addHistory(isOrig, h.type() == null ? 'U' : 'R');
            write();
            return;
        }
        setSession(isOrig, h);
        addHistory(isOrig, switch (h.type()) {
            case INITIAL -> 'I';
            case HANDSHAKE -> 'H';
            default -> 'Z';
        });
    }

    private void setSession(boolean isOrig, QuicPacketParser.LongHeader h) {
        if (info == null) {
            info = new Info();
            info.ts = session.now();
            info.version = versionString(h.version());
        }
        if (isOrig && h.dcid().length > 0 && info.clientInitialDcid == null) info.clientInitialDcid = hex(h.dcid());
        if (isOrig) info.clientScid = hex(h.scid());
        else info.serverScid = hex(h.scid());
    }

    /** The TLS events the SSL child raises for the hello a CRYPTO stream carried. */
    private void hello(Direction dir, byte[] msg) {
        int type = msg[0] & 0xff;
        boolean isOrig = dir.isOrig();
        if (type == SslCodes.CLIENT_HELLO) {
            var hello = TlsHandshakeParser.clientHello(msg, 4, msg.length - 4);
            if (hello == null) return;
            extensions(isOrig, hello.extensions());
            if (info != null) addHistory(true, 'S');
        } else if (type == SslCodes.SERVER_HELLO) {
            var hello = TlsHandshakeParser.serverHello(msg, 4, msg.length - 4);
            if (hello == null) return;
            if (info != null) addHistory(false, 'S');
        }
    }

    private void extensions(boolean isClient, List<TlsHelloMessage.Extension> extensions) {
        for (var e : extensions) {
            if (e.data().length == 0) continue;
            if (e.type() == SslCodes.EXT_SERVER_NAME) {
                List<String> names = TlsHandshakeParser.serverNames(e.data());
                if (isClient && info != null && names != null && !names.isEmpty()) info.serverName = names.get(0);
            } else if (e.type() == SslCodes.EXT_ALPN) {
                List<String> protocols = TlsHandshakeParser.alpnProtocols(e.data());
                if (isClient && info != null && protocols != null && !protocols.isEmpty()) {
                    info.clientProtocol = protocols.get(0);
                    if (protocols.size() > 1) session.weird("QUIC_many_protocols", zeekVector(protocols), "");
                }
            }
        }
    }

    private void addHistory(boolean isOrig, char what) {
        if (info.history.length() == MAX_HISTORY) return;
        info.history.append(isOrig ? Character.toUpperCase(what) : Character.toLowerCase(what));
        if (info.history.length() == MAX_HISTORY) session.weird("QUIC_max_history_length_reached", "", "");
    }

    private void write() {
        Connection c = session.conn();
        log.write(new QuicLogEntry(info.ts, c.uid(),
                c.id(), info.version,
                info.clientInitialDcid, info.clientScid, info.serverScid, info.serverName, info.clientProtocol,
                info.history.toString()));
        info = null;
    }

    /** {@code QUIC::version_strings}, "unknown-%x" otherwise. */
    static String versionString(long v) {
        if (v == QuicInitialDecryptor.VERSION_1) return "1";
        if (v == QuicInitialDecryptor.VERSION_2) return "quicv2";
        if (v >= 0xff000016L && v <= 0xff000022L) {
            int draft = (int) (v - 0xff000000L);
            if (draft == 31) draft = 30; // Zeek's table names 0xff00001f "draft-30"
            return "draft-" + draft;
        }
        if (v == 0xfaceb001L || v == 0xfaceb002L || v == 0xfaceb00eL || v >= 0xfaceb011L && v <= 0xfaceb013L) {
            return String.format("mvfst (%x)", v);
        }
        return String.format("unknown-%x", v);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Zeek's {@code cat()} of a string vector: {@code [a, b]}. */
    private static String zeekVector(List<String> v) {
        return "[" + String.join(", ", v) + "]";
    }
}
