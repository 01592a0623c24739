/**
 * SSH (RFC 4253): version exchange and the unencrypted binary packets up to NEWKEYS, which is
 * where Zeek's SSH analyzer confirms. ssh.log is not written yet.
 */
package org.brocapi.analyzer.protocol.ssh;
