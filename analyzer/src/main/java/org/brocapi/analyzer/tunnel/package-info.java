/**
 * Stage 2b, tunnels: decapsulates IP-in-IP, GRE (ERSPAN, Aruba, PPTP) and the UDP tunnels (VXLAN,
 * Geneve, Teredo, AYIYA, GTPv1) back into the packet pipeline, and writes tunnel.log.
 */
package org.brocapi.analyzer.tunnel;
