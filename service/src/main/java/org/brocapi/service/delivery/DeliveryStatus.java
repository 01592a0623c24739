package org.brocapi.service.delivery;

/** Outcome of a job's delivery to one destination. */
public enum DeliveryStatus {
    /** Every line was sent and, on TCP/TLS, confirmed read by the receiver. */
    DELIVERED("delivered"),
    /** The retry budget is spent or the failure cannot be retried (e.g. an untrusted certificate). */
    DELIVERY_FAILED("delivery_failed"),
    /** The delivering thread was interrupted (shutdown); progress is saved and a later call resumes. */
    INTERRUPTED("interrupted");

    private final String wireName;

    DeliveryStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The snake_case name for JSON answers. */
    public String wireName() {
        return wireName;
    }
}
