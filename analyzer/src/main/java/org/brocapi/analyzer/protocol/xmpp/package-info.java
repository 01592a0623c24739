/**
 * XMPP (RFC 6120) up to STARTTLS (§5), as Zeek's XMPP analyzer tokenizes it: only the tag names
 * matter, for confirmation and for handing the stream to SSL.
 */
package org.brocapi.analyzer.protocol.xmpp;
