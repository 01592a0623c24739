package org.brocapi.analyzer.protocol.ssl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.brocapi.analyzer.files.x509.X509Analyzer;
import org.brocapi.analyzer.log.LogStream;
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
 * gap; fed by QUIC (no TCP below it) neither applies. The events Zeek's scripts see go to
 * {@link SslLogState}, which writes ssl.log.
 */
public final class SslAnalyzer implements StreamAnalyzer {
    private static final int UNKNOWN_VERSION = 0;
    /** {@code SSL::max_alerts_per_record} (base/init-bare.zeek). */
    private static final int MAX_ALERTS_PER_RECORD = 10;

    private final Session session;
    private final SslLogState state;
    private final boolean overTcp;
    private Boolean partial;
    private boolean hadGap;
    /** Zeek's {@code SetSkip(true)}: after most violations nothing more is parsed, even when DPD keeps us. */
    private boolean skip;
    private int recordLayerVersion = UNKNOWN_VERSION;
    private int chosenVersion = UNKNOWN_VERSION;
    private int chosenCipher = -1;
    private boolean flipped, alertedUnclear;
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
    private final X509Analyzer x509;

    /** @param x509 the run's certificate files, which get each Certificate message's certificates */
    public SslAnalyzer(Session session, LogStream<SslLogEntry> log, X509Analyzer x509) {
        this.session = session;
        this.x509 = x509;
        this.state = new SslLogState(session, log);
        this.overTcp = session.conn().ipProto == 6;
    }

    @Override
    public void end() {
        state.end();
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
        byte[] b = p.buf;
        int pos = 0;
        while (!skip && !session.isDisabled() && p.len - pos >= 5) {
            int h0 = b[pos] & 0xff, h1 = b[pos + 1] & 0xff, h2 = b[pos + 2] & 0xff, h3 = b[pos + 3] & 0xff,
                    h4 = b[pos + 4] & 0xff;
            int version = recordLayer(h0, h1, h2, h3, h4, dir.isOrig());
            if (version == UNKNOWN_VERSION) break; // violation reported
            boolean v2 = version == SslCodes.SSLV20;
            int contentType = v2 ? h2 + 300 : h0;
            int length = v2 ? (((h0 & 0x7f) << 8) | h1) - 3 : h3 << 8 | h4;
            if (length < 0) {
                fail("Binpac exception: binpac exception: out_of_bound: SSLRecord: negative length", b, pos,
                        p.len - pos);
                break;
            }
            if (p.len - pos < length + 5) break;
            record(d, version, contentType, b, pos + 5, length, h3, h4);
            pos += length + 5;
        }
        p.consume(pos);
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
        if (len == 0) return; // no record elements, so no events either
        boolean isOrig = d == 0;
        boolean isClient = isOrig ^ flipped;
        switch (contentType) {
            case SslCodes.CHANGE_CIPHER_SPEC -> {
                // each byte is one ChangeCipherSpec; TLS 1.3 sends it only as camouflage
                for (int i = 0; i < len; i++) {
                    if (!isTls13()) encrypted[d] = true;
                    state.changeCipherSpec(isClient);
                }
            }
            case SslCodes.ALERT -> {
                int max = isTls13() ? 2 : MAX_ALERTS_PER_RECORD * 2;
                int n = len;
                if (n > max) {
                    session.weird("SSL_excessive_alerts_in_record", Integer.toString(n / 2));
                    n = max;
                }
                for (int i = 0; i + 1 < n; i += 2) state.alert(isClient, b[off + i + 1] & 0xff);
            }
            case SslCodes.HANDSHAKE -> handshake(d, b, off, len);
            case SslCodes.HEARTBEAT -> {
                if (len >= 3) state.heartbeat(isClient);
            }
            case SslCodes.APPLICATION_DATA -> { }
            case SslCodes.V2_ERROR -> state.alert(isClient, h3 << 8 | h4);
            case SslCodes.V2_CLIENT_HELLO -> {
                ClientHello hello = TlsHandshakeParser.v2ClientHello(h3 << 8 | h4, b, off, len);
                if (hello == null) {
                    // the record's parse fails: no plaintext event for it
                    fail("Binpac exception: binpac exception: out_of_bound: V2ClientHello", b, off, len);
                    return;
                } else {
                    clientHello(hello);
                    state.clientHello(hello, true);
                }
            }
            case SslCodes.V2_CLIENT_MASTER_KEY -> {
                encrypted[0] = encrypted[1] = true;
                established();
            }
            case SslCodes.V2_SERVER_HELLO -> v2ServerHello(isClient, b, off, len);
            default -> violation("unknown SSL record type (" + contentType + ") from " + label(isOrig), b, off, len);
        }
        state.plaintext(contentType);
    }

