package org.brocapi.analyzer;

import java.util.Map;

/**
 * What one analysis produced.
 *
 * @param packets   packets read from the capture
 * @param bytes     capture bytes read (file size for an uncompressed file)
 * @param logLines  data rows written per log path ({@code conn} → 1234), in creation order
 */
public record AnalysisSummary(long packets, long bytes, Map<String, Long> logLines) {
    public AnalysisSummary {
        logLines = Map.copyOf(logLines);
    }
}
