package org.brocapi.service.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongConsumer;
import org.brocapi.analyzer.Analysis;
import org.brocapi.analyzer.AnalysisOptions;
import org.brocapi.analyzer.AnalysisSummary;
import org.brocapi.analyzer.CaptureFormatException;

/**
 * Our own analyzer, run on the worker's thread: what 1.0 ran ({@code bro -C -r PCAP local}) with
 * uids derived from the capture's content, so a crash re-run writes the same logs.
 */
public final class EmbeddedEngine implements Engine {

    /** Thrown from the progress callback to stop an analysis past its deadline. */
    private static final class DeadlinePassed extends RuntimeException {
        DeadlinePassed() {
            super(null, null, false, false);
        }
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public Result analyze(Path pcap, Path outDir, Instant deadline, LongConsumer progress)
            throws EngineException, IOException {
        AnalysisOptions options = AnalysisOptions.brocapiDefaults()
                .withUids(AnalysisOptions.UidSource.fromContent())
                .withProgress(bytes -> {
                    if (Instant.now().isAfter(deadline)) {
                        throw new DeadlinePassed();
                    }
                    progress.accept(bytes);
                });
        try {
            AnalysisSummary s = Analysis.run(pcap, outDir, options);
            return new Result(s.packets(), s.bytes());
        } catch (DeadlinePassed e) {
            throw new EngineException("job timeout reached", null);
        } catch (CaptureFormatException e) {
            throw new EngineException("cannot read capture: " + e.getMessage(), null);
        } catch (UnsupportedOperationException e) {
            throw new EngineException("embedded analyzer unavailable: " + e.getMessage(), null);
        }
    }
}
