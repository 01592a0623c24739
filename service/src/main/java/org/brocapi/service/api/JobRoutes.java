package org.brocapi.service.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.brocapi.service.config.ServiceConfig;
import org.brocapi.service.delivery.DeliveryState;
import org.brocapi.service.delivery.DeliveryStep;
import org.brocapi.service.job.Job;
import org.brocapi.service.job.JobDirectory;
import org.brocapi.service.job.JobState;
import org.brocapi.service.job.UploadedPcap;
import org.brocapi.service.queue.JobQueue;
import org.brocapi.service.queue.ProcessLock;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Every HTTP route, defined once; {@code ServiceMain} and the tests register them the same way.
 * Bodies are JSON ({@code application/json}) unless a file is served; errors as in {@link ApiError}.
 *
 * <pre>
 * # submit pcaps (1.0 contract; field file[] or file, repeated; optional tag)
 * curl -F 'file[]=@a.pcap' -F 'file[]=@b.pcapng' -F tag=sensor1 http://127.0.0.1:8080/submit/pcap
 *   → 200 {"status": "job queued", "files": ["a.pcap", "b.pcapng"], "tag": "sensor1", "job_id": "…", "success": true}
 * # list jobs, newest first (filters: tag, state; paging: limit ≤ 1000, offset)
 * curl 'http://127.0.0.1:8080/jobs?tag=sensor1&amp;state=done&amp;limit=20&amp;offset=0'
 * # one job: state, progress, per-pcap results, delivery per destination (lines delivered/total,
 * # retries, reason), error and engine stderr tail
 * curl http://127.0.0.1:8080/jobs/JOB_ID
 * # deliver a done or delivery_failed job's logs again: each destination resumes where it stopped
 * # (lines already delivered are not re-sent); ?from=start sends every line again;
 * # 409 while the job is queued/running/delivering or has no logs
 * curl -X POST http://127.0.0.1:8080/jobs/JOB_ID/deliver
 *   → 202 {"status": "delivery queued", "job_id": "…", "success": true}
 * curl -X POST 'http://127.0.0.1:8080/jobs/JOB_ID/deliver?from=start'
 * # the job's logs with sizes and line counts
 * curl http://127.0.0.1:8080/jobs/JOB_ID/logs
 * # one log, streamed
 * curl http://127.0.0.1:8080/jobs/JOB_ID/logs/conn.log
 * # all logs as one zip
 * curl -o logs.zip http://127.0.0.1:8080/jobs/JOB_ID/logs.zip
 * # an uploaded pcap, by its stored name (see "pcaps" in the job)
 * curl -o a.pcap http://127.0.0.1:8080/jobs/JOB_ID/pcaps/STORED_NAME
 * # delete a job that is not running (its row and its directory)
 * curl -X DELETE http://127.0.0.1:8080/jobs/JOB_ID
 * # liveness and queue counts
 * curl http://127.0.0.1:8080/health
 * </pre>
 */
public final class JobRoutes {
    static final System.Logger LOG = System.getLogger("org.brocapi.service.api");
    public static final int OK_200 = 200;
    public static final int ACCEPTED_202 = 202;
    public static final int NOT_FOUND_404 = 404;
    public static final int CONFLICT_409 = 409;
    public static final int PAYLOAD_TOO_LARGE_413 = 413;
    public static final int INTERNAL_ERROR_500 = 500;

    private final ServiceConfig config;
    private final JobQueue queue;
    private final Runnable onSubmit;
    private final String engine;
    private final int workers;
    private final String instance;

    /**
     * @param onSubmit  told after each accepted job (wakes local workers)
     * @param instance  this process's {@link ProcessLock} id: uploads in progress are staged under it
     */
    public JobRoutes(ServiceConfig config, JobQueue queue, Runnable onSubmit, String engine, int workers, String instance) {
        this.config = config;
        this.queue = queue;
        this.onSubmit = onSubmit;
        this.engine = engine;
        this.workers = workers;
        this.instance = instance;
    }

