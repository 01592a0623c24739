package org.brocapi.service.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * A TCP or TLS stream with LF or octet-counting framing (RFC 6587 §3.4). Messages go through a
 * 256 KiB buffer, so one TLS record carries many messages: one record per message costs rsyslog
 * about 25 µs each (tools/syslog/README.md) and caps it near 45k msg/s.
 *
 * <p>A write that blocks longer than the write timeout (a receiver that stopped reading) closes
 * the socket from a watchdog, which turns the stuck write into an exception.
 */
public final class StreamConnection implements SyslogConnection {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "syslog-write-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final int BUFFER = 256 * 1024;

    private final Socket raw;
    private final SSLSocket tls;
    private final Framing framing;
    private final Duration drainTimeout;
    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int buffered;
    private final ScheduledFuture<?> watch;
    private final byte[] digits = new byte[12];
    private volatile long busySince;
    private volatile boolean timedOut;
    private long written;

    /**
     * @param raw the connected TCP socket
     * @param tls the TLS socket layered over {@code raw} (created with autoClose false), or null
     */
    public StreamConnection(Socket raw, SSLSocket tls, Framing framing, Duration writeTimeout, Duration drainTimeout)
            throws IOException {
        this.raw = raw;
        this.tls = tls;
        this.framing = framing;
        this.drainTimeout = drainTimeout;
        this.out = tls != null ? tls.getOutputStream() : raw.getOutputStream();
        long limit = writeTimeout.toNanos();
        long period = Math.max(100, Math.min(1000, writeTimeout.toMillis() / 4));
        this.watch = WATCHDOG.scheduleAtFixedRate(() -> {
            long since = busySince;
            if (since != 0 && System.nanoTime() - since > limit) {
                timedOut = true;
                closeQuietly();
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean send(byte[] header, int headerLength, byte[] body, int offset, int length) throws IOException {
        if (framing == Framing.OCTET_COUNTING) {
            int n = headerLength + length;
            int d = digits.length;
            digits[--d] = ' ';
            do {
                digits[--d] = (byte) ('0' + n % 10);
                n /= 10;
            } while (n > 0);
            put(digits, d, digits.length - d);
        }
        put(header, 0, headerLength);
        put(body, offset, length);
        if (framing == Framing.LF) {
            if (buffered == buf.length) {
                flush();
            }
            buf[buffered++] = '\n';
            written++;
        }
        return false;
    }

    private void put(byte[] b, int off, int len) throws IOException {
        written += len;
        while (len > 0) {
            if (buffered == buf.length) {
                flush();
            }
            int n = Math.min(len, buf.length - buffered);
            System.arraycopy(b, off, buf, buffered, n);
            buffered += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (buffered == 0) {
            return;
        }
        busySince = System.nanoTime();
        try {
            out.write(buf, 0, buffered);
            buffered = 0;
        } catch (IOException e) {
            throw timedOut ? new IOException("write blocked for longer than the write timeout (receiver not reading)", e) : e;
        } finally {
            busySince = 0;
        }
    }

    @Override
    public void drain() throws IOException {
        flush();
        try {
            if (tls != null) {
                // sends close_notify; reading the raw stream below skips the receiver's records
                tls.shutdownOutput();
            }
            raw.shutdownOutput();
            raw.setSoTimeout((int) Math.max(1, drainTimeout.toMillis()));
            InputStream in = raw.getInputStream();
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // a syslog receiver sends nothing but TLS alerts; wait for its FIN
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("receiver did not close the connection within " + drainTimeout.toMillis()
                    + " ms after our half-close, so delivery of the last lines is unconfirmed", e);
        } finally {
            close();
        }
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    @Override
    public long sendBufferSize() {
        try {
            return raw.getSendBufferSize();
        } catch (IOException e) {
            return 4 << 20;
        }
    }

    private void closeQuietly() {
        try {
            raw.close();
        } catch (IOException e) {
            // closing only to unblock a stuck write
        }
    }

    @Override
    public void close() throws IOException {
        watch.cancel(false);
        // raw first: on a failed connection a TLS close would try to write close_notify and could block
        try {
            raw.close();
        } finally {
            if (tls != null) {
                try {
                    tls.close();
                } catch (IOException e) {
                    // the TCP socket is closed already
                }
            }
        }
    }
}
