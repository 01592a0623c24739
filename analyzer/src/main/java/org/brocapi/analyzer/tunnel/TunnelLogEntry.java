package org.brocapi.analyzer.tunnel;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of tunnel.log (Zeek's {@code Tunnel::Info}), columns in Zeek's order. */
public record TunnelLogEntry(
        /* Time at which some tunnel activity occurred. */
        @Column(type = ZeekType.TIME) double ts,
        /* The tunnel's uid: the carrying connection's for tunnels over UDP, its own for IP tunnels. */
        String uid,
        /* The tunnel's endpoints; ports are 0 for IP tunnels. */
        ConnId id,
        /* The type of tunnel (Tunnel::GRE, Tunnel::VXLAN, …). */
        @Column(type = ZeekType.ENUM) String tunnelType,
        /* What happened: Tunnel::DISCOVER, Tunnel::CLOSE or Tunnel::EXPIRE. */
        @Column(type = ZeekType.ENUM) String action) {
}
