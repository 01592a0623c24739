/**
 * WebSocket (RFC 6455) after an HTTP upgrade: frame parsing for Zeek's confirmation and
 * violations, with the unmasked text and binary payload handed to content detection.
 */
package org.brocapi.analyzer.protocol.websocket;
