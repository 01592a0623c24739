package org.brocapi.cli;

import java.util.concurrent.Callable;
import org.brocapi.service.config.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code brocapi worker}: workers only, on the data directory a {@code serve --no-workers} fills. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run workers only (no HTTP), taking jobs from the queue in the configured data directory.")
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions options;

    @Override
    public Integer call() throws Exception {
        ServiceConfig c = options.load(ServiceOptions.overrides());
        if (c == null) {
            return 2;
        }
        return ServiceOptions.run(c, false, true, "brocapi: " + c.workers() + " worker(s), engine " + c.engine()
                + ", data in " + c.processingDir());
    }
}
