package org.brocapi.service.delivery;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.brocapi.service.syslog.ProgramName;
import org.brocapi.service.syslog.SyslogConnection;
import org.brocapi.service.syslog.SyslogConnector;
import org.brocapi.service.syslog.SyslogDestination;
import org.brocapi.service.syslog.SyslogFramer;
import org.brocapi.service.syslog.SyslogSettings;
import org.brocapi.service.syslog.TagRule;
import org.brocapi.service.syslog.TimestampSource;
import org.brocapi.service.syslog.TransportProtocol;

/**
 * Delivers one job's logs to one destination, at least once.
 *
 * <p>Lines are sent in batches of {@code batch_lines}; after each flushed batch a checkpoint
 * (log file, byte offset, line count, bytes written) is taken. A TCP/TLS write only means the
 * bytes reached our socket buffer: they can still die in our send buffer, in the receiver's
 * receive buffer, or unread when the receiver stops. So a checkpoint is committed (persisted)
 * only once at least {@code resend_window} bytes plus our send buffer have been written after
 * it, and the last lines are committed when the receiver confirms it read everything (our
 * half-close answered by its close, see {@link SyslogConnection#drain}). After a failure the next
 * attempt resumes from the last committed checkpoint — in this call or, from the progress file,
 * after a restart. UDP commits every batch: datagrams lost on the way are invisible to a sender.
 *
 * <p>Which faults duplicate lines: TCP/TLS — any connection loss re-sends the lines written
 * after the last committed checkpoint (at most about {@code resend_window} + 2 MiB of lines), of
 * which the receiver may already have some; a Brocapi crash re-sends the lines after the last
 * persisted checkpoint. Which faults lose lines: UDP — any datagram dropped by the network or a
 * full receiver buffer; TCP/TLS — lines the receiver had read but not stored when it stops, beyond
 * what {@code resend_window} covers: its socket buffer (Linux grows it up to
 * {@code net.ipv4.tcp_rmem}'s maximum) plus its memory queue (rsyslog discards what it cannot
 * write within its shutdown timeout), or its whole queue on {@code kill -9}.
 */
final class DestinationDelivery {
    /** Persist a committed checkpoint at most this often; the rest is re-sent after a crash. */
    private static final long PERSIST_INTERVAL_NANOS = 100_000_000L;

    private final SyslogDestination destination;
    private final SyslogSettings settings;
    private final DeliveryJob job;
    private final List<JobLog> logs;
    private final long total;
    private final DeliveryListener listener;

    private DeliveryProgress committed;
    private long lastPersistNanos;
    private boolean dirty;
    private long truncated;
    private long committedTruncated;
    private long lastCommitNanos;

    private record Checkpoint(int log, long offset, long lines, long written, long truncated) {
    }

    DestinationDelivery(SyslogDestination destination, SyslogSettings settings, DeliveryJob job, List<JobLog> logs,
            DeliveryListener listener) {
        this.destination = destination;
        this.settings = settings;
        this.job = job;
        this.logs = logs;
        this.total = logs.stream().mapToLong(JobLog::dataLines).sum();
        this.listener = listener;
    }

