/**
 * DHCP (RFC 2131, options RFC 2132): Zeek's DHCP analyzer as far as conn.log needs it
 * (confirmation per well-formed message). dhcp.log is not written yet.
 */
package org.brocapi.analyzer.protocol.dhcp;
