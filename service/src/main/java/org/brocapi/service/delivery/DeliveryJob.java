package org.brocapi.service.delivery;

import java.nio.file.Path;
import java.util.List;

/**
 * One job's logs to deliver.
 *
 * @param jobId the job's id (RFC 5424 structured data, export directory name)
 * @param tag the job's tag, or null; it becomes the HOSTNAME (see {@code TagRule})
 * @param logsDir the directory holding the job's Zeek logs ({@code <job>/logs/bro})
 * @param pcapNames the original names of the job's pcaps (RFC 5424 structured data)
 * @param stateDir where delivery progress is kept ({@code <job>/logs/syslog}); created if missing
 */
public record DeliveryJob(String jobId, String tag, Path logsDir, List<String> pcapNames, Path stateDir) {
    public DeliveryJob {
        pcapNames = List.copyOf(pcapNames);
        if (jobId == null || !jobId.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new IllegalArgumentException("job id '" + jobId + "' may only contain A-Z a-z 0-9 . _ -");
        }
    }
}
