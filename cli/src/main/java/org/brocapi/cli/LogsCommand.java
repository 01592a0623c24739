package org.brocapi.cli;

import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code brocapi logs JOB [NAME]}: lists a job's logs, or prints one of them. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "List a job's logs, or print one (e.g. conn.log).")
final class LogsCommand implements Callable<Integer> {
    @Mixin
    ServerClient server;

    @Parameters(index = "0", paramLabel = "JOB", description = "job id")
    String job;

    @Parameters(index = "1", paramLabel = "NAME", arity = "0..1", description = "log file name, e.g. conn.log")
    String name;

    @Override
    public Integer call() throws Exception {
        try {
            if (name != null) {
                try (InputStream in = server.getStream("/jobs/" + ServerClient.q(job) + "/logs/" + ServerClient.q(name))) {
                    in.transferTo(System.out);
                }
                System.out.flush();
                return 0;
            }
            JsonNode logs = server.getJson("/jobs/" + ServerClient.q(job) + "/logs");
            System.err.println("job " + job + ": " + logs.get("state").asString());
            for (JsonNode l : logs.get("logs")) {
                System.out.printf("%-24s %10d lines %12d bytes%n", l.get("name").asString(), l.get("lines").asLong(), l.get("bytes").asLong());
            }
            return 0;
        } catch (ServerClient.Failure e) {
            System.err.println("brocapi: " + e.getMessage());
            return 1;
        }
    }
}
