/**
 * DNS over UDP and TCP (RFC 1035, RFC 7766 framing): Zeek's DNS analyzer and the dns.log its
 * base/protocols/dns scripts write, with their request/reply matching.
 */
package org.brocapi.analyzer.protocol.dns;
