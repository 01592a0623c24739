package org.brocapi.service.syslog;

import java.nio.file.Path;

/**
 * TLS client settings (RFC 5425). Trust comes from a PEM CA file, a key store, or the JDK's
 * default trust store when neither is given; a client certificate is optional.
 *
 * @param caFile PEM file with one or more CA certificates, or null
 * @param trustStore PKCS12/JKS key store with trusted certificates, or null
 * @param keyStore PKCS12/JKS key store with the client certificate and key, or null
 * @param verifyHostname check the server certificate's names against the destination host (RFC 6125)
 */
public record TlsSettings(Path caFile, Path trustStore, char[] trustStorePassword,
        Path keyStore, char[] keyStorePassword, boolean verifyHostname) {

    public static TlsSettings defaults() {
        return new TlsSettings(null, null, null, null, null, true);
    }
}
