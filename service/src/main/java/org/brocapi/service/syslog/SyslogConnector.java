package org.brocapi.service.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertPathValidatorException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Opens connections to one destination; the TLS context is built once, at construction. */
public final class SyslogConnector {
    /** Local send buffer, set explicitly so Linux does not auto-grow it (it bounds the bytes in flight). */
    private static final int SEND_BUFFER = 1 << 20;

    private final SyslogDestination destination;
    private final SyslogSettings settings;
    private final SSLContext sslContext;

    /** @throws IllegalArgumentException when the TLS files cannot be loaded (a configuration error) */
    public SyslogConnector(SyslogDestination destination, SyslogSettings settings) {
        this.destination = destination;
        this.settings = settings;
        this.sslContext = destination.protocol() == TransportProtocol.TLS ? sslContext(settings.tls()) : null;
    }

    public SyslogConnection open() throws IOException {
        InetSocketAddress address = new InetSocketAddress(destination.host(), destination.port());
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve " + destination.host());
        }
        if (destination.protocol() == TransportProtocol.UDP) {
            return new UdpConnection(address, settings.udpMaxMessage(), destination.frame() == FrameFormat.LEGACY);
        }
        Socket raw = new Socket();
        try {
            raw.setSendBufferSize(SEND_BUFFER);
            raw.setTcpNoDelay(true); // we write whole batches; do not hold back the tail of one
            raw.setKeepAlive(true);
            raw.connect(address, (int) settings.connectTimeout().toMillis());
            SSLSocket tls = null;
            if (sslContext != null) {
                tls = (SSLSocket) sslContext.getSocketFactory().createSocket(raw, destination.host(), destination.port(), false);
                SSLParameters params = tls.getSSLParameters();
                if (settings.tls().verifyHostname()) {
                    params.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 name check, as RFC 5425 §5.2 asks
                }
                tls.setSSLParameters(params);
                raw.setSoTimeout((int) settings.connectTimeout().toMillis());
                try {
                    tls.startHandshake();
                } catch (SSLHandshakeException e) {
                    throw new TlsHandshakeException(destination, e);
                }
                raw.setSoTimeout(0);
            }
            return new StreamConnection(raw, tls, destination.framing(), settings.writeTimeout(), settings.drainTimeout());
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** A failed handshake; {@link #certificateRejected()} tells a trust problem, which retrying cannot fix. */
    public static final class TlsHandshakeException extends IOException {
        private final boolean certificateRejected;

        TlsHandshakeException(SyslogDestination d, SSLHandshakeException e) {
            super(message(d, e), e);
            this.certificateRejected = causedBy(e, CertificateException.class) || causedBy(e, CertPathValidatorException.class);
        }

        public boolean certificateRejected() {
            return certificateRejected;
        }

        private static String message(SyslogDestination d, SSLHandshakeException e) {
            String what = causedBy(e, CertificateException.class) || causedBy(e, CertPathValidatorException.class)
                    ? "server certificate rejected" : "handshake failed";
            return "TLS to " + d.host() + ":" + d.port() + ": " + what + ": " + e.getMessage();
        }

        private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (type.isInstance(c)) {
                    return true;
                }
            }
            return false;
        }
    }

    static SSLContext sslContext(TlsSettings tls) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (tls.caFile() != null) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                try (InputStream in = Files.newInputStream(tls.caFile())) {
                    int i = 0;
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        ks.setCertificateEntry("ca" + i++, c);
                    }
                    if (i == 0) {
                        throw new IllegalArgumentException("tls_ca_file " + tls.caFile() + " holds no certificate");
                    }
                }
                tmf.init(ks);
            } else if (tls.trustStore() != null) {
                tmf.init(KeyStore.getInstance(tls.trustStore().toFile(), tls.trustStorePassword()));
            } else {
                tmf.init((KeyStore) null); // the JDK's cacerts
            }
            KeyManagerFactory kmf = null;
            if (tls.keyStore() != null) {
                char[] pw = tls.keyStorePassword() == null ? new char[0] : tls.keyStorePassword();
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(KeyStore.getInstance(tls.keyStore().toFile(), pw), pw);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