    /** SSLv2 SERVER-HELLO (SSLv2 spec §2.6): version, certificate, 3-byte cipher specs, connection id. */
    private void v2ServerHello(boolean isClient, byte[] b, int off, int len) {
        var in = org.brocapi.analyzer.bytes.ByteCursor.of(b, off, len);
        int version = in.u16(), certLen = in.u16(), ciphersLen = in.u16(), connIdLen = in.u16();
        if (in.truncated()) return;
        if (version != SslCodes.SSLV20) {
            fail("Invalid version in SSL server hello. Version: " + version);
            return;
        }
        byte[] cert = new byte[Math.max(0, Math.min(certLen, in.remaining()))];
        in.read(cert, 0, cert.length);
        int firstCipher = ciphersLen >= 3 ? in.u8() << 16 | in.u16() : 0;
        if (in.truncated()) return;
        byte[] connId = new byte[Math.min(connIdLen, 32)];
        state.serverHello(new ServerHello(version, connId, new byte[0], firstCipher, 0, List.of(), version),
                firstCipher, true);
        x509.sslCertificates(session, isClient, List.of(cert));
        state.certificates(isClient, List.of(cert));
    }

    /** Zeek's handshake flow: messages reassembled across the records of one direction. */
    private void handshake(int d, byte[] b, int off, int len) {
        if (handshakeBroken[d]) return;
        Pending p = handshakes[d];
        p.append(b, off, len);
        int pos = 0;
        while (!skip && !session.isDisabled() && p.len - pos >= 4) {
            int type = p.buf[pos] & 0xff;
            int msgLen = (p.buf[pos + 1] & 0xff) << 16 | (p.buf[pos + 2] & 0xff) << 8 | p.buf[pos + 3] & 0xff;
            if (p.len - pos < msgLen + 4) break;
            message(d, type, p.buf, pos + 4, msgLen);
            pos += msgLen + 4;
        }
        p.consume(pos);
    }

    private void message(int d, int type, byte[] b, int off, int len) {
        boolean isOrig = d == 0;
        switch (type) {
            case SslCodes.HELLO_REQUEST -> checkFlipped(false, isOrig);
            case SslCodes.CLIENT_HELLO -> {
                checkFlipped(true, isOrig);
                ClientHello hello = TlsHandshakeParser.clientHello(b, off, len);
                if (hello == null) {
                    binpacFailure(d, "ClientHello", b, off, len);
                    return;
                }
                state.extensions(isOrig ^ flipped, hello.extensions());
                clientHello(hello);
                state.clientHello(hello, false);
            }
            case SslCodes.SERVER_HELLO -> {
                checkFlipped(false, isOrig);
                ServerHello hello = TlsHandshakeParser.serverHello(b, off, len);
                if (hello == null) {
                    binpacFailure(d, "ServerHello", b, off, len);
                    return;
                }
                state.extensions(isOrig ^ flipped, hello.extensions());
                // supported_versions is parsed before the outer version; the first one set sticks
                if (chosenVersion == UNKNOWN_VERSION) chosenVersion = hello.selectedVersion();
                chosenCipher = hello.cipherSuite();
                if (!SslCodes.versionOk(hello.version())) {
                    fail(String.format("unsupported server SSL version 0x%04x", hello.version()));
                }
                state.serverHello(hello, hello.cipherSuite(), false);
            }
            case SslCodes.CERTIFICATE -> {
                List<byte[]> certs = certificates(b, off, len);
                if (certs == null) {
                    binpacFailure(d, "Certificate", b, off, len);
                    return;
                }
                x509.sslCertificates(session, isOrig ^ flipped, certs);
                state.certificates(isOrig ^ flipped, certs);
            }
            case SslCodes.CERTIFICATE_REQUEST -> {
                List<byte[]> cas = certificateAuthorities(b, off, len);
                if (cas != null && !(isOrig ^ flipped)) state.certificateRequest(cas);
            }
            case SslCodes.SERVER_KEY_EXCHANGE -> {
                String cipher = SslNames.cipher(chosenCipher);
                // Zeek's EcdheServerKeyExchange / EcdhAnonServerKeyExchange: curve_type 3 is a named curve
                if ((cipher.startsWith("TLS_ECDHE_") || cipher.startsWith("TLS_ECDH_ANON_")) && len >= 3
                        && (b[off] & 0xff) == 3) {
                    state.ecdhServerParams((b[off + 1] & 0xff) << 8 | b[off + 2] & 0xff);
                }
            }
            default -> {
                if (!SslCodes.knownHandshake(type)) {
                    violation("unknown handshake message (" + type + ") from " + label(isOrig), b, off, len);
                }
            }
        }
        state.handshakeMessage(isOrig ^ flipped, type);
    }

