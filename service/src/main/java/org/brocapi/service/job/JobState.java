package org.brocapi.service.job;

/**
 * A job's life: {@code queued → running → done | failed}. Post-analysis steps (syslog delivery)
 * add {@code running → delivering → done | delivery_failed}. A job in an active state that
 * belonged to a dead process goes back to {@code queued} and is re-run from scratch.
 */
public enum JobState {
    QUEUED, RUNNING, DELIVERING, DONE, FAILED, DELIVERY_FAILED;

    /** The name on the wire and in the queue: {@code delivery_failed}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static JobState ofWire(String name) {
        for (JobState s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown job state '" + name + "'");
    }

    /** Claimed by a worker: re-queued when that worker's process dies. */
    public boolean active() {
        return this == RUNNING || this == DELIVERING;
    }

    public boolean terminal() {
        return this == DONE || this == FAILED || this == DELIVERY_FAILED;
    }
}
