/**
 * Stage 1, capture files: {@link org.brocapi.analyzer.pcap.Captures#open} detects pcap / pcapng / gzip
 * and yields {@link org.brocapi.analyzer.pcap.CapturedPacket}s that point into a large reused read buffer.
 */
package org.brocapi.analyzer.pcap;
