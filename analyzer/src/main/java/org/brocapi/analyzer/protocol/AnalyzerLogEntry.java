package org.brocapi.analyzer.protocol;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of analyzer.log (Zeek's {@code Analyzer::Logging::Info}): a confirmed analyzer that failed. */
public record AnalyzerLogEntry(
        /* Timestamp of confirmation or violation. */
        @Column(type = ZeekType.TIME) double ts,
        /* The kind of analyzer involved: protocol, packet or file. */
        String analyzerKind,
        /* The name of the analyzer as produced by Analyzer::name. */
        String analyzerName,
        /* Connection UID, if available. */
        String uid,
        /* File UID, if available. */
        String fuid,
        /* Connection identifier, if available. */
        ConnId id,
        /* Transport protocol for the violation, if available. */
        @Column(type = ZeekType.ENUM) String proto,
        /* Failure or violation reason, if available. */
        String failureReason,
        /* Data causing failure or violation if available; truncated to failure_data_max_size. */
        byte[] failureData) {
}
