/**
 * Kerberos 5 (RFC 4120) over UDP and TCP (§7.2.2 record marking), as far as Zeek's KRB and
 * KRB_TCP analyzers decide confirmation and violation.
 */
package org.brocapi.analyzer.protocol.krb;
