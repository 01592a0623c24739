/**
 * Reusable stream framers for TCP analyzers: lines (SMTP, FTP, POP3, banners) and length-prefixed
 * messages (DNS over TCP). One framer per direction; they copy only what spans deliveries.
 */
package org.brocapi.analyzer.protocol.framing;
