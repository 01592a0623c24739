package org.brocapi.analyzer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.brocapi.analyzer.Analysis;
import org.brocapi.analyzer.AnalysisOptions;

/**
 * Feeds application bytes between two hosts through the whole analyzer (Ethernet/IPv4 frames in
 * a pcap, then {@link Analysis#run}) and reads the logs back as rows of column → value. TCP
 * connections get a proper handshake; each {@link #tcp} call is one segment with the right
 * sequence numbers. Timestamps advance by {@link #step} per packet.
 */
public final class AnalyzerHarness {
    private final PcapWriter pcap = PcapWriter.pcap(1);
    private double ts = 1_700_000_000.0;
    private double step = 0.01;
    private final Map<String, long[]> tcpSeq = new LinkedHashMap<>();

    public AnalyzerHarness step(double seconds) {
        step = seconds;
        return this;
    }

    /** Waits {@code seconds} of capture time before the next packet. */
    public AnalyzerHarness pause(double seconds) {
        ts += seconds;
        return this;
    }

    public AnalyzerHarness udp(String src, int sport, String dst, int dport, byte[] payload) {
        byte[] s = Frames.addr(src), d = Frames.addr(dst);
        return frame(Frames.ipv4(src, dst, 17).build(Frames.udp(s, d, sport, dport, payload)));
    }

    /** Client {@code src:sport} opens a TCP connection to {@code dst:dport}. */
    public AnalyzerHarness tcpOpen(String src, int sport, String dst, int dport) {
        long[] seq = {1000, 5000};
        tcpSeq.put(key(src, sport, dst, dport), seq);
        segment(src, sport, dst, dport, seq[0]++, 0, Frames.SYN, new byte[0]);
        segment(dst, dport, src, sport, seq[1]++, seq[0], Frames.SYN | Frames.ACK, new byte[0]);
        return segment(src, sport, dst, dport, seq[0], seq[1], Frames.ACK, new byte[0]);
    }

    /** Like {@link #tcpOpen} but the client's SYN was not captured: SYN-ACK and ACK only. */
    public AnalyzerHarness tcpOpenWithoutSyn(String src, int sport, String dst, int dport) {
        long[] seq = {1001, 5000};
        tcpSeq.put(key(src, sport, dst, dport), seq);
        segment(dst, dport, src, sport, seq[1]++, seq[0], Frames.SYN | Frames.ACK, new byte[0]);
        return segment(src, sport, dst, dport, seq[0], seq[1], Frames.ACK, new byte[0]);
    }

    /** A data segment on an opened connection; {@code fromClient} picks the direction. */
    public AnalyzerHarness tcp(String client, int cport, String server, int sport, boolean fromClient, byte[] data) {
        long[] seq = tcpSeq.get(key(client, cport, server, sport));
        if (fromClient) {
            segment(client, cport, server, sport, seq[0], seq[1], Frames.ACK | Frames.PSH, data);
            seq[0] += data.length;
        } else {
            segment(server, sport, client, cport, seq[1], seq[0], Frames.ACK | Frames.PSH, data);
            seq[1] += data.length;
        }
        return this;
    }

    private AnalyzerHarness segment(String src, int sport, String dst, int dport, long seq, long ack, int flags,
                                    byte[] data) {
        byte[] s = Frames.addr(src), d = Frames.addr(dst);
        return frame(Frames.ipv4(src, dst, 6).build(Frames.tcp(s, d, sport, dport, seq, ack, flags, new byte[0], data)));
    }

    private AnalyzerHarness frame(byte[] ip) {
        pcap.add(ts, Frames.ethernet(0x0800, ip));
        ts += step;
        return this;
    }

    private static String key(String a, int ap, String b, int bp) {
        return a + ":" + ap + ">" + b + ":" + bp;
    }

    /** Runs the analyzer in bare mode with {@code scripts} loaded; returns the output directory. */
    public Result run(Path dir, String... scripts) {
        try {
            Path in = dir.resolve("input.pcap");
            Files.write(in, pcap.toBytes());
            Path out = Files.createDirectories(dir.resolve("out"));
            var options = new AnalysisOptions(true, true, List.of(scripts), AnalysisOptions.UidSource.random(), false,
                    AnalysisOptions.Progress.NONE);
            Analysis.run(in, out, options);
            return new Result(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The logs one run wrote. */
    public record Result(Path dir) {
        public boolean has(String log) {
            return Files.exists(dir.resolve(log + ".log"));
        }

        /** The data rows of {@code <log>.log} as column → value (Zeek's TSV text). */
        public List<Map<String, String>> rows(String log) {
            Path f = dir.resolve(log + ".log");
            if (!Files.exists(f)) return List.of();
            try {
                String[] fields = null;
                var rows = new ArrayList<Map<String, String>>();
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.startsWith("#fields\t")) fields = line.substring(8).split("\t");
                    if (line.startsWith("#")) continue;
                    String[] v = line.split("\t", -1);
                    var row = new LinkedHashMap<String, String>();
                    for (int i = 0; i < fields.length; i++) row.put(fields[i], v[i]);
                    rows.add(row);
                }
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
