/**
 * MIME entities (RFC 2045, RFC 2046) as Zeek's MIME analyzer reads them, shared by HTTP bodies and
 * SMTP mails: headers, multipart nesting, base64 and quoted-printable decoding, one file per leaf.
 */
package org.brocapi.analyzer.protocol.mime;