    public void register(JavalinConfig cfg) {
        cfg.jetty.modifyServer(server -> server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                // Jetty reads a request body 8 KiB per read() by default; 64 KiB (the largest
                // buffer its pool keeps) makes an eighth of the calls and chunks for an upload
                for (Connector c : server.getConnectors()) {
                    HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
                    if (http != null) {
                        http.setInputBufferSize(PcapUpload.NETWORK_READ);
                    }
                }
            }
        }));
        cfg.routes.post("/submit/pcap", this::submit);
        cfg.routes.get("/jobs", this::list);
        cfg.routes.get("/jobs/{id}", this::show);
        cfg.routes.post("/jobs/{id}/deliver", this::deliver);
        cfg.routes.get("/jobs/{id}/logs", this::logs);
        cfg.routes.get("/jobs/{id}/logs.zip", this::zip);
        cfg.routes.get("/jobs/{id}/logs/{name}", this::log);
        cfg.routes.get("/jobs/{id}/pcaps/{name}", this::pcap);
        cfg.routes.delete("/jobs/{id}", this::delete);
        cfg.routes.get("/health", this::health);
        cfg.routes.exception(ApiError.class, (e, ctx) -> json(ctx, e.httpStatus(), e.body()));
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            LOG.log(Level.ERROR, ctx.method() + " " + ctx.path() + " failed", e);
            json(ctx, INTERNAL_ERROR_500, ApiError.of(INTERNAL_ERROR_500, "internal", "internal error: " + e.getMessage()).body());
        });
        cfg.routes.error(NOT_FOUND_404, ctx -> {
            if (!String.valueOf(ctx.res().getContentType()).startsWith("application/json")) {
                json(ctx, NOT_FOUND_404, ApiError.of(NOT_FOUND_404, "no_route", "no route " + ctx.method() + " " + ctx.path()).body());
            }
        });
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(JsonText.of(body));
    }

    // ---- POST /submit/pcap

    private void submit(Context ctx) throws IOException {
        String jobId = UUID.randomUUID().toString();
        String contentType = ctx.req().getContentType();
        String boundary = contentType == null ? null : MultiPart.extractBoundary(contentType);
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data") || boundary == null) {
            throw noPcaps(null, jobId);
        }
        long length = ctx.req().getContentLengthLong();
        if (length > config.maxUploadBytes()) {
            // before reading a byte: a client sending "Expect: 100-continue" uploads nothing
            throw ApiError.submit(PAYLOAD_TOO_LARGE_413, "too_large",
                    "upload larger than the limit of " + config.maxUploadBytes() + " bytes", null, jobId);
        }
        Path staging = JobDirectory.incoming(config.processingDir()).resolve(instance + "." + jobId);
        JobDirectory dir;
        try {
            dir = JobDirectory.create(staging);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot create " + staging, e);
            throw ApiError.submit(INTERNAL_ERROR_500, null, "error creating job dirs", null, jobId);
        }
        boolean accepted = false;
        try {
            PcapUpload upload = new PcapUpload(dir.pcaps(), config.maxUploadBytes(), config.maxFiles());
            try (InputStream in = ctx.req().getInputStream()) {
                upload.read(in, boundary);
            } catch (ApiError e) {
                throw ApiError.submit(e.httpStatus(), e.code(), e.getMessage(), upload.tag, jobId);
            }
            if (upload.files.isEmpty()) {
                throw noPcaps(upload.tag, jobId);
            }
            Path target = config.processingDir().resolve(jobId);
            fsyncDir(dir.pcaps());
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            fsyncDir(config.processingDir());
            Job job = Job.queued(jobId, upload.tag, upload.files, Instant.now());
            try {
                queue.submit(job);
            } catch (RuntimeException e) {
                JobDirectory.deleteTree(target);
                throw e;
            }
            accepted = true;
            LOG.log(Level.INFO, "job {0} queued: {1} file(s), tag {2}", jobId, upload.files.size(), upload.tag);
            onSubmit.run();
            json(ctx, OK_200, JobJson.queued(job));
        } finally {
            if (!accepted) {
                JobDirectory.deleteTree(staging);
            }
        }
    }

    private ApiError noPcaps(String tag, String jobId) {
        return ApiError.submit(config.noPcapsStatus(), null, "no pcaps supplied", tag, jobId);
    }

    private static void fsyncDir(Path dir) throws IOException {
        // renames (part → hash name, staging → job dir) must be on disk before the queue row that points at them
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Removes uploads left half-way by processes that died (their lock is free). */
    public static void sweepIncoming(Path processingDir, Path instances) throws IOException {
        Path incoming = Files.createDirectories(JobDirectory.incoming(processingDir));
        try (Stream<Path> s = Files.list(incoming)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                int dot = name.indexOf('.');
                if (dot > 0 && ProcessLock.dead(instances, name.substring(0, dot))) {
                    JobDirectory.deleteTree(p);
                }
            }
        }
    }

    // ---- job queries

    private void list(Context ctx) {
        String stateParam = ctx.queryParam("state");
        JobState state = null;
        if (stateParam != null && !stateParam.isEmpty()) {
            try {
                state = JobState.ofWire(stateParam);
            } catch (IllegalArgumentException e) {
                throw ApiError.of(400, "bad_request", e.getMessage());
            }
        }
        int limit = intParam(ctx, "limit", 50, 1, 1000);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        String tag = ctx.queryParam("tag");
        JobQueue.Page page = queue.list(tag == null || tag.isEmpty() ? null : tag, state, limit, offset);
        json(ctx, OK_200, JobJson.page(page.jobs(), page.total(), limit, offset));
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiError.of(400, "bad_request", name + " must be a whole number from " + min + " to " + max);
    }

    private Job job(Context ctx) {
        String id = ctx.pathParam("id");
        if (!JobDirectory.validId(id)) {
            throw ApiError.of(NOT_FOUND_404, "not_found", "no job " + id);
        }
        return queue.find(id).orElseThrow(() -> ApiError.of(NOT_FOUND_404, "not_found", "no job " + id));
    }

    private void show(Context ctx) {
        Job job = job(ctx);
        json(ctx, OK_200, JobJson.job(job, DeliveryState.read(JobDirectory.of(config.processingDir(), job.id()).syslog())));
    }

    // ---- POST /jobs/{id}/deliver

    private void deliver(Context ctx) throws IOException {
        Job job = job(ctx);
        if (!config.deliveryEnabled()) {
            throw ApiError.of(CONFLICT_409, "delivery_off",
                    "delivery is not configured: set [syslog] syslog_host, destinations or export_dir");
        }
        if (!job.state().terminal()) {
            throw ApiError.of(CONFLICT_409, "job_active", "job " + job.id() + " is " + job.state().wireName()
                    + "; deliver it again once it has ended");
        }
        // the worker writes this record once logs/bro is complete; a failed analysis has none
        if (job.state() == JobState.FAILED
                || !Files.isRegularFile(JobDirectory.of(config.processingDir(), job.id()).analysis())) {
            throw ApiError.of(CONFLICT_409, "no_logs", "job " + job.id() + " has no complete logs to deliver ("
                    + job.state().wireName() + ")");
        }
        String from = ctx.queryParam("from");
        if (from != null && !from.equals("start")) {
            throw ApiError.of(400, "bad_request", "from must be 'start' (or left out to resume)");
        }
        // the request file is written before the job is queued, so the worker that claims it sees it
        Path fromStart = from == null ? null : DeliveryStep.fromStartRequest(JobDirectory.of(config.processingDir(), job.id()));
        if (fromStart != null) {
            Files.createDirectories(fromStart.getParent());
            Files.writeString(fromStart, "POST /jobs/" + job.id() + "/deliver?from=start\n");
        }
        if (!queue.requeue(job.id())) {
            if (fromStart != null) {
                Files.deleteIfExists(fromStart);
            }
            throw ApiError.of(CONFLICT_409, "job_active", "job " + job.id() + " was picked up meanwhile; try again when it has ended");
        }
        LOG.log(Level.INFO, "job {0}: queued for delivery again{1}", job.id(), from == null ? "" : ", from the start");
        onSubmit.run();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "delivery queued");
        body.put("job_id", job.id());
        body.put("success", true);
        json(ctx, ACCEPTED_202, body);
    }

    /** Also while a job queued again for delivery waits or runs: its logs are kept, not re-made. */
    private boolean logsComplete(Job job) {
        return (job.state() != JobState.QUEUED && job.state() != JobState.RUNNING)
                || Files.isRegularFile(JobDirectory.of(config.processingDir(), job.id()).analysis());
    }

    private Job jobWithLogs(Context ctx) {
        Job job = job(ctx);
        if (!logsComplete(job)) {
            throw ApiError.of(CONFLICT_409, "not_ready", "job " + job.id() + " is " + job.state().wireName()
                    + "; its logs are complete once the analysis is done");
        }
        return job;
    }

    private List<Path> logFiles(Job job) throws IOException {
        Path bro = JobDirectory.of(config.processingDir(), job.id()).bro();
        if (!Files.isDirectory(bro)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(bro)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private void logs(Context ctx) throws IOException {
        Job job = job(ctx);
        Map<String, Long> lines = job.logLines();
        List<Map<String, Object>> logs = new java.util.ArrayList<>();
        if (logsComplete(job)) {
            for (Path p : logFiles(job)) {
                Map<String, Object> m = new LinkedHashMap<>();
                String name = p.getFileName().toString();
                m.put("name", name);
                m.put("bytes", Files.size(p));
                m.put("lines", lines.getOrDefault(name, 0L));
                logs.add(m);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", job.id());
        body.put("state", job.state().wireName());
        body.put("logs", logs);
        json(ctx, OK_200, body);
    }

    private void log(Context ctx) throws IOException {
        Job job = jobWithLogs(ctx);
        Path bro = JobDirectory.of(config.processingDir(), job.id()).bro();
        Path file = JobDirectory.child(bro, ctx.pathParam("name"));
        if (file == null || !Files.isRegularFile(file)) {
            throw ApiError.of(NOT_FOUND_404, "not_found", "job " + job.id() + " has no log " + ctx.pathParam("name"));
        }
        sendFile(ctx, file, "text/plain; charset=utf-8", null);
    }

    private void zip(Context ctx) throws IOException {
        Job job = jobWithLogs(ctx);
        List<Path> files = logFiles(job);
        ctx.status(OK_200).contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + job.id() + "-logs.zip\"");
        try (ZipOutputStream zip = new ZipOutputStream(ctx.outputStream())) {
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(job.id() + "/" + f.getFileName()));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }

    private void pcap(Context ctx) throws IOException {
        Job job = job(ctx);
        String name = ctx.pathParam("name");
        UploadedPcap pcap = job.pcaps().stream().filter(p -> p.stored().equals(name)).findFirst()
                .orElseThrow(() -> ApiError.of(NOT_FOUND_404, "not_found", "job " + job.id() + " has no pcap " + name));
        Path file = JobDirectory.of(config.processingDir(), job.id()).pcaps().resolve(pcap.stored());
        sendFile(ctx, file, "application/octet-stream", pcap.name());
    }

    private static void sendFile(Context ctx, Path file, String type, String downloadName) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw ApiError.of(NOT_FOUND_404, "not_found", "file is gone: " + file.getFileName());
        }
        ctx.status(OK_200).contentType(type).header("Content-Length", Long.toString(Files.size(file)));
        if (downloadName != null) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + downloadName.replace("\"", "") + "\"");
        }
        try (in; OutputStream out = ctx.outputStream()) {
            in.transferTo(out);
        }
    }

    private void delete(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        if (!JobDirectory.validId(id)) {
            throw ApiError.of(NOT_FOUND_404, "not_found", "no job " + id);
        }
        switch (queue.delete(id)) {
            case NOT_FOUND -> throw ApiError.of(NOT_FOUND_404, "not_found", "no job " + id);
            case ACTIVE -> throw ApiError.of(CONFLICT_409, "job_active", "job " + id + " is being processed; delete it when it has ended");
            case DELETED -> {
                JobDirectory.deleteTree(JobDirectory.of(config.processingDir(), id).root());
                LOG.log(Level.INFO, "job {0} deleted", id);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", "job deleted");
                body.put("job_id", id);
                body.put("success", true);
                json(ctx, OK_200, body);
            }
        }
    }

    private void health(Context ctx) {
        Map<String, Object> jobs = new LinkedHashMap<>();
        queue.counts().forEach((s, n) -> jobs.put(s.wireName(), n));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("success", true);
        body.put("engine", engine);
        body.put("workers", workers);
        body.put("jobs", jobs);
        body.put("queue", config.queue());
        // worker processes the shared queue has heard from lately (Redis); the job JSON's "worker" names one
        body.put("worker_processes", queue.workers().stream().map(w -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", w.id());
            m.put("host", w.host());
            m.put("pid", w.pid());
            m.put("started", w.started().toString());
            m.put("last_seen", w.lastSeen().toString());
            m.put("jobs", w.jobs());
            return m;
        }).toList());
        json(ctx, OK_200, body);
    }
}
