package org.brocapi.analyzer.protocol.ssl;

import java.util.Arrays;

import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.ssl.TlsHelloMessage.ClientHello;
import org.brocapi.analyzer.protocol.ssl.TlsHelloMessage.ServerHello;

/**
 * SSL/TLS on one stream, as far as Zeek's SSL analyzer decides confirmation and violation
 * ({@code ssl-protocol.pac}, {@code ssl-dtls-analyzer.pac}, {@code tls-handshake-analyzer.pac}):
 * records are checked header by header (the first settles the record-layer version, later ones
 * must keep a TLS version), handshake messages are reassembled across records per direction, and
 * a ClientHello (v3 or SSLv2) with a known version confirms. Encrypted records are only counted.
 * Like Zeek it ignores a TCP connection whose start was not seen and stops at the first content
 * gap; fed by QUIC (no TCP below it) neither applies.
 */
public final class SslAnalyzer implements StreamAnalyzer {
    private static final int UNKNOWN_VERSION = 0;
    /** {@code SSL::max_alerts_per_record} (base/init-bare.zeek). */
    private static final int MAX_ALERTS_PER_RECORD = 10;

    private final Session session;
    private final boolean overTcp;
    private Boolean partial;
    private boolean hadGap;
    /** Zeek's {@code SetSkip(true)}: after most violations nothing more is parsed, even when DPD keeps us. */
    private boolean skip;
    private int recordLayerVersion = UNKNOWN_VERSION;
    private int chosenVersion = UNKNOWN_VERSION;
    private boolean flipped;
    private boolean confirmed, established;
    /**
     * base/protocols/ssl/main.zeek disables a confirmed analyzer once the connection is established
     * ({@code disable_analyzer_after_detection}); the event runs after the current packet.
     */
    private boolean disableBeforeNext;
    private final boolean[] encrypted = new boolean[2];
    private final boolean[] handshakeBroken = new boolean[2];
    private final Pending[] records = {new Pending(), new Pending()};
    private final Pending[] handshakes = {new Pending(), new Pending()};

    public SslAnalyzer(Session session) {
        this.session = session;
        this.overTcp = session.conn().ipProto == 6;
    }

    /** The version the server chose ({@code supported_versions} first, else its hello's), 0 before. */
    public int negotiatedVersion() {
        return chosenVersion;
    }

    @Override
    public void gap(Direction dir, long len) {
        hadGap = true;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        if (overTcp && partial == null) {
            // Zeek's TCP()->IsPartial(): the connection's opening handshake was not seen
            String history = session.conn().history();
            partial = history.indexOf('S') < 0 && history.indexOf('h') < 0;
        }
        if (disableBeforeNext) skip = true;
        if ((overTcp && partial) || hadGap || skip) return;
        int d = dir.isOrig() ? 0 : 1;
        Pending p = records[d];
        p.append(buf, off, len);
        while (!skip && !session.isDisabled() && p.len >= 5) {
            byte[] b = p.buf;
            int h0 = b[0] & 0xff, h1 = b[1] & 0xff, h2 = b[2] & 0xff, h3 = b[3] & 0xff, h4 = b[4] & 0xff;
            int version = recordLayer(h0, h1, h2, h3, h4, dir.isOrig());
            if (version == UNKNOWN_VERSION) return; // violation reported
            boolean v2 = version == SslCodes.SSLV20;
            int contentType = v2 ? h2 + 300 : h0;
            int length = v2 ? (((h0 & 0x7f) << 8) | h1) - 3 : h3 << 8 | h4;
            if (length < 0) {
                fail("Binpac exception: binpac exception: out_of_bound: SSLRecord: negative length", b, 0, p.len);
                return;
            }
            if (p.len < length + 5) return;
            record(d, version, contentType, b, 5, length, h3, h4);
            p.consume(length + 5);
        }
    }

