/**
 * HTTP/1.x (RFC 9112): framing, MIME entities of bodies, http.log as base/protocols/http writes it,
 * and the hand-over to CONNECT tunnels and upgraded protocols; bodies go to the files framework.
 */
package org.brocapi.analyzer.protocol.http;
