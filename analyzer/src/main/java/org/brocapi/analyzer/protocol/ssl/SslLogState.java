package org.brocapi.analyzer.protocol.ssl;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.files.x509.X509Parser;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.ssl.TlsHelloMessage.ClientHello;
import org.brocapi.analyzer.protocol.ssl.TlsHelloMessage.Extension;
import org.brocapi.analyzer.protocol.ssl.TlsHelloMessage.ServerHello;

/**
 * The connection's {@code c$ssl} and the event handlers of base/protocols/ssl/main.zeek and
 * files.zeek that fill it: each method is one event, called by {@link SslAnalyzer} in the order
 * Zeek raises them. The row is written once: when the connection is established, when the
 * analyzer reports a violation, or when the connection ends.
 */
final class SslLogState {
    /** {@code SSL::max_ssl_history_length}. */
    private static final int MAX_HISTORY = 100;
    /** RFC 8446 §4.1.3: the ServerHello random of a HelloRetryRequest. */
    private static final byte[] HRR_RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    private static final int EXT_SESSION_TICKET = 35, EXT_PRE_SHARED_KEY = 41, EXT_KEY_SHARE_OLD = 40,
            EXT_KEY_SHARE = 51;

    private final Session session;
    private final LogStream<SslLogEntry> log;
    private boolean exists, logged;
    private double ts;
    private Integer versionNum;
    private String version, cipher, curve, serverName, sessionId, lastAlert, nextProtocol;
    private boolean resumed, clientTicketEmptySessionSeen, clientKeyExchangeSeen, clientPskSeen, established,
            hrrSeen;
    private final StringBuilder history = new StringBuilder();
    private List<String> certChainFps, clientCertChainFps;
    private TlsCertificateNames.Names firstServerCert;
    private boolean serverCertSeen;
    private List<String> requestedCas;

    SslLogState(Session session, LogStream<SslLogEntry> log) {
        this.session = session;
        this.log = log;
    }

    private void setSession() {
        if (exists) return;
        exists = true;
        ts = session.now();
    }

    private void addHistory(boolean isClient, char c) {
        if (history.length() == MAX_HISTORY) return;
        history.append(isClient ? Character.toUpperCase(c) : Character.toLowerCase(c));
        if (history.length() == MAX_HISTORY) session.weird("SSL_max_ssl_history_length_reached", "", "");
    }

    void confirmation() {
        setSession();
    }

    void plaintext(int contentType) {
        setSession();
        if (version == null || established || contentType != SslCodes.APPLICATION_DATA) return;
        session.weird("ssl_early_application_data", "", "");
    }

    void flipped() {
        setSession();
        history.append('^');
    }

    /** ssl_extension* events of a hello, in wire order; they come before the hello's own event. */
    void extensions(boolean isClient, List<Extension> extensions) {
        for (Extension e : extensions) {
            setSession();
            byte[] d = e.data();
            if (isClient && e.type() == EXT_SESSION_TICKET && d.length > 0) clientTicketEmptySessionSeen = true;
            else if (isClient && e.type() == EXT_PRE_SHARED_KEY) clientPskSeen = true;
            else if (!isClient && e.type() == EXT_PRE_SHARED_KEY && clientPskSeen) resumed = true;
            if (d.length == 0) continue; // the typed parsers see no element
            switch (e.type()) {
                case SslCodes.EXT_SERVER_NAME -> {
                    List<String> names = TlsHandshakeParser.serverNames(d);
                    if (names != null && isClient && !names.isEmpty()) {
                        serverName = names.get(0);
                        if (names.size() > 1) {
                            session.weird("SSL_many_server_names", "[" + String.join(", ", names) + "]", "");
                        }
                    }
                }
                case SslCodes.EXT_ALPN -> {
                    List<String> protocols = TlsHandshakeParser.alpnProtocols(d);
                    if (protocols != null && !isClient && !protocols.isEmpty()) nextProtocol = protocols.get(0);
                }
                case SslCodes.EXT_SUPPORTED_VERSIONS -> {
                    if (!isClient && d.length >= 2) {
                        versionNum = (d[0] & 0xff) << 8 | d[1] & 0xff;
                        version = SslNames.version(versionNum);
                    }
                }
                case EXT_KEY_SHARE, EXT_KEY_SHARE_OLD -> {
                    if (!isClient && d.length >= 2) curve = SslNames.curve((d[0] & 0xff) << 8 | d[1] & 0xff);
                }
                default -> { }
            }
        }
    }

    void clientHello(ClientHello h, boolean sslV2) {
        setSession();
        byte[] sid = h.sessionId();
        if (sid.length > 0 && !(sid.length == 32 && allZero(sid))) {
            sessionId = HexFormat.of().formatHex(sid);
            clientTicketEmptySessionSeen = false;
        }
        if (sslV2) addHistory(true, 'c');
    }

