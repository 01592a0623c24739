package org.brocapi.analyzer.files.x509;

import java.util.List;

import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/**
 * One row of x509.log ({@code X509::Info}), columns in Zeek's order; policy/protocols/ssl/
 * log-certs-base64 adds {@code cert} (feature {@link #BASE64}).
 */
public record X509LogEntry(
        /* Current timestamp. */
        @Column(type = ZeekType.TIME) double ts,
        /* Fingerprint of the certificate - uses chosen algorithm. */
        String fingerprint,
        /* Basic information about the certificate. */
        Certificate certificate,
        /* Subject alternative name extension of the certificate. */
        San san,
        /* Basic constraints extension of the certificate. */
        BasicConstraints basicConstraints,
        /* Indicates if this certificate was a end-host certificate, or sent as part of a chain. */
        boolean hostCert,
        /* Indicates if this certificate was sent from the client. */
        boolean clientCert,
        /* Base64 encoded X.509 certificate. */
        @Column(feature = X509LogEntry.BASE64) String cert) {

    /** The feature of policy/protocols/ssl/log-certs-base64. */
    public static final String BASE64 = "x509-base64";

    /** The logged fields of {@code X509::Certificate}. */
    public record Certificate(long version, String serial, String subject, String issuer,
                              @Column(type = ZeekType.TIME) double notValidBefore,
                              @Column(type = ZeekType.TIME) double notValidAfter, String keyAlg, String sigAlg,
                              String keyType, Long keyLength, String exponent, String curve) { }

    /** {@code X509::SubjectAlternativeName} (its {@code other_fields} is not logged). */
    public record San(@Column(type = ZeekType.VECTOR) List<String> dns,
                      @Column(type = ZeekType.VECTOR) List<String> uri,
                      @Column(type = ZeekType.VECTOR) List<String> email,
                      @Column(type = ZeekType.VECTOR, element = ZeekType.ADDR) List<byte[]> ip) { }

    /** {@code X509::BasicConstraints}. */
    public record BasicConstraints(boolean ca, Long pathLen) { }
}
