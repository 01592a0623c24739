/**
 * X.509 certificates handed to the file framework (Zeek's X509 file analyzer and
 * base/files/x509): our own DER reader, the certificate fields as Zeek renders them, x509.log.
 */
package org.brocapi.analyzer.files.x509;
