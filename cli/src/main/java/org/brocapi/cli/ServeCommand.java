package org.brocapi.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.brocapi.service.config.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code brocapi serve}: the HTTP API, with workers unless {@code --no-workers}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP API (POST /submit/pcap, /jobs…) and the workers.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions options;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "address to listen on (default: [main] listen, else 127.0.0.1:8080)")
    String listen;

    @Option(names = "--no-workers", description = "accept jobs only; run `brocapi worker` on the same data directory to process them")
    boolean noWorkers;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = ServiceOptions.overrides();
        if (listen != null) {
            overrides.put("main.listen", listen);
        }
        ServiceConfig c = options.load(overrides);
        if (c == null) {
            return 2;
        }
        String workers = noWorkers ? "no workers" : c.workers() + " worker(s), engine " + c.engine();
        return ServiceOptions.run(c, true, !noWorkers, "brocapi: listening on http://" + c.listenHost() + ":{port} ("
                + workers + ", data in " + c.processingDir() + ")");
    }
}
