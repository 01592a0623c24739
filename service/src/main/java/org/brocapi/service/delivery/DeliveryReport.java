package org.brocapi.service.delivery;

import java.nio.file.Path;
import java.util.List;

/**
 * A job's delivery: one report per destination, and the export.
 *
 * @param exportedTo the directory the logs were placed in, or null (no export configured or it failed)
 * @param exportError why the export failed, or null
 */
public record DeliveryReport(String jobId, List<DestinationReport> destinations, Path exportedTo, String exportError) {
    public DeliveryReport {
        destinations = List.copyOf(destinations);
    }

    /** DELIVERED only when every destination got every line and the export (if any) worked. */
    public DeliveryStatus status() {
        if (destinations.stream().anyMatch(d -> d.status() == DeliveryStatus.INTERRUPTED)) {
            return DeliveryStatus.INTERRUPTED;
        }
        boolean ok = destinations.stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED) && exportError == null;
        return ok ? DeliveryStatus.DELIVERED : DeliveryStatus.DELIVERY_FAILED;
    }

    /** The failure reasons, one per failed destination / export, joined; null when none. */
    public String reason() {
        StringBuilder b = new StringBuilder();
        for (DestinationReport d : destinations) {
            if (d.reason() != null) {
                b.append(b.isEmpty() ? "" : "; ").append(d.destination()).append(": ").append(d.reason());
            }
        }
        if (exportError != null) {
            b.append(b.isEmpty() ? "" : "; ").append("export: ").append(exportError);
        }
        return b.isEmpty() ? null : b.toString();
    }
}
