package org.brocapi.analyzer.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.brocapi.analyzer.Analysis;
import org.brocapi.analyzer.AnalysisOptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own small captures of real traffic ({@code src/test/resources/golden/<case>/trace.*}, made
 * by {@code make-traces.sh}) analysed as a Brocapi job analyses them ({@code local}, {@code -C},
 * uids from the capture's content), compared with the logs kept beside each trace: the same set of
 * logs, byte for byte except the {@code #open}/{@code #close} dates. The kept logs were checked by
 * hand against Zeek's rules (see the folder's README.md); they guard the cases the conformance
 * corpus lacks. {@code -Dgolden.update=true} rewrites them from the current output — then review
 * the diff before committing.
 */
class GoldenLogTest {
    private static final Path ROOT = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyCaseWritesItsKeptLogs() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(ROOT)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).as("golden cases under " + ROOT.toAbsolutePath()).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private void check(Path caseDir) throws IOException {
        Path trace;
        try (Stream<Path> s = Files.list(caseDir)) {
            trace = s.filter(p -> p.getFileName().toString().startsWith("trace.")).findFirst().orElseThrow();
        }
        Path out = Files.createDirectories(tmp.resolve(caseDir.getFileName().toString()));
        Analysis.run(trace, out, AnalysisOptions.brocapiDefaults().withUids(AnalysisOptions.UidSource.fromContent()));
        var got = logNames(out);
        if (UPDATE) {
            for (String name : logNames(caseDir)) Files.delete(caseDir.resolve(name));
            for (String name : got) Files.writeString(caseDir.resolve(name), comparable(out.resolve(name)));
            return;
        }
        assertThat(got).as("logs written for " + caseDir.getFileName()).isEqualTo(logNames(caseDir));
        for (String name : got) {
            assertThat(comparable(out.resolve(name))).as(caseDir.getFileName() + "/" + name)
                    .isEqualTo(Files.readString(caseDir.resolve(name), StandardCharsets.UTF_8));
        }
    }

    private static TreeSet<String> logNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The log without its {@code #open}/{@code #close} lines, which carry the time of the run. */
    private static String comparable(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#open\t") && !l.startsWith("#close\t"))
                .map(l -> l + "\n").collect(Collectors.joining());
    }
}
