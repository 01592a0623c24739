package org.brocapi.analyzer;

import java.util.List;
import java.util.Map;

/**
 * What one analysis produced.
 *
 * @param packets   packets read from the capture
 * @param bytes     capture bytes read (file size for an uncompressed file)
 * @param logLines  data rows written per log path ({@code conn} → 1234), in creation order
 * @param warnings  what the user should know but did not stop the analysis: Zeek options given
 *                  that have no effect here, a capture that ended early (one line each)
 */
public record AnalysisSummary(long packets, long bytes, Map<String, Long> logLines, List<String> warnings) {
    public AnalysisSummary {
        logLines = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(logLines));
        warnings = List.copyOf(warnings);
    }

    public AnalysisSummary(long packets, long bytes, Map<String, Long> logLines) {
        this(packets, bytes, logLines, List.of());
    }
}
