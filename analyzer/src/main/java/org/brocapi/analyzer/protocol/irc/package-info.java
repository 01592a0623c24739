/**
 * IRC (RFC 2812) as far as Zeek's IRC analyzer decides confirmation, violation and STARTTLS
 * (IRCv3 {@code STARTTLS}, reply 670).
 */
package org.brocapi.analyzer.protocol.irc;
