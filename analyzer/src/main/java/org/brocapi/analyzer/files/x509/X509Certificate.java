package org.brocapi.analyzer.files.x509;

/**
 * What Zeek's X509 analyzer extracts from one certificate ({@code X509::Certificate} plus the
 * two extensions x509.log shows). Unset fields are null, as in Zeek's record.
 *
 * @param notValidBefore seconds since the epoch; 0 when Zeek could not read the time
 * @param san            null without a subjectAltName extension
 * @param basic          null without a basicConstraints extension
 */
public record X509Certificate(long version, String serial, String subject, String issuer, double notValidBefore,
                              double notValidAfter, String keyAlg, String sigAlg, String keyType, Long keyLength,
                              String exponent, String curve, X509LogEntry.San san,
                              X509LogEntry.BasicConstraints basic) {

}
