package org.brocapi.analyzer.files.x509;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.files.FileHandle;
import org.brocapi.analyzer.files.FileListener;
import org.brocapi.analyzer.files.FileManager;
import org.brocapi.analyzer.files.FileState;
import org.brocapi.analyzer.log.LogSchema;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;

/**
 * The run's certificates: SSL hands each one to the file framework ({@link #sslCertificates}),
 * and a file the X509 analyzer is attached to (base/files/x509 registers it for the certificate
 * MIME types) gets its x509.log row at file_state_remove, as base/files/x509/main.zeek writes it:
 * once per (fingerprint, host_cert, client_cert) within {@code X509::relog_known_certificates_after}
 * ({@code known_log_certs}), never with policy/protocols/ssl/log-hostcerts-only for a CA certificate.
 * One per run, on the run's thread.
 */
public final class X509Analyzer {
    static final String USER_CERT = "application/x-x509-user-cert", CA_CERT = "application/x-x509-ca-cert";
    /** {@code X509::known_log_certs_maximum_size}. */
    private static final int KNOWN_MAX = 1_000_000;

    private final FileManager files;
    private final LogStream<X509LogEntry> log;
    private final double relogAfter;
    private final boolean hostCertsOnly, base64;
    private final Map<Known, Double> known = new HashMap<>();

    private record Known(String fingerprint, boolean hostCert, boolean clientCert) { }

    public X509Analyzer(RunContext run) {
        this.files = run.files();
        this.base64 = run.loads("policy/protocols/ssl/log-certs-base64");
        this.log = run.logs().stream("x509", LogSchema.deferred(X509LogEntry.class,
                base64 ? Set.of(X509LogEntry.BASE64) : Set.of()));
        this.relogAfter = run.config().x509RelogAfter();
        this.hostCertsOnly = run.loads("policy/protocols/ssl/log-hostcerts-only");
    }

    /**
     * Zeek's SSL proc_certificate: certificate {@code i} of a Certificate message becomes the file
     * {@code "Analyzer::ANALYZER_SSL" + start time + T/F + conn id + i}, typed as the user
     * certificate (the first) or a CA certificate, and ends right away. An empty one is a weird.
     *
     * @param isClient the sender is the client (Zeek's {@code is_orig ^ is_flipped})
     */
    public void sslCertificates(Session session, boolean isClient, List<byte[]> certs) {
        Connection c = session.conn();
        String common = new FileHandle().add("Analyzer::ANALYZER_SSL").time(c.startTime).add(isClient).idString(c)
                .toString();
        for (int i = 0; i < certs.size(); i++) {
            byte[] der = certs.get(i);
            if (der.length == 0) {
                session.weird("zero_length_certificate", "", "SSL");
                continue;
            }
            String handle = common + i;
            FileState f = files.dataIn(handle, "SSL", c, isClient, FileListener.NONE, i == 0 ? USER_CERT : CA_CERT,
                    der, 0, der.length);
            boolean x509 = f != null && f.analyzers().contains("X509");
            files.endOfFile(handle);
            if (x509) certificate(session.now(), der, i == 0, isClient);
        }
    }

    /** The X509 analyzer's x509_certificate event, then file_state_remove's x509.log row. */
    void certificate(double ts, byte[] der, boolean hostCert, boolean clientCert) {
        X509Certificate cert = X509Parser.parse(der);
        if (cert == null) return; // x509_cert_parse_error: no f$info$x509, no row
        String fp = sha256(der);
        if (relogAfter > 0) {
            Known k = new Known(fp, hostCert, clientCert);
            Double added = known.get(k);
            // &create_expire: the entry lives relog_known_certificates_after from its creation
            if (added != null && ts - added < relogAfter) return;
            if (added != null || known.size() < KNOWN_MAX) known.put(k, ts);
        }
        if (hostCertsOnly && !hostCert) return;
        log.write(new X509LogEntry(ts, fp,
                new X509LogEntry.Certificate(cert.version(), cert.serial(), cert.subject(), cert.issuer(),
                        cert.notValidBefore(), cert.notValidAfter(), cert.keyAlg(), cert.sigAlg(), cert.keyType(),
                        cert.keyLength(), cert.exponent(), cert.curve()),
                cert.san(), cert.basic(), hostCert, clientCert,
                base64 ? Base64.getEncoder().encodeToString(der) : null));
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
