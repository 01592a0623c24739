/**
 * Syslog output: frames (1.0's legacy bytes, RFC 3164, RFC 5424), transports (UDP, TCP with LF or
 * RFC 6587 octet counting, TLS) and the settings read from the {@code [syslog]} section.
 */
package org.brocapi.service.syslog;
