package org.brocapi.analyzer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.brocapi.analyzer.conn.Uid;
import org.brocapi.analyzer.pcap.Captures;
import org.brocapi.analyzer.pcap.PacketSource;
import org.brocapi.analyzer.script.ScriptConfig;
import org.brocapi.analyzer.script.ZeekInvocation;

/**
 * The analyzer's façade: one capture in, Zeek logs out.
 *
 * <p>One call analyses one capture on the calling thread and writes {@code <path>.log} files
 * into {@code outDir}, exactly as {@code zeek -r} would write them into its working directory.
 * Calls are independent; run several on several threads to analyse several captures.
 * Warnings (Zeek options that have no effect here, a capture cut short) come back in the summary.
 */
public final class Analysis {
    /** Bytes of the capture's head that seed reproducible uids ({@link AnalysisOptions.UidSource#fromContent()}). */
    private static final int CONTENT_SEED_BYTES = 1 << 20;

    private Analysis() { }

    /** Analyses the capture at {@code pcap} (pcap, pcapng, or a gzip of either). */
    public static AnalysisSummary run(Path pcap, Path outDir, AnalysisOptions options) throws IOException {
        ScriptConfig config = configure(options);
        Uid uids = uids(options.uids(), pcap);
        try (PacketSource source = Captures.open(pcap)) {
            return analyse(source, config, outDir, uids, options);
        }
    }

    /** Analyses a capture read from a stream ({@code zeek -r -}). */
    public static AnalysisSummary run(InputStream in, Path outDir, AnalysisOptions options) throws IOException {
        ScriptConfig config = configure(options);
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
        Uid uids;
        if (options.uids() instanceof AnalysisOptions.UidSource.FromContent) {
            buffered = new BufferedInputStream(buffered, CONTENT_SEED_BYTES + 1);
            buffered.mark(CONTENT_SEED_BYTES + 1);
            byte[] head = buffered.readNBytes(CONTENT_SEED_BYTES);
            buffered.reset();
            uids = Uid.fromDigest(Uid.contentDigest(head, head.length, -1));
        } else {
            uids = uids(options.uids(), null);
        }
        try (PacketSource source = Captures.open(buffered)) {
            return analyse(source, config, outDir, uids, options);
        }
    }

    /** Resolves the scripts and redefs of the options, as zeek would. */
    static ScriptConfig configure(AnalysisOptions options) {
        var args = new ArrayList<String>();
        if (options.bare()) args.add("-b");
        if (options.ignoreChecksums()) args.add("-C");
        args.addAll(options.scripts());
        return new ScriptConfig(ZeekInvocation.parse(List.copyOf(args)));
    }

    private static AnalysisSummary analyse(PacketSource source, ScriptConfig config, Path outDir, Uid uids,
                                           AnalysisOptions options) throws IOException {
        Files.createDirectories(outDir);
        var run = new AnalysisRun(config, outDir, uids, options.json());
        long packets = 0;
        java.util.Map<String, Long> lines;
        try {
            packets = run.run(source, options.progress());
        } finally {
            lines = run.close();
        }
        var warnings = new ArrayList<>(config.warnings());
        if (source.problem() != null) warnings.add("capture ended early: " + source.problem());
        return new AnalysisSummary(packets, source.bytesRead(), lines, warnings);
    }

    private static Uid uids(AnalysisOptions.UidSource source, Path pcap) throws IOException {
        return switch (source) {
            case AnalysisOptions.UidSource.Random r -> Uid.random();
            case AnalysisOptions.UidSource.SeedFile s -> Uid.fromSeedFile(s.file());
            case AnalysisOptions.UidSource.FromContent c -> {
                if (pcap == null) throw new IllegalArgumentException("content-derived uids need the capture");
                byte[] head;
                try (var in = Files.newInputStream(pcap)) {
                    head = in.readNBytes(CONTENT_SEED_BYTES);
                }
                yield Uid.fromDigest(Uid.contentDigest(head, head.length, Files.size(pcap)));
            }
        };
    }
}
