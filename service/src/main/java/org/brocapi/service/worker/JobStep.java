package org.brocapi.service.worker;

import org.brocapi.service.job.JobState;

/**
 * Work done on a job after its logs are merged into {@code logs/bro/}: syslog delivery, moving
 * logs for a shipper, … Steps run in list order on the worker's thread. While a step runs the
 * job shows {@link #activeState()}; if it throws, the job ends in {@link #failedState()} with the
 * exception's message as its error. A job whose process dies during a step is re-run (its complete
 * logs are reused, see {@link Worker}), and {@code POST /jobs/{id}/deliver} re-runs the steps of an
 * ended job, so a step must tolerate running again for the same job. A step interrupted by shutdown
 * throws {@link InterruptedException}: the job stays claimed and is re-run after this process ends.
 */
public interface JobStep {
    String name();

    /** E.g. {@link JobState#DELIVERING}. */
    JobState activeState();

    /** E.g. {@link JobState#DELIVERY_FAILED}. */
    JobState failedState();

    void run(JobContext context) throws Exception;
}