    /**
     * A CertificateRequest (RFC 5246 §7.4.4) as Zeek's binpac reads it: types, the signature
     * algorithms only after a version above TLS 1.1 (not DTLS 1.0), then the DER names of the
     * acceptable CAs. Null when it does not parse.
     */
    private List<byte[]> certificateAuthorities(byte[] b, int off, int len) {
        var in = org.brocapi.analyzer.bytes.ByteCursor.of(b, off, len);
        in.skip(in.u8());
        if (chosenVersion > SslCodes.TLSV11 && chosenVersion != SslCodes.DTLSV10) in.skip(in.u16());
        var list = in.slice(in.u16());
        if (in.truncated()) return null;
        List<byte[]> cas = new ArrayList<>();
        while (list.remaining() > 0) {
            int n = list.u16();
            byte[] dn = new byte[n];
            list.read(dn, 0, n);
            if (list.truncated()) return null;
            cas.add(dn);
        }
        return cas;
    }

    /** A Certificate message (RFC 5246 §7.4.2): a 24-bit list length, then 24-bit length + DER each. */
    private static List<byte[]> certificates(byte[] b, int off, int len) {
        var in = org.brocapi.analyzer.bytes.ByteCursor.of(b, off, len);
        int listLen = in.u8() << 16 | in.u16();
        var list = in.slice(listLen);
        if (in.truncated()) return null;
        List<byte[]> certs = new ArrayList<>();
        while (list.remaining() > 0) {
            int n = list.u8() << 16 | list.u16();
            if (!list.hasRemaining(n)) return null;
            byte[] der = new byte[n];
            list.read(der, 0, n);
            certs.add(der);
        }
        return list.truncated() ? null : certs;
    }

    private void clientHello(ClientHello hello) {
        if (!SslCodes.versionOk(hello.version())) {
            fail(String.format("unsupported client SSL version 0x%04x", hello.version()));
        } else {
            confirmed = true;
            session.confirm();
            state.confirmation();
        }
    }

    /** Zeek's {@code ssl_established}: raised once; the script then disables a confirmed analyzer. */
    private void established() {
        if (established) return;
        established = true;
        state.established();
        if (confirmed) disableBeforeNext = true;
    }

    /** A message Zeek's parser throws on: the exception ends that direction's handshake flow. */
    private void binpacFailure(int d, String what, byte[] b, int off, int len) {
        handshakeBroken[d] = true;
        violation("Binpac exception: binpac exception: out_of_bound: " + what, b, off, len);
    }

    private void checkFlipped(boolean desired, boolean isOrig) {
        if (flipped) {
            if (desired == isOrig) {
                flipped = false;
                state.flipped();
                if (!alertedUnclear) session.weird("SSL_unclear_connection_direction");
                alertedUnclear = true;
            }
        } else if (desired != isOrig) {
            flipped = true;
            state.flipped();
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
        violation(reason, b, off, len);
    }

    /** AnalyzerViolation; main.zeek's analyzer_violation_info handler writes the ssl.log row. */
    private void violation(String reason, byte[] b, int off, int len) {
        session.violation(reason, b, off, len);
        state.violation();
    }

    private static String label(boolean isOrig) {
        return isOrig ? "originator" : "responder";
    }

    /** Bytes of one direction not yet parsed; the buffer is reused and compacted once per delivery. */
    private static final class Pending {
        byte[] buf = new byte[256];
        int len;

        void append(byte[] b, int off, int n) {
            if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        void consume(int n) {
            if (n == 0) return;
            System.arraycopy(buf, n, buf, 0, len - n);
            len -= n;
        }
    }
}
