package org.brocapi.service.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.brocapi.service.testing.FakeZeek;
import org.brocapi.service.testing.PcapWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zeek adapter with a stand-in script, and the merge of per-pcap outputs. */
class ZeekEngineTest {
    @TempDir
    Path tmp;
    ZeekEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        engine = new ZeekEngine(FakeZeek.write(Files.createDirectories(tmp.resolve("bin"))));
    }

    Path pcapFile(String name, byte[] content) throws Exception {
        return Files.write(tmp.resolve(name), content);
    }

    @Test
    void runsInTheOutputDirectoryAndOutputDependsOnInput() throws Exception {
        byte[] a = new PcapWriter().udp(1, 2, "alpha").pcap();
        byte[] b = new PcapWriter().udp(1, 2, "beta, longer").udp(1, 2, "more").pcap();
        Path outA = Files.createDirectories(tmp.resolve("a"));
        Path outB = Files.createDirectories(tmp.resolve("b"));
        long[] progress = {0};
        Engine.Result r = engine.analyze(pcapFile("a.pcap", a), outA, Instant.now().plusSeconds(30), n -> progress[0] = n);
        engine.analyze(pcapFile("b.pcap", b), outB, Instant.now().plusSeconds(30), n -> { });
        assertThat(r.bytes()).isEqualTo(a.length);
        assertThat(r.packets()).isNull();
        assertThat(progress[0]).isEqualTo(a.length);
        assertThat(Files.readString(outA.resolve("conn.log"))).isNotEqualTo(Files.readString(outB.resolve("conn.log")));
        assertThat(Files.readAllLines(outA.resolve("conn.log")).stream().filter(l -> !l.startsWith("#"))).hasSize(FakeZeek.connLines(a.length));
    }

    @Test
    void gzipIsInflatedForZeek() throws Exception {
        byte[] plain = new PcapWriter().udp(1, 2, "zipped").pcap();
        Path out = Files.createDirectories(tmp.resolve("z"));
        engine.analyze(pcapFile("x.pcap.gz", PcapWriter.gzip(plain)), out, Instant.now().plusSeconds(30), n -> { });
        assertThat(Files.readAllLines(out.resolve("conn.log")).get(6)).endsWith("\t" + plain.length);
        assertThat(tmp.resolve("z.pcap")).doesNotExist();
    }

    @Test
    void failureCarriesExitStatusAndStderrTail() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("f"));
        assertThatThrownBy(() -> engine.analyze(pcapFile("c.pcap", new PcapWriter().udp(1, 2, "CRASHME").pcap()), out,
                Instant.now().plusSeconds(30), n -> { }))
                .isInstanceOf(EngineException.class)
                .hasMessage("fake-zeek exited with status 3 on c.pcap")
                .satisfies(e -> assertThat(((EngineException) e).stderrTail()).contains("warning: something odd").contains("fatal error"));
    }

    @Test
    void deadlineKillsTheEngine() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("t"));
        Instant start = Instant.now();
        assertThatThrownBy(() -> engine.analyze(pcapFile("s.pcap", new PcapWriter().udp(1, 2, "SLEEP30").pcap()), out,
                Instant.now().plusMillis(700), n -> { }))
                .isInstanceOf(EngineException.class).hasMessageContaining("job timeout reached");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void mergeKeepsOneHeaderEveryLineAndTheLastClose() throws Exception {
        Path one = Files.createDirectories(tmp.resolve("1"));
        Path two = Files.createDirectories(tmp.resolve("2"));
        Path bro = Files.createDirectories(tmp.resolve("bro"));
        Files.writeString(one.resolve("conn.log"), "#separator \\x09\n#fields\ta\n#open\t1\nl1\nl2\n#close\t1\n");
        Files.writeString(two.resolve("conn.log"), "#separator \\x09\n#fields\ta\n#open\t2\nl3\n#close\t2\n");
        Files.writeString(two.resolve("http.log"), "{\"json\":1}\n{\"json\":2}");
        LogMerger m = new LogMerger(bro);
        assertThat(m.add(one)).isEqualTo(Map.of("conn.log", 2L));
        assertThat(m.add(two)).containsExactly(Map.entry("conn.log", 1L), Map.entry("http.log", 2L));
        m.finish();
        assertThat(Files.readAllLines(bro.resolve("conn.log")))
                .isEqualTo(List.of("#separator \\x09", "#fields\ta", "#open\t1", "l1", "l2", "l3", "#close\t2"));
        assertThat(Files.readString(bro.resolve("http.log"))).isEqualTo("{\"json\":1}\n{\"json\":2}\n");
    }
}
