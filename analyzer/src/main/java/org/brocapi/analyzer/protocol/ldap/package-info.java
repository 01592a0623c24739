/**
 * LDAP (RFC 4511) over TCP and UDP as Zeek's Spicy LDAP analyzer parses it: BER messages, the
 * SASL wrapping after a successful SASL bind (RFC 4752 / RFC 4121 wrap tokens) and StartTLS.
 */
package org.brocapi.analyzer.protocol.ldap;
