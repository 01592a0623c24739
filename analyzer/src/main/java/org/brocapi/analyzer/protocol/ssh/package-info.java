/**
 * SSH (RFC 4253): version exchange, the unencrypted key exchange up to NEWKEYS (where Zeek's SSH
 * analyzer confirms), the authentication guess from encrypted packet sizes, and ssh.log.
 */
package org.brocapi.analyzer.protocol.ssh;
