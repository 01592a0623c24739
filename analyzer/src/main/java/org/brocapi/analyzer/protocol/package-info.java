/**
 * The application-layer contract: protocol descriptors, per-connection stream and datagram
 * analyzers, confirmation/violation, and port- and content-based analyzer activation (Zeek's DPD).
 */
package org.brocapi.analyzer.protocol;
