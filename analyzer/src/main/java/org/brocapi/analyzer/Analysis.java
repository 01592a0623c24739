package org.brocapi.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The analyzer's façade: one capture in, Zeek logs out.
 *
 * <p>One call analyses one capture on the calling thread and writes {@code <path>.log} files
 * into {@code outDir}, exactly as {@code zeek -r} would write them into its working directory.
 * Calls are independent; run several on several threads to analyse several captures.
 */
public final class Analysis {
    private Analysis() { }

    /** Analyses the capture at {@code pcap} (pcap, pcapng, or a gzip of either). */
    public static AnalysisSummary run(Path pcap, Path outDir, AnalysisOptions options) throws IOException {
        throw new UnsupportedOperationException("pipeline under construction");
    }

    /** Analyses a capture read from a stream ({@code zeek -r -}). */
    public static AnalysisSummary run(InputStream in, Path outDir, AnalysisOptions options) throws IOException {
        throw new UnsupportedOperationException("pipeline under construction");
    }
}
