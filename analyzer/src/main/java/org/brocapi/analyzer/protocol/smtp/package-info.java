/**
 * SMTP (RFC 5321, STARTTLS from RFC 3207) as far as Zeek's SMTP analyzer decides confirmation,
 * violation and STARTTLS, with the MIME header limit Zeek checks on the mail's headers.
 */
package org.brocapi.analyzer.protocol.smtp;
