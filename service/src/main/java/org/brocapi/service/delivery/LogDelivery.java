package org.brocapi.service.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.brocapi.service.syslog.SyslogDestination;
import org.brocapi.service.syslog.SyslogSettings;

/**
 * Delivers a finished job's logs: to every syslog destination (each on its own thread, each
 * with its own progress and retries, see {@link DestinationDelivery}), then exports them to
 * {@code export_dir} if one is configured. Blacklisted logs are neither sent nor exported.
 *
 * <pre>
 * LogDelivery delivery = new LogDelivery(SyslogSettings.fromConfig(syslogSection, broSection));
 * DeliveryReport r = delivery.deliver(new DeliveryJob(id, tag, jobDir.resolve("logs/bro"),
 *         pcapNames, jobDir.resolve("logs/syslog")), DeliveryListener.NONE);
 * if (r.status() != DeliveryStatus.DELIVERED) { job.fail(r.status().wireName(), r.reason()); }
 * </pre>
 *
 * Calling {@code deliver} again for the same job (after a failure or a restart) resumes each
 * destination from its progress file and re-sends nothing already committed; a destination
 * already complete is not contacted. One instance can serve many jobs concurrently.
 */
public final class LogDelivery {
    private final SyslogSettings settings;

    public LogDelivery(SyslogSettings settings) {
        this.settings = settings;
    }

    /**
     * Blocks until every destination is delivered or failed.
     *
     * @throws IOException when the job's logs cannot be listed or read (a job problem, not a delivery one)
     */
    public DeliveryReport deliver(DeliveryJob job, DeliveryListener listener) throws IOException {
        List<JobLog> logs = JobLog.list(job.logsDir(), name -> !settings.blacklisted(name));
        Files.createDirectories(job.stateDir());
        List<DestinationReport> reports = new ArrayList<>();
        List<SyslogDestination> dests = settings.destinations();
        if (dests.size() == 1) {
            reports.add(new DestinationDelivery(dests.getFirst(), settings, job, logs, listener).run());
        } else if (!dests.isEmpty()) {
            try (ExecutorService pool = Executors.newFixedThreadPool(dests.size(),
                    Thread.ofPlatform().name("syslog-" + job.jobId() + "-", 0).factory())) {
                List<Future<DestinationReport>> futures = new ArrayList<>();
                for (SyslogDestination d : dests) {
                    futures.add(pool.submit(() -> new DestinationDelivery(d, settings, job, logs, listener).run()));
                }
                boolean interrupted = false;
                for (Future<DestinationReport> f : futures) {
                    while (true) {
                        try {
                            reports.add(f.get());
                            break;
                        } catch (InterruptedException e) {
                            // each destination saves its progress and ends INTERRUPTED; collect their reports
                            pool.shutdownNow();
                            interrupted = true;
                        } catch (ExecutionException e) {
                            throw new IOException("delivery failed unexpectedly: " + e.getCause(), e.getCause());
                        }
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        Path exported = null;
        String exportError = null;
        if (settings.exportDir() != null) {
            try {
                exported = LogExporter.export(settings.exportDir(), job.jobId(), logs);
            } catch (IOException e) {
                exportError = "cannot export to " + settings.exportDir() + ": " + e;
            }
        }
        return new DeliveryReport(job.jobId(), reports, exported, exportError);
    }
}
