package org.brocapi.analyzer.protocol;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/**
 * One row of dpd.log ({@code DPD::Info} of policy/frameworks/analyzer/deprecated-dpd-log.zeek):
 * the first violation of an analyzer after it had been confirmed on the connection.
 */
public record DpdLogEntry(
        /* Timestamp for when protocol analysis failed. */
        @Column(type = ZeekType.TIME) double ts,
        /* Connection unique ID. */
        String uid,
        /* Connection ID containing the 4-tuple which identifies endpoints. */
        ConnId id,
        /* Transport protocol for the violation. */
        @Column(type = ZeekType.ENUM) String proto,
        /* The analyzer that generated the violation. */
        String analyzer,
        /* The textual reason for the analysis failure, with the data that caused it in brackets. */
        byte[] failureReason) {
}
