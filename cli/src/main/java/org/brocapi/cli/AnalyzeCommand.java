package org.brocapi.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.brocapi.analyzer.Analysis;
import org.brocapi.analyzer.AnalysisOptions;
import org.brocapi.analyzer.AnalysisOptions.UidSource;
import org.brocapi.analyzer.AnalysisSummary;
import org.brocapi.analyzer.CaptureFormatException;
import org.brocapi.analyzer.script.ScriptException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code brocapi analyze PCAP… -o DIR}: the friendly form of {@code brocapi zeek}. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse captures into Zeek logs with the embedded analyzer (zeek's 'local' policy by default).")
public final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PCAP", description = "pcap, pcapng or gzip of either; - for stdin")
    List<String> pcaps;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "where the logs go (one sub-directory per capture when several are given)")
    Path output;

    @Option(names = "--script", paramLabel = "SCRIPT",
            description = "Zeek scripts to load instead of 'local' (repeatable), e.g. base/protocols/conn")
    List<String> scripts = new ArrayList<>();

    @Option(names = {"-b", "--bare"}, description = "bare mode: only the given scripts (zeek -b)")
    boolean bare;

    @Option(names = "--check-checksums", description = "drop packets with bad checksums, as zeek without -C")
    boolean checkChecksums;

    @Option(names = "--json", description = "write JSON logs (LogAscii::use_json=T)")
    boolean json;

    @Option(names = "--reproducible", description = "uids derived from the capture's content (same input, same uids)")
    boolean reproducible;

    @Override
    public Integer call() {
        int failures = 0;
        for (String pcap : pcaps) {
            Path dir = pcaps.size() == 1 ? output : output.resolve(Path.of(pcap).getFileName().toString());
            var uids = reproducible && !pcap.equals("-") ? UidSource.fromContent() : UidSource.random();
            var options = new AnalysisOptions(!checkChecksums, bare, scripts.isEmpty() ? List.of("local") : scripts,
                    uids, json, AnalysisOptions.Progress.NONE);
            try (var bar = ProgressBar.forFile(pcap)) {
                Files.createDirectories(dir);
                AnalysisSummary s = pcap.equals("-")
                        ? Analysis.run(System.in, dir, options.withProgress(bar))
                        : Analysis.run(Path.of(pcap), dir, options.withProgress(bar));
                bar.done();
                for (String w : s.warnings()) System.err.println("brocapi analyze: " + pcap + ": warning: " + w);
                System.err.printf("%s: %,d packets, %s%n", pcap, s.packets(), s.logLines().isEmpty() ? "no logs"
                        : String.join(", ", s.logLines().entrySet().stream()
                        .map(e -> e.getKey() + ".log " + e.getValue()).toList()));
            } catch (ScriptException | CaptureFormatException e) {
                System.err.println("brocapi analyze: " + pcap + ": " + e.getMessage());
                failures++;
            } catch (java.nio.file.NoSuchFileException e) {
                System.err.println("brocapi analyze: " + pcap + ": no such file");
                failures++;
            } catch (IOException e) {
                System.err.println("brocapi analyze: " + pcap + ": " + e.getMessage());
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