    /** Zeek's {@code determine_ssl_record_layer}: the record's version, or UNKNOWN after a violation. */
    private int recordLayer(int h0, int h1, int h2, int h3, int h4, boolean isOrig) {
        if (recordLayerVersion != UNKNOWN_VERSION && recordLayerVersion != SslCodes.SSLV20) {
            int version = h1 << 8 | h2;
            if (!SslCodes.recordVersionOk(version)) {
                fail("Invalid version late in TLS connection. Packet reported version: " + version);
                return UNKNOWN_VERSION;
            }
        }
        if (recordLayerVersion != UNKNOWN_VERSION) return recordLayerVersion;
        if ((h0 & 0x80) != 0) {
            if (h2 == 0x01 && isOrig) { // SSLv2 CLIENT-HELLO
                int version = h3 << 8 | h4;
                if (version != SslCodes.SSLV20 && !SslCodes.recordVersionOk(version)) {
                    fail("Invalid version in SSL client hello. Version: " + version);
                    return UNKNOWN_VERSION;
                }
                return SslCodes.SSLV20;
            }
            if (h2 == 0x04 && h4 < 2 && !isOrig) { // SSLv2 SERVER-HELLO: the connection stays SSLv2
                recordLayerVersion = SslCodes.SSLV20;
                return SslCodes.SSLV20;
            }
            fail("Invalid headers in SSL connection. Head1: " + h1 + ", head2: " + h2 + ", head3: " + h3);
            return UNKNOWN_VERSION;
        }
        int version = h1 << 8 | h2;
        if (!SslCodes.recordVersionOk(version)) {
            fail("Invalid version in TLS connection. Version: " + version);
            return UNKNOWN_VERSION;
        }
        if (h0 >= 20 && h0 <= 30) {
            recordLayerVersion = version; // never downgraded to v2 from here
            return version;
        }
        fail("Invalid type in TLS connection. Version: " + version + ", Type: " + h0);
        return UNKNOWN_VERSION;
    }

    private void record(int d, int version, int contentType, byte[] b, int off, int len, int h3, int h4) {
        if (!encrypted[d] && contentType == SslCodes.APPLICATION_DATA && !isTls12OrOlder(chosenVersion)) {
            // Zeek's determine_state: application data outside TLS <= 1.2 means TLS 1.3 encryption started
            encrypted[d] = true;
        }
        if (encrypted[d]) {
            if (encrypted[0] && encrypted[1]) established();
            return;
        }
        boolean isOrig = d == 0;
        switch (contentType) {
            case SslCodes.CHANGE_CIPHER_SPEC -> {
                // each byte is one ChangeCipherSpec; TLS 1.3 sends it only as camouflage
                if (len > 0 && !isTls13()) encrypted[d] = true;
            }
            case SslCodes.ALERT -> {
                int max = isTls13() ? 2 : MAX_ALERTS_PER_RECORD * 2;
                if (len > max) session.weird("SSL_excessive_alerts_in_record", Integer.toString(len / 2));
            }
            case SslCodes.HANDSHAKE -> handshake(d, b, off, len);
            case SslCodes.APPLICATION_DATA, SslCodes.HEARTBEAT, SslCodes.V2_ERROR -> { }
            case SslCodes.V2_CLIENT_HELLO -> {
                ClientHello hello = TlsHandshakeParser.v2ClientHello(h3 << 8 | h4, b, off, len);
                if (hello == null) fail("Binpac exception: binpac exception: out_of_bound: V2ClientHello", b, off, len);
                else clientHello(hello);
            }
            case SslCodes.V2_CLIENT_MASTER_KEY -> {
                encrypted[0] = encrypted[1] = true;
                established();
            }
            case SslCodes.V2_SERVER_HELLO -> {
                int serverVersion = len >= 2 ? (b[off] & 0xff) << 8 | b[off + 1] & 0xff : -1;
                if (serverVersion >= 0 && serverVersion != SslCodes.SSLV20) {
                    fail("Invalid version in SSL server hello. Version: " + serverVersion);
                }
            }
            default -> session.violation("unknown SSL record type (" + contentType + ") from " + label(isOrig),
                    b, off, len);
        }
    }

