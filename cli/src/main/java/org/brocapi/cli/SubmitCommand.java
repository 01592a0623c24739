package org.brocapi.cli;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code brocapi submit FILE… [--tag T] [--wait]}: uploads as 1.0's clients did (one multipart
 * request, field {@code file[]}), streaming the files with a progress line on stderr; prints the
 * server's JSON answer on stdout. With {@code --wait}, follows the job to its end (exit 1 if it fails).
 */
@Command(name = "submit", mixinStandardHelpOptions = true, description = "Upload pcaps as one job.")
final class SubmitCommand implements Callable<Integer> {
    @Mixin
    ServerClient server;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "pcap, pcapng or gzip of one")
    List<Path> files;

    @Option(names = "--tag", description = "job tag (the syslog HOSTNAME of its lines)")
    String tag;

    @Option(names = "--wait", description = "wait for the job to finish, showing its progress")
    boolean wait;

    @Override
    public Integer call() throws Exception {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                System.err.println("brocapi: " + f + ": no such file");
                return 2;
            }
        }
        String boundary = "brocapi-" + UUID.randomUUID();
        List<Supplier<InputStream>> parts = new ArrayList<>();
        long length = 0;
        for (Path f : files) {
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file[]\"; filename=\""
                    + f.getFileName().toString().replace("\"", "%22") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            parts.add(() -> new ByteArrayInputStream(head));
            parts.add(() -> open(f));
            parts.add(() -> new ByteArrayInputStream(new byte[] {'\r', '\n'}));
            length += head.length + Files.size(f) + 2;
        }
        if (tag != null) {
            byte[] t = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\n" + tag + "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            parts.add(() -> new ByteArrayInputStream(t));
            length += t.length;
        }
        byte[] end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        parts.add(() -> new ByteArrayInputStream(end));
        length += end.length;

        ProgressBar progress = ProgressBar.of(length);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/submit/pcap"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> counting(concat(parts), progress)), length))
                .build();
        HttpResponse<String> r = server.http().send(request, HttpResponse.BodyHandlers.ofString());
        progress.done();
        if (r.statusCode() != 200) {
            System.err.println("brocapi: the server refused the upload (" + r.statusCode() + ")");
            System.out.println(r.body());
            return 1;
        }
        System.out.println(r.body());
        if (!wait) {
            return 0;
        }
        String id = ServerClient.parse(r.body()).get("job_id").asString();
        return follow(server, id);
    }

    /** Polls the job until it ends; prints its outcome; 0 when done. */
    static int follow(ServerClient server, String id) throws Exception {
        ProgressBar progress = null;
        System.err.println("job " + id + ": waiting");
        while (true) {
            JsonNode job = server.getJson("/jobs/" + id);
            String state = job.get("state").asString();
            if (progress == null) {
                progress = ProgressBar.of(job.get("progress").get("bytes_total").asLong());
            }
            progress.bytesRead(job.get("progress").get("bytes_done").asLong());
            if (state.equals("done") || state.equals("failed") || state.equals("delivery_failed")) {
                progress.done();
                StringBuilder logs = new StringBuilder();
                for (Map.Entry<String, JsonNode> e : job.get("logs").properties()) {
                    logs.append(logs.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asLong());
                }
                System.err.println("job " + id + ": " + state + (logs.isEmpty() ? "" : " (" + logs + " lines)"));
                if (!state.equals("done")) {
                    System.err.println("error: " + job.get("error").asString(""));
                    JsonNode tail = job.get("stderr_tail");
                    if (tail != null && !tail.isNull()) {
                        System.err.println(tail.asString());
                    }
                    return 1;
                }
                return 0;
            }
            Thread.sleep(500);
        }
    }

    private static InputStream counting(InputStream in, ProgressBar progress) {
        return new FilterInputStream(in) {
            private long n;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int r = super.read(b, off, len);
                if (r > 0) {
                    progress.bytesRead(n += r);
                }
                return r;
            }
        };
    }

    private static InputStream open(Path f) {
        try {
            return Files.newInputStream(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream concat(List<Supplier<InputStream>> parts) {
        Iterator<Supplier<InputStream>> it = parts.iterator();
        Enumeration<InputStream> e = new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return it.next().get();
            }
        };
        return new SequenceInputStream(e);
    }
}
