package org.brocapi.analyzer.tunnel;

/**
 * The {@code Tunnel::} options of Zeek's init-bare.zeek that change what is decapsulated or logged.
 *
 * @param maxDepth                 {@code Tunnel::max_depth}: tunnels deeper than this are not decapsulated
 * @param delayTeredoConfirmation  confirm Teredo only after both directions carried valid Teredo
 * @param delayGtpConfirmation     confirm GTPv1 only after both directions carried valid G-PDUs
 * @param maxChangesPerConnection  {@code Tunnel::max_changes_per_connection}, 0 for no limit
 * @param ipTunnelTimeout          seconds an idle IP/GRE tunnel keeps its uid
 */
public record TunnelPolicy(int maxDepth, boolean delayTeredoConfirmation, boolean delayGtpConfirmation,
                           int maxChangesPerConnection, double ipTunnelTimeout) {
    public static TunnelPolicy defaults() {
        return new TunnelPolicy(4, true, false, 5, 24 * 3600.0);
    }
}
