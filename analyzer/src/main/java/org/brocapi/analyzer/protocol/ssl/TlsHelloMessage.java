package org.brocapi.analyzer.protocol.ssl;

import java.util.List;

/** The two hello messages (RFC 8446 §4.1.2, §4.1.3; RFC 5246 §7.4.1) as Zeek reads them. */
public sealed interface TlsHelloMessage {
    /** {@code client_version} (or the server's), the legacy field on the wire. */
    int version();

    record Extension(int type, byte[] data) { }

    /** ClientHello; {@code cipherSuites} are 24-bit codes for an SSLv2 hello. */
    record ClientHello(int version, byte[] random, byte[] sessionId, int[] cipherSuites,
            int[] compressionMethods, List<Extension> extensions) implements TlsHelloMessage { }

    /**
     * ServerHello; {@code selectedVersion} is the {@code supported_versions} choice of a TLS 1.3
     * server, or {@link #version()} when it sent none.
     */
    record ServerHello(int version, byte[] random, byte[] sessionId, int cipherSuite, int compressionMethod,
            List<Extension> extensions, int selectedVersion) implements TlsHelloMessage { }
}
