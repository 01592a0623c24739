/**
 * QUIC (RFC 9000, RFC 9001, RFC 9369) as Zeek's Spicy QUIC analyzer reads it: long headers,
 * Initial packets decrypted with the version's well-known keys, and the first TLS handshake
 * message of each side reassembled from CRYPTO frames and handed to an SSL child analyzer.
 */
package org.brocapi.analyzer.protocol.quic;
