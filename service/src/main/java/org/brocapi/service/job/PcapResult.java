package org.brocapi.service.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What analysing one stored pcap produced.
 *
 * @param packets  packets read; null when the engine does not say (the zeek engine)
 * @param bytes    capture bytes read
 * @param logs     data lines per log file ({@code conn.log} → 12), in the order the logs appeared
 */
public record PcapResult(String stored, Long packets, long bytes, Map<String, Long> logs) {
    public PcapResult {
        logs = Collections.unmodifiableMap(new LinkedHashMap<>(logs));
    }
}
