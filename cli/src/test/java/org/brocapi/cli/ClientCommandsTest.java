package org.brocapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.brocapi.service.ServiceMain;
import org.brocapi.service.config.ServiceConfig;
import org.brocapi.service.testing.Http;
import org.brocapi.service.testing.PcapWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** submit, jobs and logs against a real server (embedded engine) on port 0. */
class ClientCommandsTest {
    @TempDir
    static Path tmp;
    static ServiceMain service;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceMain.start(ServiceConfig.defaults(tmp.resolve("jobs")).withListen("127.0.0.1", 0), true, true, List.of());
        url = "http://127.0.0.1:" + service.port();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    record Run(int exit, String out, String err) { }

    static synchronized Run brocapi(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void submitWaitThenJobsAndLogs() throws Exception {
        Path a = Files.write(tmp.resolve("a.pcap"), new PcapWriter().udp(1000, 53, "x").udp(1001, 53, "y").pcap());
        Path b = Files.write(tmp.resolve("b.pcapng"), new PcapWriter().udp(2000, 123, "z").pcapng());
        Run submit = brocapi("submit", a.toString(), b.toString(), "--tag", "cli-test", "--server", url, "--wait");
        assertThat(submit.exit()).as(submit.err()).isZero();
        JsonNode answer = Http.parse(submit.out().strip());
        String id = answer.get("job_id").asString();
        assertThat(submit.out().strip()).isEqualTo("{\"status\": \"job queued\", \"files\": [\"a.pcap\", \"b.pcapng\"], "
                + "\"tag\": \"cli-test\", \"job_id\": \"" + id + "\", \"success\": true}");
        assertThat(submit.err()).contains("job " + id + ": done (conn.log 3");

        Run jobs = brocapi("jobs", "--server", url, "--tag", "cli-test");
        assertThat(jobs.exit()).isZero();
        assertThat(jobs.out()).containsPattern(id + "\\s+done\\s+\\S+\\s+cli-test\\s+a.pcap,b.pcapng");

        Run list = brocapi("logs", id, "--server", url);
        assertThat(list.out()).containsPattern("conn.log\\s+3 lines");
        Run conn = brocapi("logs", id, "conn.log", "--server", url);
        assertThat(conn.exit()).isZero();
        assertThat(conn.out()).startsWith("#separator").contains("#fields\tts\tuid");
        assertThat(conn.out().lines().filter(l -> !l.startsWith("#"))).hasSize(3);

        Run missing = brocapi("logs", id, "nope.log", "--server", url);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("has no log nope.log");
    }

    @Test
    void refusedUploadExitsNonZeroWithTheServersAnswer() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not a capture\n");
        Run r = brocapi("submit", text.toString(), "--server", url);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("refused the upload (400)");
        assertThat(Http.parse(r.out().strip()).get("status").asString()).isEqualTo("notes.txt: not a pcap, pcapng or gzip of one (unknown magic 6e6f7420)");
        Run none = brocapi("submit", tmp.resolve("absent.pcap").toString(), "--server", url);
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("absent.pcap: no such file");
    }

    @Test
    void serveRefusesABadConfigWithOneLinePerProblem() throws Exception {
        Path conf = Files.writeString(tmp.resolve("bad.conf"), "[main]\nworkers = none\n[bro]\nprocessing_dir = " + tmp.resolve("d") + "\n[syslog]\nsyslog_prefix = x\n");
        Run r = brocapi("serve", "--config", conf.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().toList()).contains(
                "brocapi: [main] workers = none: not a whole number",
                "brocapi: [syslog] syslog_prefix 'x' must contain exactly one %s (e.g. bro25_%s)");
    }
}
