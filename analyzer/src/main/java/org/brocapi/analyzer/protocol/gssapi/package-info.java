/**
 * GSS-API / SPNEGO tokens (RFC 2743 §3.1, RFC 4178) as Zeek's GSSAPI analyzer reads them: only to
 * find the NTLM message inside and hand it to the NTLM analyzer.
 */
package org.brocapi.analyzer.protocol.gssapi;
