package org.brocapi.service.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * An external Zeek (or Bro) binary, run as 1.0 ran it: {@code <bin> -C -r <pcap> local} with the
 * output directory as working directory. stdout and stderr go to files beside it; the last
 * {@value #TAIL} bytes of stderr are reported when it fails. A gzipped pcap is inflated first
 * (Zeek reads only plain pcap/pcapng).
 */
public final class ZeekEngine implements Engine {
    static final int TAIL = 4096;

    private final Path binary;

    public ZeekEngine(Path binary) {
        this.binary = binary;
    }

    @Override
    public String name() {
        return "zeek";
    }

    @Override
    public Result analyze(Path pcap, Path outDir, Instant deadline, LongConsumer progress)
            throws EngineException, IOException, InterruptedException {
        Path input = pcap;
        Path inflated = null;
        if (pcap.getFileName().toString().endsWith(".gz")) {
            inflated = outDir.resolveSibling(outDir.getFileName() + ".pcap");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(pcap), 1 << 16)) {
                Files.copy(in, inflated, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new EngineException("cannot inflate " + pcap.getFileName() + ": " + e.getMessage(), null);
            }
            input = inflated;
        }
        Path stderr = outDir.resolveSibling(outDir.getFileName() + ".stderr");
        Path stdout = outDir.resolveSibling(outDir.getFileName() + ".stdout");
        Process p = new ProcessBuilder(binary.toString(), "-C", "-r", input.toAbsolutePath().toString(), "local")
                .directory(outDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            long waitMs = Duration.between(Instant.now(), deadline).toMillis();
            if (!p.waitFor(Math.max(waitMs, 0), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new EngineException("job timeout reached while zeek analysed " + pcap.getFileName(), tail(stderr));
            }
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        } finally {
            if (inflated != null) {
                Files.deleteIfExists(inflated);
            }
        }
        if (p.exitValue() != 0) {
            throw new EngineException(binary.getFileName() + " exited with status " + p.exitValue()
                    + " on " + pcap.getFileName(), tail(stderr));
        }
        long size = Files.size(pcap);
        progress.accept(size);
        return new Result(null, size);
    }

    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            if (len == 0) {
                return null;
            }
            byte[] b = new byte[(int) Math.min(len, TAIL)];
            f.seek(len - b.length);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
