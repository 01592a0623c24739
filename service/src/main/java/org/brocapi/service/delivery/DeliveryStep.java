package org.brocapi.service.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.brocapi.service.job.Job;
import org.brocapi.service.job.JobDirectory;
import org.brocapi.service.job.JobState;
import org.brocapi.service.syslog.SyslogSettings;
import org.brocapi.service.worker.JobContext;
import org.brocapi.service.worker.JobStep;

/**
 * The job step that delivers a job's merged logs ({@code logs/bro}) with {@link LogDelivery}:
 * the job is {@code delivering} meanwhile, then {@code done}, or {@code delivery_failed} with
 * {@link DeliveryReport#reason()} once a destination's retry budget is spent (or the export failed).
 * Progress and retries per destination are shown through {@link DeliveryState}.
 *
 * <p>Running it again for the same job (crash recovery, {@code POST /jobs/{id}/deliver}) resumes
 * each destination from its {@code .progress} file in {@code logs/syslog}; destinations already
 * complete are not contacted. Added by {@code ServiceMain} only when
 * {@link org.brocapi.service.config.ServiceConfig#deliveryEnabled()}.
 */
public final class DeliveryStep implements JobStep {
    private static final String FROM_START = "from-start.request";
    private final SyslogSettings settings;
    private final LogDelivery delivery;

    public DeliveryStep(SyslogSettings settings) {
        this.settings = settings;
        this.delivery = new LogDelivery(settings);
    }

    /**
     * The request file {@code POST /jobs/{id}/deliver?from=start} leaves in {@code logs/syslog}: the
     * next run forgets every destination's progress and sends all lines again.
     */
    public static Path fromStartRequest(JobDirectory dir) {
        return dir.syslog().resolve(FROM_START);
    }

    /** Progress goes first, the request last: a crash in between only repeats the start-over. */
    private static void startOverIfAsked(JobDirectory dir) throws IOException {
        Path request = fromStartRequest(dir);
        if (!Files.exists(request)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir.syslog())) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".progress")).toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(request);
    }

    @Override
    public String name() {
        return "delivery";
    }

    @Override
    public JobState activeState() {
        return JobState.DELIVERING;
    }

    @Override
    public JobState failedState() {
        return JobState.DELIVERY_FAILED;
    }

    @Override
    public void run(JobContext context) throws IOException, InterruptedException {
        Job job = context.job();
        JobDirectory dir = context.directory();
        startOverIfAsked(dir);
        DeliveryState state = new DeliveryState(dir.syslog(), settings.destinations());
        DeliveryReport report = delivery.deliver(
                new DeliveryJob(job.id(), job.tag(), dir.bro(), job.files(), dir.syslog()), state);
        state.finish(report);
        switch (report.status()) {
            case DELIVERED -> { }
            // shutdown: progress is saved, the job stays claimed and a later run resumes it
            case INTERRUPTED -> throw new InterruptedException("delivery interrupted: " + report.reason());
            case DELIVERY_FAILED -> throw new IOException(report.reason());
        }
    }
}
