/**
 * SSL/TLS over TCP (Zeek's SSL analyzer: record layer, SSLv2 hellos, the handshake protocol) as
 * far as Zeek decides confirmation; its handshake parser also reads the hellos QUIC carries.
 */
package org.brocapi.analyzer.protocol.ssl;
