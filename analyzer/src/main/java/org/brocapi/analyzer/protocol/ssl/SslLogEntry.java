package org.brocapi.analyzer.protocol.ssl;

import java.util.List;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/**
 * One row of ssl.log (Zeek's {@code SSL::Info}), columns in Zeek's order. The certificate columns
 * come from base/protocols/ssl/files.zeek (feature {@link #FILES}); its subject/issuer columns are
 * excluded by that script's default filter and are not modelled.
 */
public record SslLogEntry(
        /* Time when the SSL connection was first detected. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID for the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* SSL/TLS version that the server chose. */
        String version,
        /* SSL/TLS cipher suite that the server chose. */
        String cipher,
        /* Elliptic curve the server chose when using ECDH/ECDHE. */
        String curve,
        /* Value of the Server Name Indicator SSL/TLS extension. */
        String serverName,
        /* Flag to indicate if the session was resumed reusing the key material. */
        boolean resumed,
        /* Last alert that was seen during the connection. */
        String lastAlert,
        /* Next protocol the server chose using the application layer next protocol extension. */
        String nextProtocol,
        /* Flag to indicate if this ssl session has been established successfully. */
        boolean established,
        /* SSL history showing which types of packets we received in which order. */
        String sslHistory,
        /* An ordered vector of all certificate fingerprints for the certificates offered by the server. */
        @Column(type = ZeekType.VECTOR, feature = SslLogEntry.FILES) List<String> certChainFps,
        /* An ordered vector of all certificate fingerprints for the certificates offered by the client. */
        @Column(type = ZeekType.VECTOR, feature = SslLogEntry.FILES) List<String> clientCertChainFps,
        /* Set to true if the hostname sent in the SNI matches the certificate. */
        @Column(feature = SslLogEntry.FILES) Boolean sniMatchesCert,
        /* List of client certificate CAs accepted by the server (policy/protocols/ssl/certificate-request-info). */
        @Column(type = ZeekType.VECTOR, feature = SslLogEntry.CERTIFICATE_REQUEST_INFO)
        List<String> requestedClientCertificateAuthorities) {

    /** The feature of base/protocols/ssl/files.zeek's columns. */
    public static final String FILES = "ssl-files";
    /** The feature of policy/protocols/ssl/certificate-request-info's column. */
    public static final String CERTIFICATE_REQUEST_INFO = "ssl-certificate-request-info";
}
