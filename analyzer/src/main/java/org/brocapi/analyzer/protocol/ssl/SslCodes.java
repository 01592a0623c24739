package org.brocapi.analyzer.protocol.ssl;

/** Wire codes of the SSL/TLS record and handshake layers (Zeek's {@code ssl-defs.pac}). */
public final class SslCodes {
    public static final int SSLV20 = 0x0002, SSLV30 = 0x0300, TLSV10 = 0x0301, TLSV11 = 0x0302,
            TLSV12 = 0x0303, TLSV13 = 0x0304;
    public static final int DTLSV10 = 0xfeff, DTLSV12 = 0xfefd, DTLSV13 = 0xfefc;

    public static final int CHANGE_CIPHER_SPEC = 20, ALERT = 21, HANDSHAKE = 22, APPLICATION_DATA = 23,
            HEARTBEAT = 24;
    /** SSLv2 message types as Zeek numbers them: 300 + the v2 message type. */
    public static final int V2_ERROR = 300, V2_CLIENT_HELLO = 301, V2_CLIENT_MASTER_KEY = 302,
            V2_SERVER_HELLO = 304;

    public static final int HELLO_REQUEST = 0, CLIENT_HELLO = 1, SERVER_HELLO = 2, HELLO_VERIFY_REQUEST = 3,
            SESSION_TICKET = 4, CERTIFICATE = 11, SERVER_KEY_EXCHANGE = 12, CERTIFICATE_REQUEST = 13,
            SERVER_HELLO_DONE = 14, CERTIFICATE_VERIFY = 15, CLIENT_KEY_EXCHANGE = 16, FINISHED = 20,
            CERTIFICATE_URL = 21, CERTIFICATE_STATUS = 22;

    /** Extensions server_name (RFC 6066 §3) and ALPN (RFC 7301 §3.1). */
    public static final int EXT_SERVER_NAME = 0, EXT_ALPN = 16;
    /** Extension {@code supported_versions} (RFC 8446 §4.2.1). */
    public static final int EXT_SUPPORTED_VERSIONS = 43;

    private SslCodes() { }

    /** Zeek's {@code version_ok}: the versions a hello may carry without a violation. */
    public static boolean versionOk(int v) {
        if (v >> 8 == 0x7f) return true; // TLS 1.3 drafts
        return switch (v) {
            case SSLV20, SSLV30, TLSV10, TLSV11, TLSV12, TLSV13, DTLSV10, DTLSV12, DTLSV13 -> true;
            default -> false;
        };
    }

    /** The record-layer versions Zeek accepts in a TLS record header. */
    static boolean recordVersionOk(int v) {
        return v == SSLV30 || v == TLSV10 || v == TLSV11 || v == TLSV12;
    }

    /** Handshake message types Zeek's handshake parser knows; any other is a violation. */
    static boolean knownHandshake(int type) {
        return switch (type) {
            case HELLO_REQUEST, CLIENT_HELLO, SERVER_HELLO, HELLO_VERIFY_REQUEST, SESSION_TICKET, CERTIFICATE,
                 SERVER_KEY_EXCHANGE, CERTIFICATE_REQUEST, SERVER_HELLO_DONE, CERTIFICATE_VERIFY,
                 CLIENT_KEY_EXCHANGE, FINISHED, CERTIFICATE_URL, CERTIFICATE_STATUS -> true;
            default -> false;
        };
    }
}
