/**
 * DHCP (RFC 2131, options RFC 2132): Zeek's DHCP analyzer (confirmation per well-formed message)
 * and dhcp.log, whose rows join one transaction's messages across connections.
 */
package org.brocapi.analyzer.protocol.dhcp;
