package org.brocapi.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.brocapi.service.syslog.FrameFormat;
import org.brocapi.service.syslog.TransportProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {
    @TempDir
    Path tmp;

    @Test
    void loadsA10ConfigUnchanged() throws Exception {
        Path conf = tmp.resolve("brocapi.conf");
        Files.writeString(conf, """
                [main]
                debug = on
                worker_log = %1$s/log/brocapi_worker.log
                api_log = %1$s/log/brocapi_api.log
                [bro]
                bro_bin = /opt/bro/bin/bro
                processing_dir = %1$s/jobs/
                log_blacklist = ["loaded_scripts.log", "packet_filter.log", "reporter.log"]
                [syslog]
                syslog_host = 10.1.2.3
                syslog_port = 5514
                syslog_proto = UDP
                syslog_prefix = bro25_%%s
                """.formatted(tmp));
        ServiceConfig c = ServiceConfig.load(conf, Map.of(), Map.of());
        assertThat(c.debug()).isTrue();
        assertThat(c.workerLog()).isEqualTo(tmp.resolve("log/brocapi_worker.log"));
        assertThat(c.processingDir()).isEqualTo(tmp.resolve("jobs"));
        assertThat(c.logBlacklist()).containsExactly("loaded_scripts.log", "packet_filter.log", "reporter.log");
        assertThat(c.deliveryEnabled()).isTrue();
        assertThat(c.syslog().destinations()).singleElement().satisfies(d -> {
            assertThat(d.host()).isEqualTo("10.1.2.3");
            assertThat(d.port()).isEqualTo(5514);
            assertThat(d.protocol()).isEqualTo(TransportProtocol.UDP);
            assertThat(d.frame()).isEqualTo(FrameFormat.LEGACY);
            assertThat(d.pri()).isEqualTo(29);
        });
        assertThat(c.syslog().prefix()).isEqualTo("bro25_%s");
        assertThat(c.syslog().blacklisted("reporter.log")).isTrue();
        assertThat(c.syslog().blacklisted("stats.log")).as("a configured list replaces 1.0's").isFalse();
        assertThat(c.engine()).isEqualTo("embedded");
        assertThat(c.zeekBin()).isEqualTo(Path.of("/opt/bro/bin/bro")); // not checked: the zeek engine is not used
    }

    @Test
    void builtInDefaultsNeedNoFile() throws Exception {
        ServiceConfig c = ServiceConfig.load(null, Map.of("BROCAPI_BRO_PROCESSING_DIR", tmp.resolve("d").toString()), Map.of());
        assertThat(c.listenHost()).isEqualTo("127.0.0.1");
        assertThat(c.listenPort()).isEqualTo(8080);
        assertThat(c.syslog().prefix()).isEqualTo("bro25_%s");
        assertThat(c.deliveryEnabled()).as("no file, no receiver: analysis only").isFalse();
        assertThat(c.logBlacklist()).isEqualTo(ServiceConfig.DEFAULT_BLACKLIST);
        assertThat(c.syslog().blacklisted("stats.log")).isTrue();
        assertThat(c.jobTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(c.noPcapsStatus()).isEqualTo(400);
        assertThat(c.maxUploadBytes()).isEqualTo(4L << 30);
        assertThat(c.processingDir()).isEqualTo(tmp.resolve("d"));
    }

    @Test
    void environmentOverridesFileAndCommandLineOverridesEnvironment() throws Exception {
        Path conf = tmp.resolve("c.conf");
        Files.writeString(conf, "[main]\nworkers = 3\nlisten = 0.0.0.0:9000\n[bro]\nprocessing_dir = " + tmp + "\n");
        ServiceConfig c = ServiceConfig.load(null, Map.of("BROCAPI_CONFIG", conf.toString(), "BROCAPI_MAIN_WORKERS", "5",
                "BROCAPI_SYSLOG_SYSLOG_HOST", "10.0.0.9", "BROCAPI_SYSLOG_SYSLOG_PORT", "601"),
                Map.of("main.listen", "127.0.0.1:0"));
        assertThat(c.workers()).isEqualTo(5);
        assertThat(c.syslog().destinations().getFirst().port()).isEqualTo(601);
        assertThat(c.listenPort()).isZero();
    }

    @Test
    void missingExplicitFileIsOneClearLine() {
        assertThatThrownBy(() -> ServiceConfig.load(tmp.resolve("nope.conf"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + tmp.resolve("nope.conf") + " does not exist (given by --config)");
    }

    @Test
    void everyProblemIsReportedOnItsOwnLine() throws Exception {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path conf = tmp.resolve("bad.conf");
        Files.writeString(conf, """
                [main]
                debug = maybe
                workers = 0
                listen = nowhere
                [bro]
                engine = zeek
                bro_bin = %s/no-such-zeek
                processing_dir = %s/jobs
                log_blacklist = ["a.log", b.log]
                [syslog]
                syslog_port = 70000
                syslog_proto = sctp
                syslog_prefix = bro_%%s_%%d
                frame = rfc9999
                """.formatted(tmp, ro));
        try {
            ServiceConfig.load(conf, Map.of(), Map.of());
            throw new AssertionError("accepted");
        } catch (ConfigException e) {
            List<String> p = e.problems();
            assertThat(p).anyMatch(l -> l.startsWith("[main] debug = maybe: not a boolean"));
            assertThat(p).anyMatch(l -> l.startsWith("[main] workers = 0: must be between 1 and 256"));
            assertThat(p).anyMatch(l -> l.startsWith("[main] listen = nowhere: expected HOST:PORT"));
            assertThat(p).anyMatch(l -> l.startsWith("[bro] bro_bin = ") && l.endsWith("not an executable file"));
            if (!"root".equals(System.getProperty("user.name"))) {
                assertThat(p).anyMatch(l -> l.startsWith("[bro] processing_dir") && l.contains("not writable"));
            }
            assertThat(p).anyMatch(l -> l.startsWith("[bro] log_blacklist") && l.contains("quoted names"));
            assertThat(p).anyMatch(l -> l.startsWith("[syslog] syslog_port = 70000:") && l.endsWith("port 70000 is not 1-65535"));
            assertThat(p).anyMatch(l -> l.equals("[syslog] syslog_proto = sctp: unknown syslog protocol 'sctp' (tcp, udp or tls)"));
            assertThat(p).anyMatch(l -> l.equals("[syslog] syslog_prefix 'bro_%s_%d' may only contain A-Z a-z 0-9 . _ -"
                    + " besides %s (found '%')"));
            assertThat(p).anyMatch(l -> l.equals("[syslog] frame = rfc9999: " + frameError()));
            assertThat(p).filteredOn(l -> l.startsWith("[syslog]")).hasSize(4);
            assertThat(e.getMessage().lines()).hasSize(p.size());
        }
    }

    @Test
    void prefixNeedsExactlyOnePercentS() throws Exception {
        // ProgramName's rule: rsyslog's program name stops at other characters, so '%' is refused too
        for (String bad : List.of("bro25", "bro_%s_%s", "100%", "100%%_%s", "bro 25_%s")) {
            Path conf = tmp.resolve("p.conf");
            Files.writeString(conf, "[bro]\nprocessing_dir = " + tmp + "\n[syslog]\nsyslog_prefix = " + bad + "\n");
            assertThatThrownBy(() -> ServiceConfig.load(conf, Map.of(), Map.of()))
                    .hasMessageStartingWith("[syslog] syslog_prefix '" + bad + "'");
        }
        Path ok = tmp.resolve("ok.conf");
        Files.writeString(ok, "[bro]\nprocessing_dir = " + tmp + "\n[syslog]\nsyslog_prefix = zeek-8.0_%s\n");
        assertThat(ServiceConfig.load(ok, Map.of(), Map.of()).syslog().prefix()).isEqualTo("zeek-8.0_%s");
    }

    private static String frameError() {
        try {
            FrameFormat.parse("rfc9999");
            throw new AssertionError("accepted");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void syslogHostLeftEmptyTurnsDeliveryOffAndBothHostAndDestinationsIsOneLine() throws Exception {
        Path off = tmp.resolve("off.conf");
        Files.writeString(off, "[bro]\nprocessing_dir = " + tmp + "\n[syslog]\nsyslog_host =\nsyslog_port = 514\n");
        assertThat(ServiceConfig.load(off, Map.of(), Map.of()).deliveryEnabled()).isFalse();
        Path both = tmp.resolve("both.conf");
        Files.writeString(both, "[bro]\nprocessing_dir = " + tmp + "\n[syslog]\nsyslog_host = a\ndestinations = tcp://b:514\n");
        assertThatThrownBy(() -> ServiceConfig.load(both, Map.of(), Map.of()))
                .hasMessage("[syslog] set either syslog_host/syslog_port/syslog_proto or destinations, not both");
    }

    @Test
    void unwritableDirectoryIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path conf = tmp.resolve("d.conf");
        Files.writeString(conf, "[bro]\nprocessing_dir = " + file + "/jobs\n");
        assertThatThrownBy(() -> ServiceConfig.load(conf, Map.of(), Map.of()))
                .hasMessageStartingWith("[bro] processing_dir = " + file + "/jobs: directory is not writable");
    }

    @Test
    void theExampleConfigLoadsAndStatesTheDefaults() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(ServiceConfig.SYSTEM_CONFIG), "a system config would be read");
        Path example = Path.of("..", "brocapi.conf.example");
        Map<String, String> env = Map.of("BROCAPI_BRO_PROCESSING_DIR", tmp.toString());
        ServiceConfig fromExample = ServiceConfig.load(example, env, Map.of());
        ServiceConfig builtIn = ServiceConfig.load(null, env, Map.of());
        assertThat(fromExample.withRaw(null)).isEqualTo(builtIn.withRaw(null));
    }
}
