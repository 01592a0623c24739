/**
 * SOCKS 4/4a and 5 (RFC 1928, RFC 1929) handshakes as Zeek's SOCKS analyzer reads them; after both
 * sides finished the handshake the tunnelled stream goes to content detection.
 */
package org.brocapi.analyzer.protocol.socks;
