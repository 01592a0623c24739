package org.brocapi.service.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyslogSettingsTest {

    @Test
    void onePointZeroSectionGivesOnePointZeroBehaviour() {
        SyslogSettings s = SyslogSettings.fromConfig(Map.of("syslog_host", "127.0.0.1", "syslog_port", "514",
                "syslog_proto", "tcp", "syslog_prefix", "bro25_%s"), Map.of());
        assertThat(s.destinations()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("tcp-127.0.0.1-514");
            assertThat(d.protocol()).isEqualTo(TransportProtocol.TCP);
            assertThat(d.frame()).isEqualTo(FrameFormat.LEGACY);
            assertThat(d.framing()).isEqualTo(Framing.LF);
            assertThat(d.pri()).isEqualTo(29);
        });
        assertThat(s.logBlacklist()).containsExactlyInAnyOrder("capture_loss", "stats", "loaded_scripts", "packet_filter");
        assertThat(s.timestamp()).isEqualTo(TimestampSource.SEND);
        assertThat(s.exportDir()).isNull();
    }

    @Test
    void keysAreCaseInsensitiveAndBlacklistIsHonoured() {
        SyslogSettings s = SyslogSettings.fromConfig(Map.of("SYSLOG_HOST", "h", "Syslog_Proto", "UDP"),
                Map.of("log_blacklist", "[\"loaded_scripts.log\", 'packet_filter.log', \"reporter.log\"]"));
        assertThat(s.destinations().getFirst().protocol()).isEqualTo(TransportProtocol.UDP);
        assertThat(s.blacklisted("reporter.log")).isTrue();
        assertThat(s.blacklisted("loaded_scripts.log")).isTrue();
        assertThat(s.blacklisted("conn.log")).isFalse();
        assertThat(s.blacklisted("stats.log")).as("the configured list replaces 1.0's hard-coded one").isFalse();
        assertThat(SyslogSettings.fromConfig(Map.of(), Map.of("log_blacklist", "conn dns")).blacklisted("dns.log")).isTrue();
    }

    @Test
    void destinationListWithPerDestinationOptions() {
        Map<String, String> m = new HashMap<>();
        m.put("destinations", "tcp://10.0.0.1:514, tls://siem.example:6514?frame=rfc5424&framing=octet-counting&name=siem,"
                + " udp://[::1]:5514?facility=local0&severity=info");
        m.put("frame", "rfc3164");
        m.put("retry_budget", "90s");
        m.put("resend_window", "8m");
        SyslogSettings s = SyslogSettings.fromConfig(m, Map.of());
        assertThat(s.destinations()).extracting(SyslogDestination::name).containsExactly("tcp-10.0.0.1-514", "siem", "udp-__1-5514");
        assertThat(s.destinations().get(0).frame()).isEqualTo(FrameFormat.RFC3164);
        assertThat(s.destinations().get(1).frame()).isEqualTo(FrameFormat.RFC5424);
        assertThat(s.destinations().get(1).framing()).isEqualTo(Framing.OCTET_COUNTING);
        assertThat(s.destinations().get(2).host()).isEqualTo("::1");
        assertThat(s.destinations().get(2).pri()).isEqualTo(134);
        assertThat(s.retryBudget()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.resendWindow()).isEqualTo(8L << 20);
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> SyslogSettings.fromConfig(Map.of("syslog_prefix", "bro"), Map.of()))
                .hasMessageContaining("exactly one %s");
        assertThatThrownBy(() -> SyslogSettings.fromConfig(Map.of("syslog_host", "h", "syslog_proto", "sctp"), Map.of()))
                .hasMessageContaining("sctp");
        assertThatThrownBy(() -> SyslogSettings.fromConfig(Map.of("frame", "rfc5425"), Map.of()))
                .hasMessageContaining("legacy, rfc3164 or rfc5424");
        assertThatThrownBy(() -> SyslogSettings.fromConfig(Map.of("facility", "local9"), Map.of()))
                .hasMessageContaining("facility 'local9'");
        assertThatThrownBy(() -> SyslogSettings.fromConfig(Map.of("retry_budget", "soon"), Map.of()))
                .hasMessageContaining("retry_budget");
        assertThatThrownBy(() -> SyslogSettings.fromConfig(Map.of("sylog_host", "h"), Map.of()))
                .hasMessageContaining("unknown key 'sylog_host'");
        assertThatThrownBy(() -> SyslogSettings.fromConfig(Map.of("syslog_host", "h", "destinations", "tcp://h:1"), Map.of()))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> SyslogSettings.fromConfig(Map.of("destinations", "tcp://h"), Map.of()))
                .hasMessageContaining("proto://host:port");
        assertThatThrownBy(() -> SyslogSettings.fromConfig(Map.of("destinations", "tcp://h:1, tcp://h:1"), Map.of()))
                .hasMessageContaining("two destinations");
        assertThatThrownBy(() -> SyslogSettings.fromConfig(Map.of("json", "maybe"), Map.of()))
                .hasMessageContaining("json");
    }
}
