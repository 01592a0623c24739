/**
 * FTP (RFC 959, RFC 2428) control connections and the data connections they announce, as Zeek's
 * FTP analyzer and {@code base/protocols/ftp} scripts see them.
 */
package org.brocapi.analyzer.protocol.ftp;
