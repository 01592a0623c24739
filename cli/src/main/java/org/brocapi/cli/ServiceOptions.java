package org.brocapi.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.brocapi.service.ServiceMain;
import org.brocapi.service.config.ConfigException;
import org.brocapi.service.config.ServiceConfig;
import org.brocapi.service.queue.QueueException;
import picocli.CommandLine.Option;

/** Options shared by {@code serve} and {@code worker}, and starting the service from them. */
final class ServiceOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "INI config (default: $BROCAPI_CONFIG, else /etc/brocapi.conf if present, else built-in defaults)")
    Path config;

    /** Loads the config; on problems prints one line each and returns null. */
    ServiceConfig load(Map<String, String> overrides) {
        try {
            return ServiceConfig.load(config, System.getenv(), overrides);
        } catch (ConfigException e) {
            e.problems().forEach(p -> System.err.println("brocapi: " + p));
            return null;
        }
    }

    static Map<String, String> overrides() {
        return new HashMap<>();
    }

    static int run(ServiceConfig config, boolean api, boolean workers, String banner) throws Exception {
        ServiceMain service;
        try {
            service = ServiceMain.start(config, api, workers, ServiceMain.steps(config));
        } catch (QueueException e) {
            // e.g. Redis not reachable: one line, not a stack trace
            System.err.println("brocapi: " + e.getMessage());
            return 1;
        }
        System.err.println(banner.replace("{port}", api ? Integer.toString(service.port()) : ""));
        service.awaitShutdown();
        return 0;
    }
}
