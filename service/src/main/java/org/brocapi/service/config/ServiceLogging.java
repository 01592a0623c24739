package org.brocapi.service.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends the API's and the workers' {@link System.Logger} output (java.util.logging underneath) to
 * {@code api_log} and {@code worker_log}, as 1.0 did; to stderr when a path is not configured.
 * {@code debug = on} lowers the level to FINE.
 */
public final class ServiceLogging {
    private static final String FORMAT = "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n";

    private ServiceLogging() { }

    public static void configure(ServiceConfig config) throws IOException {
        System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
        Level level = config.debug() ? Level.FINE : Level.INFO;
        Logger jetty = Logger.getLogger("org.eclipse.jetty");
        jetty.setLevel(config.debug() ? Level.INFO : Level.WARNING);
        CONFIGURED.add(jetty);
        Logger javalin = Logger.getLogger("io.javalin");
        javalin.setLevel(config.debug() ? Level.INFO : Level.WARNING);
        CONFIGURED.add(javalin);
        route("org.brocapi.service.api", config.apiLog(), level);
        route("org.brocapi.service.worker", config.workerLog(), level);
        route("org.brocapi.service.queue", config.workerLog(), level);
    }

    // kept: java.util.logging holds loggers weakly, configuration would be lost with them
    private static final java.util.List<Logger> CONFIGURED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static final java.util.Map<Path, Handler> HANDLERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static void route(String name, Path file, Level level) throws IOException {
        if (file == null) {
            return;
        }
        Logger logger = Logger.getLogger(name);
        for (Handler h : logger.getHandlers()) {
            logger.removeHandler(h);
        }
        // api_log and worker_log may name one file: one handler per file, or JUL would write to file.1
        Handler handler = HANDLERS.get(file.toAbsolutePath());
        if (handler == null) {
            handler = new FileHandler(file.toAbsolutePath().toString(), true);
            handler.setFormatter(new SimpleFormatter());
            HANDLERS.put(file.toAbsolutePath(), handler);
        }
        handler.setLevel(level);
        logger.addHandler(handler);
        logger.setLevel(level);
        logger.setUseParentHandlers(false);
        CONFIGURED.add(logger);
    }
}
