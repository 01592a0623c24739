package org.brocapi.service.delivery;

import java.time.Duration;

/**
 * Progress callbacks, called on the destination's delivery thread (one thread per destination,
 * so calls for different destinations can be concurrent). Keep them short.
 * Order per destination: {@code onStart}, then {@code onProgress}/{@code onRetry} any number of
 * times, then {@code onDone} once.
 */
public interface DeliveryListener {
    DeliveryListener NONE = new DeliveryListener() {
    };

    default void onStart(String destination, long delivered, long total) {
    }

    /** After each persisted checkpoint: {@code delivered} lines of {@code total} are safe. */
    default void onProgress(String destination, long delivered, long total) {
    }

    /** A connection failed; the next attempt starts after {@code delay}, from the last checkpoint. */
    default void onRetry(String destination, int attempt, Duration delay, String reason) {
    }

    default void onDone(DestinationReport report) {
    }
}
