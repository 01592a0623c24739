package org.brocapi.service.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.brocapi.service.config.ServiceConfig;
import org.brocapi.service.job.Job;
import org.brocapi.service.job.JobDirectory;
import org.brocapi.service.job.PcapResult;

/** What a {@link JobStep} gets: the job (tag, id), its directory, the config, and the analysis results. */
public record JobContext(Job job, JobDirectory directory, ServiceConfig config, List<PcapResult> results) {

    /** The merged logs in {@code logs/bro/}, sorted by name; {@code log_blacklist} is not applied here. */
    public List<Path> logs() throws IOException {
        try (Stream<Path> s = Files.list(directory.bro())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }
}
