/**
 * POP3 (RFC 1939, STLS from RFC 2595) as far as Zeek's POP3 analyzer decides confirmation,
 * violation and STARTTLS; POP3 has no port registration in Zeek, only its signature.
 */
package org.brocapi.analyzer.protocol.pop3;
