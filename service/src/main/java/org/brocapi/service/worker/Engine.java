package org.brocapi.service.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongConsumer;

/**
 * Turns one pcap into Zeek logs in a directory of its own. Implementations: {@link EmbeddedEngine}
 * (our analyzer, in-process, the default) and {@link ZeekEngine} (an external zeek/bro binary).
 */
public interface Engine {
    /** {@code embedded} or {@code zeek}, as configured by {@code [bro] engine}. */
    String name();

    /**
     * Analyses {@code pcap} (pcap, pcapng or a gzip of one) writing {@code *.log} into the empty
     * directory {@code outDir}; gives up at {@code deadline}. {@code progress} receives capture
     * bytes read so far.
     */
    Result analyze(Path pcap, Path outDir, Instant deadline, LongConsumer progress)
            throws EngineException, IOException, InterruptedException;

    /** @param packets null when the engine does not report it */
    record Result(Long packets, long bytes) { }
}
