package org.brocapi.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code brocapi jobs [--tag T] [--state S]}: one line per job, newest first. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List jobs, newest first.")
final class JobsCommand implements Callable<Integer> {
    @Mixin
    ServerClient server;

    @Option(names = "--tag", description = "only jobs with this tag")
    String tag;

    @Option(names = "--state", description = "only jobs in this state (queued, running, done, failed, …)")
    String state;

    @Option(names = "--limit", defaultValue = "50", description = "at most this many (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "print the server's JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        StringBuilder q = new StringBuilder("/jobs?limit=" + limit);
        if (tag != null) {
            q.append("&tag=").append(ServerClient.q(tag));
        }
        if (state != null) {
            q.append("&state=").append(ServerClient.q(state));
        }
        JsonNode page;
        try {
            page = server.getJson(q.toString());
        } catch (ServerClient.Failure e) {
            System.err.println("brocapi: " + e.getMessage());
            return 1;
        }
        if (json) {
            System.out.println(page);
            return 0;
        }
        System.out.printf("%-36s  %-15s  %-24s  %-16s  %s%n", "JOB", "STATE", "CREATED", "TAG", "FILES");
        for (JsonNode j : page.get("jobs")) {
            StringBuilder files = new StringBuilder();
            j.get("files").forEach(f -> files.append(files.isEmpty() ? "" : ",").append(f.asString()));
            System.out.printf("%-36s  %-15s  %-24s  %-16s  %s%n", j.get("job_id").asString(), j.get("state").asString(),
                    j.get("created").asString(), j.get("tag").isNull() ? "-" : j.get("tag").asString(), files);
        }
        if (page.get("total").asLong() > page.get("jobs").size()) {
            System.err.println("(" + page.get("jobs").size() + " of " + page.get("total").asLong() + " jobs; use --limit)");
        }
        return 0;
    }
}
