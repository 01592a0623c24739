package org.brocapi.service.queue;

/** The queue's storage failed; the operation did not happen. */
public final class QueueException extends RuntimeException {
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
