package org.brocapi.service.delivery;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.brocapi.service.syslog.SyslogDestination;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code GET /jobs/{id}} shows of a job's delivery, kept in {@code <job>/logs/syslog/delivery.json}
 * so that the API (possibly another process) can read it while the worker delivers and after:
 *
 * <pre>
 * {"destinations": [{"name": "tcp-10.1.2.3-514", "state": "retrying", "delivered": 1024, "total": 5120,
 *   "truncated": 0, "attempts": 3, "reason": "tcp://10.1.2.3:514: Connection refused", "updated": "…"}],
 *  "exported_to": null, "export_error": null}
 * </pre>
 *
 * States per destination: {@code pending → delivering ⇄ retrying → delivered | delivery_failed |
 * interrupted}. The file is rewritten whole (temp file + rename) on each listener event, which
 * {@link DestinationDelivery} already limits to one per persisted checkpoint (at most every 100 ms).
 * It is informational: the {@code .progress} files are what delivery resumes from, so a failed write
 * here is logged and otherwise ignored.
 */
public final class DeliveryState implements DeliveryListener {
    static final String FILE = "delivery.json";
    private static final System.Logger LOG = System.getLogger("org.brocapi.service.delivery");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private final Path file;
    private final Map<String, Map<String, Object>> destinations = new LinkedHashMap<>();
    private String exportedTo;
    private String exportError;

    /** Starts with every destination {@code pending} and writes that state. */
    public DeliveryState(Path stateDir, List<SyslogDestination> dests) {
        this.file = stateDir.resolve(FILE);
        for (SyslogDestination d : dests) {
            Map<String, Object> m = entry(d.name());
            m.put("state", "pending");
        }
        save();
    }

    /** The last state written for a job, or null when it was never delivered. */
    public static Map<String, Object> read(Path stateDir) {
        try {
            return JSON.readValue(Files.readAllBytes(stateDir.resolve(FILE)), MAP);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return Map.of("error", "cannot read " + FILE + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void onStart(String destination, long delivered, long total) {
        Map<String, Object> m = entry(destination);
        m.put("state", "delivering");
        m.put("delivered", delivered);
        m.put("total", total);
        m.remove("reason");
        save();
    }

    @Override
    public synchronized void onProgress(String destination, long delivered, long total) {
        Map<String, Object> m = entry(destination);
        m.put("state", "delivering");
        m.put("delivered", delivered);
        m.put("total", total);
        save();
    }

    @Override
    public synchronized void onRetry(String destination, int attempt, Duration delay, String reason) {
        Map<String, Object> m = entry(destination);
        m.put("state", "retrying");
        m.put("attempts", attempt);
        m.put("reason", reason);
        m.put("next_attempt_ms", delay.toMillis());
        save();
    }

    @Override
    public synchronized void onDone(DestinationReport report) {
        Map<String, Object> m = entry(report.destination());
        m.put("state", report.status().wireName());
        m.put("delivered", report.delivered());
        m.put("total", report.total());
        m.put("truncated", report.truncated());
        m.put("attempts", report.attempts());
        m.put("reason", report.reason());
        m.remove("next_attempt_ms");
        save();
    }

    /** Records the export outcome once {@link LogDelivery#deliver} has returned. */
    public synchronized void finish(DeliveryReport report) {
        exportedTo = report.exportedTo() == null ? null : report.exportedTo().toString();
        exportError = report.exportError();
        save();
    }

    private Map<String, Object> entry(String destination) {
        return destinations.computeIfAbsent(destination, k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", k);
            m.put("state", "pending");
            m.put("delivered", 0L);
            m.put("total", null);
            m.put("truncated", 0L);
            m.put("attempts", 0);
            m.put("reason", null);
            return m;
        });
    }

    private void save() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> d : destinations.values()) {
            Map<String, Object> copy = new LinkedHashMap<>(d);
            copy.put("updated", Instant.now().toString());
            list.add(copy);
        }
        out.put("destinations", list);
        out.put("exported_to", exportedTo);
        out.put("export_error", exportError);
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(tmp, JSON.writeValueAsBytes(out));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // e.g. ClosedByInterruptException at shutdown: the status shown may lag, progress files do not
            LOG.log(Level.DEBUG, "cannot write " + file + ": " + e);
        }
    }
}
