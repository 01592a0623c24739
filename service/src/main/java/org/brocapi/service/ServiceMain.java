package org.brocapi.service;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.brocapi.service.api.JobRoutes;
import org.brocapi.service.config.ConfigException;
import org.brocapi.service.config.ServiceConfig;
import org.brocapi.service.config.ServiceLogging;
import org.brocapi.service.delivery.DeliveryStep;
import org.brocapi.service.queue.JobQueue;
import org.brocapi.service.queue.ProcessLock;
import org.brocapi.service.queue.QueueException;
import org.brocapi.service.queue.RedisJobQueue;
import org.brocapi.service.queue.RedisSettings;
import org.brocapi.service.queue.SqliteJobQueue;
import org.brocapi.service.worker.EmbeddedEngine;
import org.brocapi.service.worker.Engine;
import org.brocapi.service.worker.JobStep;
import org.brocapi.service.worker.Worker;
import org.brocapi.service.worker.WorkerPool;
import org.brocapi.service.worker.ZeekEngine;

/**
 * Wiring only: config → queue → workers → routes → server. {@code serve} runs the API with workers
 * (or without, {@code --no-workers}); {@code worker} runs workers only, on the same data directory.
 */
public final class ServiceMain implements AutoCloseable {
    private final JobQueue queue;
    private final WorkerPool pool;
    private final Javalin http;
    private final ProcessLock apiLock;

    private ServiceMain(JobQueue queue, WorkerPool pool, Javalin http, ProcessLock apiLock) {
        this.queue = queue;
        this.pool = pool;
        this.http = http;
        this.apiLock = apiLock;
    }

    /**
     * The post-analysis steps of every job, in order: the {@link DeliveryStep} (job state
     * {@code delivering}) when delivery is configured ({@link ServiceConfig#deliveryEnabled}: a
     * receiver or an {@code export_dir} in {@code [syslog]}), else none.
     */
    public static List<JobStep> steps(ServiceConfig config) {
        return config.deliveryEnabled() ? List.of(new DeliveryStep(config.syslog())) : List.of();
    }

    /** Starts what {@code api}/{@code workers} ask for; {@code steps} run after each job's analysis. */
    public static ServiceMain start(ServiceConfig config, boolean api, boolean workers, List<JobStep> steps)
            throws IOException {
        ServiceLogging.configure(config);
        JobQueue queue = openQueue(config);
        Engine engine = config.engine().equals("zeek") ? new ZeekEngine(config.zeekBin()) : new EmbeddedEngine();
        WorkerPool pool = workers
                ? new WorkerPool(queue, new Worker(queue, engine, config, steps), config.workers()).start()
                : null;
        Javalin http = null;
        ProcessLock apiLock = null;
        if (api) {
            Path instances = config.stateDir().resolve("instances");
            JobRoutes.sweepIncoming(config.processingDir(), instances);
            apiLock = ProcessLock.acquire(instances);
            JobRoutes routes = new JobRoutes(config, queue, pool == null ? () -> { } : pool::wake,
                    engine.name(), pool == null ? 0 : pool.size(), apiLock.id());
            http = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.concurrency.useVirtualThreads = true;
                routes.register(cfg);
            }).start(config.listenHost(), config.listenPort());
        }
        return new ServiceMain(queue, pool, http, apiLock);
    }

    /** The configured backend: embedded SQLite on the data directory, or Redis shared by many hosts. */
    static JobQueue openQueue(ServiceConfig config) {
        if (!"redis".equals(config.queue())) {
            return SqliteJobQueue.open(config.stateDir());
        }
        try {
            return RedisJobQueue.open(RedisSettings.from(config.raw()));
        } catch (ConfigException e) {
            throw new IllegalStateException("[queue] was validated with the config: " + e.problems(), e);
        }
    }

    /** The bound HTTP port (useful with port 0). */
    public int port() {
        return http.port();
    }

    /** Blocks until the process is told to stop. */
    public void awaitShutdown() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop();
        }
        if (pool != null) {
            pool.close();
        }
        queue.close();
        if (apiLock != null) {
            apiLock.close();
        }
    }

    /**
     * {@code ServiceMain [--config FILE] [--listen HOST:PORT] [--no-workers] [--workers-only]}: the
     * same as {@code brocapi serve}, without the CLI module (tests start it as a separate JVM).
     * Prints {@code listening on http://HOST:PORT} once the port is bound.
     */
    public static void main(String[] args) throws Exception {
        Path configFile = null;
        Map<String, String> overrides = new HashMap<>();
        boolean api = true;
        boolean workers = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> configFile = Path.of(args[++i]);
                case "--listen" -> overrides.put("main.listen", args[++i]);
                case "--no-workers" -> workers = false;
                case "--workers-only" -> api = false;
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        ServiceConfig config;
        try {
            config = ServiceConfig.load(configFile, System.getenv(), overrides);
        } catch (ConfigException e) {
            e.problems().forEach(p -> System.err.println("brocapi: " + p));
            System.exit(2);
            return;
        }
        ServiceMain service;
        try {
            service = start(config, api, workers, steps(config));
        } catch (QueueException e) {
            System.err.println("brocapi: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (api) {
            System.out.println("listening on http://" + config.listenHost() + ":" + service.port());
            System.out.flush();
        }
        service.awaitShutdown();
    }
}