    void serverHello(ServerHello h, int cipherSuite, boolean sslV2) {
        setSession();
        if (versionNum == null) {
            versionNum = h.version();
            version = SslNames.version(h.version());
        }
        cipher = SslNames.cipher(cipherSuite);
        if (java.util.Arrays.equals(h.random(), HRR_RANDOM)) hrrSeen = true;
        if (sessionId != null && sessionId.equals(HexFormat.of().formatHex(h.sessionId()))
                && versionNum / 0xff != 0x7f && versionNum != SslCodes.TLSV13) {
            resumed = true;
        }
        if (h.version() == SslCodes.SSLV20) addHistory(false, 's');
    }

    void handshakeMessage(boolean isClient, int type) {
        setSession();
        if (isClient && type == SslCodes.CLIENT_KEY_EXCHANGE) clientKeyExchangeSeen = true;
        char c = switch (type) {
            case SslCodes.HELLO_REQUEST -> 'h';
            case SslCodes.CLIENT_HELLO -> 'c';
            case SslCodes.SERVER_HELLO -> hrrSeen ? 'j' : 's';
            case SslCodes.HELLO_VERIFY_REQUEST -> 'v';
            case SslCodes.SESSION_TICKET -> 't';
            case 5 -> 'e';
            case 6 -> 'j';
            case 8 -> 'o';
            case SslCodes.CERTIFICATE -> 'x';
            case SslCodes.SERVER_KEY_EXCHANGE -> 'k';
            case SslCodes.CERTIFICATE_REQUEST -> 'r';
            case SslCodes.SERVER_HELLO_DONE -> 'n';
            case SslCodes.CERTIFICATE_VERIFY -> 'y';
            case SslCodes.CLIENT_KEY_EXCHANGE -> 'g';
            case SslCodes.FINISHED -> 'f';
            case SslCodes.CERTIFICATE_URL -> 'w';
            case SslCodes.CERTIFICATE_STATUS -> 'u';
            case 23 -> 'a';
            case 24 -> 'p';
            case 254 -> 'm';
            default -> 'z';
        };
        if (type == SslCodes.SERVER_HELLO) hrrSeen = false;
        addHistory(isClient, c);
    }

    void changeCipherSpec(boolean isClient) {
        setSession();
        addHistory(isClient, 'i');
        if (isClient && clientTicketEmptySessionSeen && !clientKeyExchangeSeen) resumed = true;
    }

    void alert(boolean isClient, int description) {
        setSession();
        addHistory(isClient, 'l');
        lastAlert = SslNames.alert(description);
    }

    void heartbeat(boolean isClient) {
        setSession();
        addHistory(isClient, 'b');
    }

    void ecdhServerParams(int curveCode) {
        setSession();
        curve = SslNames.curve(curveCode);
    }

    /** files.zeek: each certificate becomes a file whose x509 fingerprint (SHA-256 of the DER) joins a chain. */
    void certificates(boolean isClient, List<byte[]> certs) {
        if (!exists) return;
        for (byte[] der : certs) {
            if (certChainFps == null) {
                certChainFps = new ArrayList<>();
                clientCertChainFps = new ArrayList<>();
            }
            (isClient ? clientCertChainFps : certChainFps).add(sha256(der));
            if (!isClient && !serverCertSeen) {
                serverCertSeen = true;
                firstServerCert = TlsCertificateNames.of(der);
            }
        }
    }

    /**
     * policy/protocols/ssl/certificate-request-info: the server's CertificateRequest names the
     * CAs it accepts, each printed as {@code parse_distinguished_name} does.
     */
    void certificateRequest(List<byte[]> cas) {
        List<String> out = new ArrayList<>(cas.size());
        for (byte[] dn : cas) out.add(X509Parser.distinguishedName(dn));
        requestedCas = out;
    }

    void established() {
        established = true;
        setSession();
        write();
    }

    /** analyzer_violation_info for SSL: the row is written now, if there is one. */
    void violation() {
        if (exists) write();
    }

    /** The connection's removal hook. */
    void end() {
        if (exists) write();
    }

    private void write() {
        if (logged) return;
        logged = true;
        Boolean sniMatches = null;
        if (serverCertSeen && firstServerCert != null && serverName != null) {
            sniMatches = TlsCertificateNames.matches(firstServerCert, serverName);
        }
        Connection c = session.conn();
        log.write(new SslLogEntry(ts, c.uid(), c.id(),
                version, cipher, curve, serverName, resumed, lastAlert, nextProtocol, established, history.toString(),
                certChainFps, clientCertChainFps, sniMatches, requestedCas));
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
