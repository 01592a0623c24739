package org.brocapi.analyzer.protocol.ssh;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of ssh.log (Zeek's {@code SSH::Info}), columns in Zeek's order. */
public record SshLogEntry(
        /* Time when the SSH connection began. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID for the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* SSH major version (1, 2, or unset). */
        Integer version,
        /* Authentication result (T=success, F=failure, unset=unknown). */
        Boolean authSuccess,
        /* The number of authentication attempts we observed. */
        long authAttempts,
        /* Direction of the connection: OUTBOUND when a local client logs into an external host. */
        @Column(type = ZeekType.ENUM) String direction,
        /* The client's version string. */
        byte[] client,
        /* The server's version string. */
        byte[] server,
        /* The encryption algorithm in use. */
        String cipherAlg,
        /* The signing (MAC) algorithm in use. */
        String macAlg,
        /* The compression algorithm in use. */
        String compressionAlg,
        /* The key exchange algorithm in use. */
        String kexAlg,
        /* The server host key's algorithm. */
        String hostKeyAlg,
        /* The server's key fingerprint. */
        String hostKey) {
}