    /** Zeek's handshake flow: messages reassembled across the records of one direction. */
    private void handshake(int d, byte[] b, int off, int len) {
        if (handshakeBroken[d]) return;
        Pending p = handshakes[d];
        p.append(b, off, len);
        while (!skip && !session.isDisabled() && p.len >= 4) {
            int type = p.buf[0] & 0xff;
            int msgLen = (p.buf[1] & 0xff) << 16 | (p.buf[2] & 0xff) << 8 | p.buf[3] & 0xff;
            if (p.len < msgLen + 4) return;
            message(d, type, p.buf, 4, msgLen);
            p.consume(msgLen + 4);
        }
    }

    private void message(int d, int type, byte[] b, int off, int len) {
        boolean isOrig = d == 0;
        switch (type) {
            case SslCodes.CLIENT_HELLO -> {
                checkFlipped(true, isOrig);
                ClientHello hello = TlsHandshakeParser.clientHello(b, off, len);
                if (hello == null) binpacFailure(d, "ClientHello", b, off, len);
                else clientHello(hello);
            }
            case SslCodes.SERVER_HELLO -> {
                checkFlipped(false, isOrig);
                ServerHello hello = TlsHandshakeParser.serverHello(b, off, len);
                if (hello == null) {
                    binpacFailure(d, "ServerHello", b, off, len);
                    return;
                }
                // supported_versions is parsed before the outer version; the first one set sticks
                if (chosenVersion == UNKNOWN_VERSION) chosenVersion = hello.selectedVersion();
                if (!SslCodes.versionOk(hello.version())) {
                    fail(String.format("unsupported server SSL version 0x%04x", hello.version()));
                }
            }
            default -> {
                if (!SslCodes.knownHandshake(type)) {
                    session.violation("unknown handshake message (" + type + ") from " + label(isOrig), b, off, len);
                }
            }
        }
    }

    private void clientHello(ClientHello hello) {
        if (!SslCodes.versionOk(hello.version())) {
            fail(String.format("unsupported client SSL version 0x%04x", hello.version()));
        } else {
            confirmed = true;
            session.confirm();
        }
    }

    /** Zeek's {@code ssl_established}: raised once; the script then disables a confirmed analyzer. */
    private void established() {
        if (established) return;
        established = true;
        if (confirmed) disableBeforeNext = true;
    }

    /** A message Zeek's parser throws on: the exception ends that direction's handshake flow. */
    private void binpacFailure(int d, String what, byte[] b, int off, int len) {
        handshakeBroken[d] = true;
        session.violation("Binpac exception: binpac exception: out_of_bound: " + what, b, off, len);
    }

    private void checkFlipped(boolean desired, boolean isOrig) {
        if (flipped) {
            if (desired == isOrig) {
                flipped = false;
                session.weird("SSL_unclear_connection_direction");
            }
        } else if (desired != isOrig) {
            flipped = true;
        }
    }

    private boolean isTls13() {
        return chosenVersion == SslCodes.TLSV13 || chosenVersion / 0xff == 0x7f;
    }

    private static boolean isTls12OrOlder(int v) {
        return v == SslCodes.SSLV20 || v == SslCodes.SSLV30 || v == SslCodes.TLSV10 || v == SslCodes.TLSV11
                || v == SslCodes.TLSV12;
    }

    private void fail(String reason) {
        fail(reason, null, 0, 0);
    }

    private void fail(String reason, byte[] b, int off, int len) {
        skip = true;
        session.violation(reason, b, off, len);
    }

    private static String label(boolean isOrig) {
        return isOrig ? "originator" : "responder";
    }

    /** Bytes of one direction not yet parsed; the buffer is reused and compacted. */
    private static final class Pending {
        byte[] buf = new byte[256];
        int len;

        void append(byte[] b, int off, int n) {
            if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        void consume(int n) {
            System.arraycopy(buf, n, buf, 0, len - n);
            len -= n;
        }
    }
}
