package org.brocapi.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.brocapi.service.ServiceMain;
import org.brocapi.service.config.IniFile;
import org.brocapi.service.config.ServiceConfig;
import org.brocapi.service.testing.FakeZeek;
import org.brocapi.service.testing.Http;
import org.brocapi.service.testing.Multipart;
import org.brocapi.service.testing.PcapWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Every route against a real server on port 0, jobs analysed by the zeek engine with a stand-in script. */
class JobRoutesTest {
    static final long MAX_UPLOAD = 2 * 1024 * 1024;
    static final int MAX_FILES = 5;

    @TempDir
    static Path tmp;
    static Path script;
    static Path jobs;
    static ServiceMain service;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        script = FakeZeek.write(Files.createDirectories(tmp.resolve("bin")));
        jobs = tmp.resolve("jobs");
        service = ServiceMain.start(config(jobs, "400"), true, true, List.of());
        http = new Http(service.port());
    }

    static ServiceConfig config(Path processingDir, String noPcapsStatus) throws Exception {
        IniFile ini = IniFile.parse("""
                [main]
                listen = 127.0.0.1:0
                workers = 2
                max_upload_bytes = %d
                max_files = %d
                no_pcaps_status = %s
                [bro]
                engine = zeek
                bro_bin = %s
                processing_dir = %s
                """.formatted(MAX_UPLOAD, MAX_FILES, noPcapsStatus, script, processingDir), "test");
        return ServiceConfig.from(ini);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static byte[] pcap(String... payloads) {
        PcapWriter w = new PcapWriter();
        for (String p : payloads) {
            w.udp(5353, 53, p);
        }
        return w.pcap();
    }

    static JsonNode awaitEnd(String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = http.json("/jobs/" + id);
            String s = last[0].get("state").asString();
            return s.equals("done") || s.equals("failed");
        });
        return last[0];
    }

    /** Job directories and uploads in progress (other tests' jobs may be running: their insides change). */
    static Set<String> leftovers() throws IOException {
        Set<String> out = new HashSet<>();
        try (Stream<Path> s = Files.list(jobs); Stream<Path> in = Files.list(jobs.resolve(".incoming"))) {
            s.forEach(p -> out.add(p.getFileName().toString()));
            in.forEach(p -> out.add(".incoming/" + p.getFileName()));
        }
        return out;
    }

    // ---- the 1.0 contract

    @Test
    void submitAnswersThe10BodyByteForByte() throws Exception {
        HttpResponse<String> r = http.submit(new Multipart().file("file[]", "a.pcap", pcap("one")).field("tag", "sensor1"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        String id = Http.parse(r.body()).get("job_id").asString();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(r.body()).isEqualTo("{\"status\": \"job queued\", \"files\": [\"a.pcap\"], \"tag\": \"sensor1\", \"job_id\": \""
                + id + "\", \"success\": true}");
        assertThat(awaitEnd(id).get("state").asString()).isEqualTo("done");
    }

    @Test
    void fieldNamedFileWorksAndNoTagIsNull() throws Exception {
        HttpResponse<String> r = http.submit(new Multipart().file("file", "b.pcap", pcap("two")).file("file[]", "c.pcap", pcap("three!")));
        String id = Http.parse(r.body()).get("job_id").asString();
        assertThat(r.body()).isEqualTo("{\"status\": \"job queued\", \"files\": [\"b.pcap\", \"c.pcap\"], \"tag\": null, \"job_id\": \""
                + id + "\", \"success\": true}");
    }

    @Test
    void noFilesIs400WithThe10Body() throws Exception {
        Set<String> before = leftovers();
        HttpResponse<String> r = http.submit(new Multipart().field("tag", "x"));
        assertThat(r.statusCode()).isEqualTo(400);
        String id = Http.parse(r.body()).get("job_id").asString();
        assertThat(r.body()).isEqualTo("{\"status\": \"no pcaps supplied\", \"tag\": \"x\", \"job_id\": \"" + id + "\", \"success\": false}");
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(http.base + "/submit/pcap"))
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(Http.parse(plain.body()).get("status").asString()).isEqualTo("no pcaps supplied");
        assertThat(leftovers()).isEqualTo(before);
    }

    @Test
    void legacySwitchAnswersNoFilesWith500(@TempDir Path other) throws Exception {
        try (ServiceMain legacy = ServiceMain.start(config(other, "500"), true, false, List.of())) {
            HttpResponse<String> r = new Http(legacy.port()).submit(new Multipart().field("other", "y"));
            assertThat(r.statusCode()).isEqualTo(500);
            String id = Http.parse(r.body()).get("job_id").asString();
            assertThat(r.body()).isEqualTo("{\"status\": \"no pcaps supplied\", \"tag\": null, \"job_id\": \"" + id + "\", \"success\": false}");
        }
    }

    // ---- jobs and their results

    @Test
    void severalPcapsLoseNoLogLine() throws Exception {
        byte[] a = pcap("first pcap");
        byte[] b = pcap("second", "pcap DNSME");
        byte[] c = PcapWriter.gzip(new PcapWriter().udp(1, 2, "third, as pcapng").pcapng());
        HttpResponse<String> r = http.submit(new Multipart().file("file[]", "a.pcap", a).file("file[]", "b.pcap", b)
                .file("file[]", "c.pcapng.gz", c).field("tag", "multi"));
        assertThat(r.statusCode()).isEqualTo(200);
        String id = Http.parse(r.body()).get("job_id").asString();
        JsonNode job = awaitEnd(id);
        assertThat(job.get("state").asString()).isEqualTo("done");
        assertThat(job.get("attempts").asInt()).isEqualTo(1);
        assertThat(job.get("progress").get("bytes_done").asLong()).isEqualTo(job.get("progress").get("bytes_total").asLong());
        assertThat(job.get("pcaps").get(2).get("format").asString()).isEqualTo("pcapng.gz");

        // the stand-in inflates nothing: zeek is given the inflated copy, whose size decides its lines
        long cInflated = new PcapWriter().udp(1, 2, "third, as pcapng").pcapng().length;
        int expected = FakeZeek.connLines(a.length) + FakeZeek.connLines(b.length) + FakeZeek.connLines(cInflated);
        assertThat(job.get("logs").get("conn.log").asLong()).isEqualTo(expected);
        assertThat(job.get("logs").get("dns.log").asLong()).isEqualTo(1);
        assertThat(job.get("results")).hasSize(3);
        assertThat(job.get("results").get(0).get("logs").get("conn.log").asLong()).isEqualTo(FakeZeek.connLines(a.length));

        String conn = http.get("/jobs/" + id + "/logs/conn.log").body();
        List<String> lines = conn.lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("#fields"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.startsWith("#close"))).hasSize(1);
        assertThat(lines.get(lines.size() - 1)).startsWith("#close");
        assertThat(lines.stream().filter(l -> !l.startsWith("#"))).hasSize(expected);
        assertThat(lines.stream().filter(l -> l.endsWith("\t" + a.length))).hasSize(FakeZeek.connLines(a.length));
        assertThat(lines.stream().filter(l -> l.endsWith("\t" + b.length))).hasSize(FakeZeek.connLines(b.length));

        JsonNode logs = http.json("/jobs/" + id + "/logs");
        assertThat(logs.get("logs").findValuesAsString("name")).containsExactly("conn.log", "dns.log", "loaded_scripts.log");
        assertThat(logs.get("logs").get(0).get("bytes").asLong()).isEqualTo(conn.getBytes(StandardCharsets.UTF_8).length);

        HttpResponse<byte[]> zip = http.getBytes("/jobs/" + id + "/logs.zip");
        assertThat(zip.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        String zippedConn = null;
        try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                names.add(e.getName());
                byte[] content = zin.readAllBytes();
                if (e.getName().endsWith("/conn.log")) {
                    zippedConn = new String(content, StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(names).containsExactly(id + "/conn.log", id + "/dns.log", id + "/loaded_scripts.log");
        assertThat(zippedConn).isEqualTo(conn);

        String stored = job.get("pcaps").get(1).get("stored").asString();
        HttpResponse<byte[]> pcap = http.getBytes("/jobs/" + id + "/pcaps/" + stored);
        assertThat(pcap.body()).isEqualTo(b);
        assertThat(pcap.headers().firstValue("Content-Disposition").orElse("")).contains("b.pcap");
        assertThat(Files.isDirectory(jobs.resolve(id).resolve("logs").resolve("syslog"))).isTrue();
    }

    @Test
    void filesLargerThanOneWriteBlockAreStoredIntact() throws Exception {
        PcapWriter w = new PcapWriter();
        for (int i = 0; i < 25; i++) {
            w.udp(1000 + i, 53, Character.toString('a' + i).repeat(60000));
        }
        byte[] big = w.pcap();
        byte[] small = pcap("small one after the big one");
        HttpResponse<String> r = http.submit(new Multipart().file("file[]", "big.pcap", big).file("file[]", "small.pcap", small));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode job = awaitEnd(Http.parse(r.body()).get("job_id").asString());
        String id = job.get("job_id").asString();
        JsonNode stored = job.get("pcaps");
        assertThat(stored.get(0).get("size").asLong()).isEqualTo(big.length);
        assertThat(stored.get(0).get("sha256").asString()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(big)));
        assertThat(http.getBytes("/jobs/" + id + "/pcaps/" + stored.get(0).get("stored").asString()).body()).isEqualTo(big);
        assertThat(http.getBytes("/jobs/" + id + "/pcaps/" + stored.get(1).get("stored").asString()).body()).isEqualTo(small);
    }

    @Test
    void sameContentTwiceIsStoredAndAnalysedOnce() throws Exception {
        byte[] a = pcap("duplicate me");
        HttpResponse<String> r = http.submit(new Multipart().file("file[]", "x.pcap", a).file("file[]", "y.pcap", a));
        String id = Http.parse(r.body()).get("job_id").asString();
        JsonNode job = awaitEnd(id);
        assertThat(job.get("files").toString()).isEqualTo("[\"x.pcap\",\"y.pcap\"]");
        assertThat(job.get("pcaps").get(0).get("stored").asString()).isEqualTo(job.get("pcaps").get(1).get("stored").asString());
        assertThat(job.get("logs").get("conn.log").asLong()).isEqualTo(FakeZeek.connLines(a.length));
        try (Stream<Path> s = Files.list(jobs.resolve(id).resolve("pcaps"))) {
            assertThat(s.toList()).hasSize(1);
        }
    }

    @Test
    void engineFailureIsVisibleWithStderrTail() throws Exception {
        HttpResponse<String> r = http.submit(new Multipart().file("file[]", "bad.pcap", pcap("CRASHME")));
        JsonNode job = awaitEnd(Http.parse(r.body()).get("job_id").asString());
        assertThat(job.get("state").asString()).isEqualTo("failed");
        assertThat(job.get("error").asString()).contains("exited with status 3");
        assertThat(job.get("stderr_tail").asString()).contains("fatal error").contains("fake zeek cannot read this");
    }

    @Test
    void listFiltersByTagAndStateAndPages() throws Exception {
        String tag = "list-" + System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(Http.parse(http.submit(new Multipart().file("file[]", i + ".pcap", pcap("list " + i)).field("tag", tag)).body())
                    .get("job_id").asString());
        }
        ids.forEach(JobRoutesTest::awaitEnd);
        JsonNode all = http.json("/jobs?tag=" + tag);
        assertThat(all.get("total").asInt()).isEqualTo(3);
        assertThat(all.get("jobs").findValuesAsString("job_id")).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        JsonNode page = http.json("/jobs?tag=" + tag + "&limit=2&offset=2");
        assertThat(page.get("jobs").findValuesAsString("job_id")).containsExactly(ids.get(0));
        assertThat(http.json("/jobs?tag=" + tag + "&state=done").get("total").asInt()).isEqualTo(3);
        assertThat(http.json("/jobs?tag=" + tag + "&state=queued").get("total").asInt()).isZero();
        HttpResponse<String> bad = http.get("/jobs?state=bogus");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.parse(bad.body()).get("error").asString()).isEqualTo("bad_request");
        assertThat(http.get("/jobs?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void deleteRemovesRowAndDirectory() throws Exception {
        String id = Http.parse(http.submit(new Multipart().file("file[]", "d.pcap", pcap("delete me"))).body()).get("job_id").asString();
        awaitEnd(id);
        assertThat(Files.isDirectory(jobs.resolve(id))).isTrue();
        HttpResponse<String> r = http.delete("/jobs/" + id);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\": \"job deleted\", \"job_id\": \"" + id + "\", \"success\": true}");
        assertThat(Files.exists(jobs.resolve(id))).isFalse();
        assertThat(http.get("/jobs/" + id).statusCode()).isEqualTo(404);
        assertThat(http.delete("/jobs/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void runningJobCannotBeDeletedAndItsLogsAreNotReady() throws Exception {
        String id = Http.parse(http.submit(new Multipart().file("file[]", "slow.pcap", pcap("SLEEP2"))).body()).get("job_id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.json("/jobs/" + id).get("state").asString().equals("running"));
        HttpResponse<String> del = http.delete("/jobs/" + id);
        assertThat(del.statusCode()).isEqualTo(409);
        assertThat(Http.parse(del.body()).get("error").asString()).isEqualTo("job_active");
        assertThat(http.get("/jobs/" + id + "/logs/conn.log").statusCode()).isEqualTo(409);
        assertThat(awaitEnd(id).get("state").asString()).isEqualTo("done");
    }

    @Test
    void unknownThingsAre404WithJson() throws Exception {
        for (String path : List.of("/jobs/00000000-0000-4000-8000-000000000000", "/jobs/not-a-uuid", "/jobs/..%2F..%2Fetc",
                "/nope", "/jobs/00000000-0000-4000-8000-000000000000/logs/conn.log")) {
            HttpResponse<String> r = http.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            JsonNode body = Http.parse(r.body());
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.get("status").asString()).isNotEmpty();
        }
        String id = Http.parse(http.submit(new Multipart().file("file[]", "e.pcap", pcap("exists"))).body()).get("job_id").asString();
        awaitEnd(id);
        assertThat(http.get("/jobs/" + id + "/logs/..%2F..%2Fpcaps").statusCode()).isEqualTo(404);
        assertThat(http.get("/jobs/" + id + "/logs/nonexistent.log").statusCode()).isEqualTo(404);
        assertThat(http.get("/jobs/" + id + "/pcaps/nonexistent").statusCode()).isEqualTo(404);
    }

    @Test
    void healthReportsCounts() throws Exception {
        JsonNode h = http.json("/health");
        assertThat(h.get("status").asString()).isEqualTo("ok");
        assertThat(h.get("engine").asString()).isEqualTo("zeek");
        assertThat(h.get("workers").asInt()).isEqualTo(2);
        assertThat(h.get("jobs").has("queued")).isTrue();
    }

    // ---- bad input: a clear error, nothing left behind

    void refused(Multipart form, int status, String code, String... inStatus) throws Exception {
        Set<String> before = leftovers();
        long total = http.json("/jobs").get("total").asLong();
        HttpResponse<String> r = http.submit(form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = Http.parse(r.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").asString()).isEqualTo(code);
        assertThat(body.get("job_id").asString()).isNotEmpty();
        assertThat(body.get("status").asString()).contains(inStatus);
        assertThat(leftovers()).isEqualTo(before);
        assertThat(http.json("/jobs").get("total").asLong()).isEqualTo(total);
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        refused(new Multipart().file("file[]", "ok.pcap", pcap("fine")).file("file[]", "empty.pcap", new byte[0]),
                400, "bad_pcap", "empty.pcap", "empty file");
    }

    @Test
    void textFileIsRefused() throws Exception {
        refused(new Multipart().file("file[]", "notes.pcap", "just some text\n".getBytes(StandardCharsets.UTF_8)),
                400, "bad_pcap", "notes.pcap", "not a pcap");
    }

    @Test
    void truncatedPcapIsRefused() throws Exception {
        byte[] p = pcap("a packet that will be cut");
        refused(new Multipart().file("file[]", "cut.pcap", java.util.Arrays.copyOf(p, p.length - 5)),
                400, "bad_pcap", "cut.pcap", "truncated pcap");
        refused(new Multipart().file("file[]", "hdr.pcap", java.util.Arrays.copyOf(p, 10)), 400, "bad_pcap", "truncated pcap");
        refused(new Multipart().file("file[]", "text.gz", PcapWriter.gzip("hello".getBytes(StandardCharsets.UTF_8))),
                400, "bad_pcap", "gzip that does not hold");
    }

    @Test
    void pathInFileNameIsReducedToItsLastElement() throws Exception {
        HttpResponse<String> r = http.submit(new Multipart().file("file[]", "../../etc/passwd", pcap("traversal")));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Http.parse(r.body());
        assertThat(body.get("files").get(0).asString()).isEqualTo("passwd");
        String id = body.get("job_id").asString();
        JsonNode job = awaitEnd(id);
        assertThat(job.get("pcaps").get(0).get("stored").asString()).matches("[0-9a-f]{64}\\.pcap");
        assertThat(Files.exists(tmp.resolve("etc"))).isFalse();
        assertThat(Files.exists(jobs.resolve(id).resolve("pcaps").resolve(job.get("pcaps").get(0).get("stored").asString()))).isTrue();
        refused(new Multipart().file("file[]", "../../etc/passwd", "root:x:0:0:root:/root:/bin/bash\n".getBytes(StandardCharsets.UTF_8)),
                400, "bad_pcap", "passwd: not a pcap");
    }

    @Test
    void megabyteTagAndTagsASyslogParserWouldMisreadAreRefused() throws Exception {
        refused(new Multipart().file("file[]", "t.pcap", pcap("tagged")).field("tag", "x".repeat(1 << 20)),
                400, "bad_tag", "longer than 255");
        // TagRule: what rsyslog would not read as a HOSTNAME is refused at submit, never sent
        for (String bad : List.of("two words", "bad[tag]", "a/b", "h\u00f6st", "ends-", "x:y")) {
            refused(new Multipart().file("file[]", "t.pcap", pcap("tagged")).field("tag", bad), 400, "bad_tag",
                    "is not allowed", "A-Z a-z 0-9 . _ -");
        }
    }

    @Test
    void oversizedUploadIsRefusedWith413() throws Exception {
        PcapWriter w = new PcapWriter();
        for (int i = 0; i < 40; i++) {
            w.udp(1, 2, "y".repeat(60000));
        }
        byte[] large = w.pcap();
        assertThat((long) large.length).isGreaterThan(MAX_UPLOAD);
        // with Content-Length: refused before the body is read
        refused(new Multipart().file("file[]", "large.pcap", large), 413, "too_large", "limit of " + MAX_UPLOAD);

        // without Content-Length (chunked): refused once the limit is crossed while streaming
        Set<String> before = leftovers();
        Multipart chunked = new Multipart().file("file[]", "large.pcap", large);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(http.base + "/submit/pcap"))
                .header("Content-Type", chunked.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked.bytes()))).build());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(Http.parse(r.body()).get("error").asString()).isEqualTo("too_large");
        assertThat(leftovers()).isEqualTo(before);
    }

    @Test
    void aFileThatIsNoCaptureIsRefusedFromItsFirstBytes() throws Exception {
        // chunked (no Content-Length) and larger than the limit: read to its end it would be a 413
        byte[] text = "just some text, no capture\n".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        assertThat((long) text.length).isGreaterThan(MAX_UPLOAD);
        Set<String> before = leftovers();
        Multipart form = new Multipart().file("file[]", "notes.pcap", text);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(http.base + "/submit/pcap"))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form.bytes()))).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Http.parse(r.body()).get("error").asString()).isEqualTo("bad_pcap");
        assertThat(Http.parse(r.body()).get("status").asString()).contains("notes.pcap: not a pcap");
        assertThat(leftovers()).isEqualTo(before);
    }

    @Test
    void tooManyFilesIsRefusedWith413() throws Exception {
        Multipart form = new Multipart();
        for (int i = 0; i <= MAX_FILES; i++) {
            form.file("file[]", "n" + i + ".pcap", pcap("file " + i));
        }
        refused(form, 413, "too_many_files", "more than " + MAX_FILES);
    }

    @Test
    void twentyParallelSubmissionsAllComplete() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] p = pcap("parallel " + i, "x".repeat(i));
            futures.add(pool.submit(() -> http.submit(new Multipart().file("file[]", "p.pcap", p).field("tag", "parallel"))));
        }
        Set<String> ids = new HashSet<>();
        for (Future<HttpResponse<String>> f : futures) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            ids.add(Http.parse(r.body()).get("job_id").asString());
        }
        pool.shutdown();
        assertThat(ids).hasSize(20);
        for (String id : ids) {
            JsonNode job = awaitEnd(id);
            assertThat(job.get("state").asString()).isEqualTo("done");
            assertThat(job.get("attempts").asInt()).isEqualTo(1);
        }
    }
}
