/**
 * SMTP (RFC 5321, STARTTLS from RFC 3207) as far as Zeek's SMTP analyzer decides confirmation,
 * violation and STARTTLS; the mail between DATA and "." is read as MIME entities, each leaf a file.
 */
package org.brocapi.analyzer.protocol.smtp;
