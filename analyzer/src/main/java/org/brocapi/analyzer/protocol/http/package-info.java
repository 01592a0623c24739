/**
 * HTTP/1.x (RFC 9112): request and status lines, headers and body framing, as far as Zeek's HTTP
 * analyzer decides confirmation and violations. http.log and bodies (files framework) are not written yet.
 */
package org.brocapi.analyzer.protocol.http;
