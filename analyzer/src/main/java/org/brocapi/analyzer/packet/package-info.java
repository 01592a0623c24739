/**
 * Stage 2, packet layers: {@link org.brocapi.analyzer.packet.PacketDecoder} turns a captured frame into
 * a reused {@link org.brocapi.analyzer.packet.Packet} (link, IP, transport), reassembling IP fragments.
 */
package org.brocapi.analyzer.packet;
