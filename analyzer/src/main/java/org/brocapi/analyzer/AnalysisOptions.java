package org.brocapi.analyzer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How one analysis runs: the Zeek command line's meaning, as a value.
 *
 * @param ignoreChecksums  zeek {@code -C}: analyse packets whose IP/TCP/UDP checksum is wrong
 * @param bare             zeek {@code -b}: only what {@code scripts} loads; otherwise all of base/
 * @param scripts          script arguments in load order ({@code local}, {@code base/protocols/conn},
 *                         or a {@code .zeek} file holding {@code @load}/{@code redef} lines)
 * @param uids             where connection uids come from
 * @param json             {@code LogAscii::use_json=T}: JSON lines instead of TSV
 * @param progress         told how many bytes of the capture have been read; never null
 */
public record AnalysisOptions(boolean ignoreChecksums, boolean bare, List<String> scripts,
                              UidSource uids, boolean json, Progress progress) {

    public AnalysisOptions {
        scripts = List.copyOf(scripts);
        Objects.requireNonNull(uids, "uids");
        Objects.requireNonNull(progress, "progress");
    }

    /** What Brocapi 1.0 ran: {@code bro -C -r PCAP local}. */
    public static AnalysisOptions brocapiDefaults() {
        return new AnalysisOptions(true, false, List.of("local"), UidSource.random(), false, Progress.NONE);
    }

    public AnalysisOptions withUids(UidSource u) {
        return new AnalysisOptions(ignoreChecksums, bare, scripts, u, json, progress);
    }

    public AnalysisOptions withProgress(Progress p) {
        return new AnalysisOptions(ignoreChecksums, bare, scripts, uids, json, p);
    }

    public AnalysisOptions withJson(boolean j) {
        return new AnalysisOptions(ignoreChecksums, bare, scripts, uids, j, progress);
    }

    /** Receives the number of capture bytes consumed so far; called from the analysing thread. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = bytes -> { };

        void bytesRead(long bytes);
    }

    /**
     * The seed of connection uids. Zeek draws them from SipHash-2-4 keyed by its seed file
     * ({@code ZEEK_SEED_FILE}); without one they are random.
     */
    public sealed interface UidSource {
        /** Fresh random uids, as Zeek without a seed file. */
        static UidSource random() { return new Random(); }

        /** Zeek's deterministic uids from a seed file of 21 integers. */
        static UidSource seedFile(Path file) { return new SeedFile(file); }

        /**
         * Reproducible uids for jobs: the SipHash key is derived from the capture's content, so
         * re-running a job on the same pcap gives the same uids.
         */
        static UidSource fromContent() { return new FromContent(); }

        record Random() implements UidSource { }

        record SeedFile(Path file) implements UidSource { }

        record FromContent() implements UidSource { }
    }
}
