package org.brocapi.analyzer.weird;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of weird.log (Zeek's {@code Weird::Info}), columns in Zeek's order. */
public record WeirdLogEntry(
        /* The time when the weird occurred. */
        @Column(type = ZeekType.TIME) double ts,
        /* If a connection is associated with this weird, this will be its uid. */
        String uid,
        /* The connection's endpoints, when there is one (flow weirds: ports 0). */
        ConnId id,
        /* The name of the weird that occurred. */
        String name,
        /* Additional information accompanying the weird if any. */
        String addl,
        /* Whether a notice was raised for this weird. */
        boolean notice,
        /* The peer that originated this weird (Zeek's peer_description). */
        String peer,
        /* The source of the weird: usually the analyzer that raised it. */
        String source) {
}
