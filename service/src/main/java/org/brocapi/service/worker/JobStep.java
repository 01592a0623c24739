package org.brocapi.service.worker;

import org.brocapi.service.job.JobState;

/**
 * Work done on a job after its logs are merged into {@code logs/bro/}: syslog delivery, moving
 * logs for a shipper, … Steps run in list order on the worker's thread. While a step runs the
 * job shows {@link #activeState()}; if it throws, the job ends in {@link #failedState()} with the
 * exception's message as its error. A job whose process dies during a step is re-run from scratch,
 * analysis included, so a step must tolerate running again for the same job.
 */
public interface JobStep {
    String name();

    /** E.g. {@link JobState#DELIVERING}. */
    JobState activeState();

    /** E.g. {@link JobState#DELIVERY_FAILED}. */
    JobState failedState();

    void run(JobContext context) throws Exception;
}
