package org.brocapi.analyzer.conn;

/**
 * Zeek's connection-tracking constants (init-bare.zeek), redefinable per run. Times in seconds.
 */
public record ConnPolicy(double tcpInactivityTimeout, double udpInactivityTimeout, double icmpInactivityTimeout,
                         double unknownIpInactivityTimeout, double tcpAttemptDelay, double tcpCloseDelay,
                         double tcpResetDelay, double tcpSessionTimer, double tcpConnectionLinger,
                         boolean ignoreChecksums) {

    /** Zeek v8's defaults. */
    public static ConnPolicy defaults(boolean ignoreChecksums) {
        return new ConnPolicy(300, 60, 60, 60, 5, 5, 5, 6, 5, ignoreChecksums);
    }
}
