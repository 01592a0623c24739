/**
 * NTP (RFC 5905; mode 6 control and mode 7 private messages): Zeek's NTP analyzer as far as
 * conn.log needs it, i.e. confirmation and the client/server role fix. ntp.log is not written yet.
 */
package org.brocapi.analyzer.protocol.ntp;
