package org.brocapi.analyzer.conn;

import org.brocapi.analyzer.packet.Packet;

/**
 * The transport-layer state of one connection (Zeek's session adapter): TCP's endpoint state
 * machine, UDP's request/reply lengths, ICMP, or nothing for other IP protocols.
 *
 * <p>Lifecycle, in order: created with its connection; {@link #packet} for each packet of the
 * connection (after the connection counted it, if it counts); {@link #done} once when the
 * connection is removed, before its conn.log row is built.
 */
public interface Transport {
    /** Processes one packet; {@code isOrig} is the direction before any flip this packet causes. */
    void packet(Connection c, Packet p, boolean isOrig);

    /** The endpoint's state as Zeek's scripts see it ({@code c$orig$state}). */
    EndpointState state(boolean orig);

    /** The endpoint's payload size ({@code c$orig$size}): sequence space for TCP, bytes for UDP. */
    long size(boolean orig);

    /** Swaps the roles of the endpoints (Zeek's {@code FlipRoles} on the adapter). */
    default void flipRoles() { }

    /** True when a SYN on this connection's tuple starts a new connection (TCP only). */
    default boolean isReuse(Connection c, Packet p) {
        return false;
    }

    /** The connection is being removed. */
    default void done(Connection c) { }
}
