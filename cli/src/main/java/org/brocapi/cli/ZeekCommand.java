package org.brocapi.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.brocapi.analyzer.Analysis;
import org.brocapi.analyzer.AnalysisOptions;
import org.brocapi.analyzer.AnalysisOptions.UidSource;
import org.brocapi.analyzer.AnalysisSummary;
import org.brocapi.analyzer.CaptureFormatException;
import org.brocapi.analyzer.script.ScriptException;
import org.brocapi.analyzer.script.ZeekInvocation;

/**
 * {@code brocapi zeek [-b] [-C] -r FILE|- [SCRIPT | FILE.zeek | NAME=VALUE]…}: a drop-in for the
 * zeek command line, writing Zeek's logs into the working directory with our analyzer.
 * Its arguments are Zeek's, not picocli's, so {@link Main} hands them over untouched.
 */
public final class ZeekCommand {
    /** The Zeek release whose logs we reproduce. */
    static final String ZEEK_VERSION = "8.0.10";

    private ZeekCommand() { }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, Path.of("").toAbsolutePath(), out, err);
    }

    /** As zeek, but writing the logs into {@code logDir} instead of the working directory. */
    static int run(List<String> args, Path logDir, PrintStream out, PrintStream err) {
        ZeekInvocation inv;
        try {
            inv = ZeekInvocation.parse(args);
        } catch (ScriptException e) {
            err.println("brocapi zeek: error: " + e.getMessage());
            return 1;
        }
        if (inv.version()) {
            out.println("zeek version " + ZEEK_VERSION + " (brocapi analyzer " + Versions.brocapi() + ")");
            return 0;
        }
        if (inv.readFile() == null) {
            err.println("brocapi zeek: error: no input: give -r FILE (or -r - for standard input)");
            return 1;
        }
        String seed = System.getenv("ZEEK_SEED_FILE");
        UidSource uids = seed != null && !seed.isEmpty() ? UidSource.seedFile(Path.of(seed)) : UidSource.random();
        var options = new AnalysisOptions(inv.ignoreChecksums(), inv.bare(), inv.scriptArgs(), uids, false,
                AnalysisOptions.Progress.NONE);
        try {
            AnalysisSummary summary = inv.readFile().equals("-") ? Analysis.run(System.in, logDir, options)
                    : Analysis.run(Path.of(inv.readFile()), logDir, options);
            for (String w : summary.warnings()) err.println("brocapi zeek: warning: " + w);
            return 0;
        } catch (ScriptException | CaptureFormatException e) {
            err.println("brocapi zeek: error: " + e.getMessage());
            return 1;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("brocapi zeek: error: " + inv.readFile() + ": no such file");
            return 1;
        } catch (IOException e) {
            err.println("brocapi zeek: error: " + inv.readFile() + ": " + e.getMessage());
            return 1;
        }
    }
}