    DestinationReport run() {
        String name = destination.name();
        int attempts = 0;
        try {
            committed = DeliveryProgress.load(job.stateDir(), name);
        } catch (IOException e) {
            return done(DeliveryStatus.DELIVERY_FAILED, 0, "cannot read progress: " + e.getMessage());
        }
        listener.onStart(name, committed.deliveredLines(), total);
        if (complete()) {
            return done(DeliveryStatus.DELIVERED, 0, null);
        }
        SyslogConnector connector;
        try {
            connector = new SyslogConnector(destination, settings);
        } catch (IllegalArgumentException e) {
            return done(DeliveryStatus.DELIVERY_FAILED, 0, e.getMessage());
        }
        Duration delay = settings.retryInitial();
        lastCommitNanos = System.nanoTime();
        while (true) {
            attempts++;
            try {
                sendRemaining(connector);
                return done(DeliveryStatus.DELIVERED, attempts, null);
            } catch (IOException e) {
                String reason = describe(e);
                if (Thread.interrupted()) {
                    // cleared while saving: file channels refuse to work on an interrupted thread
                    try {
                        persist(true);
                    } catch (IOException pe) {
                        // the last persisted checkpoint stays valid
                    } finally {
                        Thread.currentThread().interrupt();
                    }
                    return done(DeliveryStatus.INTERRUPTED, attempts, "interrupted: " + reason);
                }
                try {
                    persist(true);
                } catch (IOException pe) {
                    return done(DeliveryStatus.DELIVERY_FAILED, attempts, "cannot save progress: " + pe.getMessage());
                }
                if (e instanceof SyslogConnector.TlsHandshakeException t && t.certificateRejected()) {
                    return done(DeliveryStatus.DELIVERY_FAILED, attempts, reason);
                }
                Duration failingFor = Duration.ofNanos(System.nanoTime() - lastCommitNanos);
                if (failingFor.plus(delay).compareTo(settings.retryBudget()) > 0) {
                    return done(DeliveryStatus.DELIVERY_FAILED, attempts, "gave up after " + attempts
                            + " attempts and " + failingFor.toSeconds() + " s without progress (retry_budget "
                            + settings.retryBudget().toSeconds() + " s): " + reason);
                }
                listener.onRetry(name, attempts, delay, reason);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return done(DeliveryStatus.INTERRUPTED, attempts, "interrupted while waiting to retry: " + reason);
                }
                delay = delay.multipliedBy(2).compareTo(settings.retryMax()) > 0 ? settings.retryMax() : delay.multipliedBy(2);
            }
        }
    }

    private boolean complete() {
        for (JobLog log : logs) {
            if (committed.get(log.name()).offset() < log.size()) {
                return false;
            }
        }
        return true;
    }

    private void sendRemaining(SyslogConnector connector) throws IOException {
        SyslogFramer framer = new SyslogFramer(destination.frame(), destination.pri(), TagRule.sanitize(job.tag()),
                settings.zone(), SyslogFramer.structuredData(job.jobId(), job.pcapNames(), job.tag()));
        boolean eventTime = settings.timestamp() == TimestampSource.EVENT;
        ArrayDeque<Checkpoint> pending = new ArrayDeque<>();
        truncated = committedTruncated; // lines re-sent after a failure are not counted twice
        try (SyslogConnection conn = connector.open()) {
            long window = destination.protocol() == TransportProtocol.UDP ? 0
                    : settings.resendWindow() + 2 * conn.sendBufferSize();
            for (int i = 0; i < logs.size(); i++) {
                JobLog log = logs.get(i);
                DeliveryProgress.Position from = committed.get(log.name());
                if (from.offset() > log.size()) {
                    from = DeliveryProgress.Position.START; // the file was replaced: start it over
                }
                if (from.offset() == log.size()) {
                    continue;
                }
                ZeekLineFormat format = readHeader(log);
                framer.startLog(ProgramName.of(settings.prefix(), log.type()), log.type());
                long lines = from.lines();
                int batch = 0;
                try (LogLineReader r = new LogLineReader(log.path(), from.offset())) {
                    while (r.next()) {
                        byte[] b = r.buffer();
                        int off = r.start();
                        int len = r.length();
                        if (!JobLog.isData(b, off, len)) {
                            if (len > 0) {
                                format.headerLine(b, off, len); // a later header (concatenated logs) re-sets the fields
                            }
                            continue;
                        }
                        long micros = eventTime ? format.eventMicros(b, off, len) : Long.MIN_VALUE;
                        if (micros == Long.MIN_VALUE) {
                            Instant now = Instant.now();
                            micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
                        }
                        int h = framer.header(micros);
                        boolean cut;
                        if (settings.json() && format.toJson(b, off, len)) {
                            cut = conn.send(framer.headerBytes(), h, format.json(), 0, format.jsonLength());
                        } else {
                            cut = conn.send(framer.headerBytes(), h, b, off, len);
                        }
                        if (cut) {
                            truncated++;
                        }
                        lines++;
                        if (++batch >= settings.batchLines()) {
                            if (Thread.currentThread().isInterrupted()) {
                                throw new java.io.InterruptedIOException("interrupted");
                            }
                            conn.flush();
                            checkpoint(pending, new Checkpoint(i, r.offset(), lines, conn.bytesWritten(), truncated), window);
                            batch = 0;
                        }
                    }
                    conn.flush();
                    checkpoint(pending, new Checkpoint(i, r.offset(), lines, conn.bytesWritten(), truncated), window);
                }
            }
            conn.drain();
        }
        // the receiver has read everything: commit all that is pending
        checkpoint(pending, null, 0);
        persist(true);
    }

    /** Adds {@code c} (if any) and commits every checkpoint at least {@code window} bytes behind the newest write. */
    private void checkpoint(ArrayDeque<Checkpoint> pending, Checkpoint c, long window) throws IOException {
        if (c != null) {
            pending.addLast(c);
        }
        long limit = c == null ? Long.MAX_VALUE : c.written() - window;
        boolean advanced = false;
        while (!pending.isEmpty() && pending.peekFirst().written() <= limit) {
            Checkpoint done = pending.pollFirst();
            committed.set(logs.get(done.log()).name(), done.offset(), done.lines());
            committedTruncated = done.truncated();
            advanced = true;
        }
        if (advanced) {
            dirty = true;
            lastCommitNanos = System.nanoTime();
            persist(false);
        }
    }

    private void persist(boolean force) throws IOException {
        long now = System.nanoTime();
        if (dirty && (force || now - lastPersistNanos >= PERSIST_INTERVAL_NANOS)) {
            committed.save();
            dirty = false;
            lastPersistNanos = now;
            listener.onProgress(destination.name(), committed.deliveredLines(), total);
        }
    }

    private static ZeekLineFormat readHeader(JobLog log) throws IOException {
        ZeekLineFormat f = new ZeekLineFormat();
        try (LogLineReader r = new LogLineReader(log.path(), 0)) {
            while (r.next() && r.length() > 0 && r.buffer()[r.start()] == '#') {
                f.headerLine(r.buffer(), r.start(), r.length());
            }
        }
        return f;
    }

    private String describe(IOException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SyslogConnector.TlsHandshakeException) {
            return msg;
        }
        return destination.protocol().name().toLowerCase(java.util.Locale.ROOT) + "://" + destination.host() + ":"
                + destination.port() + ": " + msg;
    }

    private DestinationReport done(DeliveryStatus status, int attempts, String reason) {
        long delivered = committed == null ? 0 : committed.deliveredLines();
        DestinationReport r = new DestinationReport(destination.name(), status, delivered, total, committedTruncated, attempts, reason);
        listener.onDone(r);
        return r;
    }
}
