package org.brocapi.service.delivery;

/**
 * Delivery to one destination.
 *
 * @param delivered lines committed as delivered (persisted progress)
 * @param total data lines of the job's non-blacklisted logs
 * @param truncated delivered lines that were sent truncated (UDP oversize rule), counted in this call
 * @param attempts connections tried during this call
 * @param reason why it failed (null when delivered); the last error when it did retry and then succeed is not kept
 */
public record DestinationReport(String destination, DeliveryStatus status, long delivered, long total,
        long truncated, int attempts, String reason) {
}
