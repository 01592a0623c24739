package org.brocapi.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.brocapi.analyzer.AnalysisOptions;

/** A one-line progress bar on standard error, drawn only when a terminal is attached. */
final class ProgressBar implements AnalysisOptions.Progress, AutoCloseable {
    private final long total;
    private final boolean draw;
    private final long started = System.nanoTime();
    private long lastDraw;

    private ProgressBar(long total, boolean draw) {
        this.total = total;
        this.draw = draw;
    }

    /** A bar for {@code total} bytes (an upload, a job's pcaps). */
    static ProgressBar of(long total) {
        return new ProgressBar(total, System.console() != null && total > 0);
    }

    static ProgressBar forFile(String pcap) {
        long total = 0;
        try {
            if (!pcap.equals("-")) total = Files.size(Path.of(pcap));
        } catch (Exception e) {
            total = 0;
        }
        return new ProgressBar(total, System.console() != null && total > 0);
    }

    @Override
    public void bytesRead(long bytes) {
        if (!draw) return;
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L) return; // at most 10 redraws a second
        lastDraw = now;
        // gzip input reports uncompressed bytes: cap at 100 %
        double f = Math.min(1.0, bytes / (double) total);
        int width = 30, filled = (int) (f * width);
        double secs = (now - started) / 1e9;
        System.err.printf("\r[%s%s] %3d%%  %.0f MB/s", "#".repeat(filled), " ".repeat(width - filled),
                (int) (f * 100), secs > 0 ? bytes / 1e6 / secs : 0);
    }

    void done() {
        if (draw) System.err.print("\r" + " ".repeat(50) + "\r");
    }

    @Override
    public void close() {
    }
}
