package org.brocapi.service.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFramerTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    // 2026-10-05 14:03:07.012345 in Berlin (CEST, +02:00)
    static final long MICROS = ZonedDateTime.of(2026, 10, 5, 14, 3, 7, 12_345_000, BERLIN).toEpochSecond() * 1_000_000L + 12_345;

    static String header(SyslogFramer f, long micros) {
        int n = f.header(micros);
        return new String(f.headerBytes(), 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void legacyIsOnePointZerosBytesWithZeroPaddedDay() {
        SyslogFramer f = new SyslogFramer(FrameFormat.LEGACY, 29, "sensor1", BERLIN, "");
        f.startLog("bro25_conn", "conn");
        assertThat(header(f, MICROS)).isEqualTo("<29>Oct 05 14:03:07 sensor1 bro25_conn: ");
    }

    @Test
    void rfc3164PadsTheDayWithASpace() {
        SyslogFramer f = new SyslogFramer(FrameFormat.RFC3164, SyslogPriority.pri(19, 6), "brocapi", BERLIN, "");
        f.startLog("bro25_dns", "dns");
        assertThat(header(f, MICROS)).isEqualTo("<158>Oct  5 14:03:07 brocapi bro25_dns: ");
        long nov27 = ZonedDateTime.of(2026, 11, 27, 1, 2, 3, 0, BERLIN).toEpochSecond() * 1_000_000L;
        assertThat(header(f, nov27)).isEqualTo("<158>Nov 27 01:02:03 brocapi bro25_dns: ");
    }

    @Test
    void rfc5424HasZoneMicrosMsgIdAndEscapedStructuredData() {
        String sd = SyslogFramer.structuredData("j-1", List.of("a.pcap", "we\"ird\\]\n.pcap"), "sensor1");
        assertThat(sd).isEqualTo("[brocapi@32473 job=\"j-1\" pcap=\"a.pcap\" pcap=\"we\\\"ird\\\\\\]_.pcap\" tag=\"sensor1\"]");
        SyslogFramer f = new SyslogFramer(FrameFormat.RFC5424, 29, "sensor1", BERLIN, sd);
        f.startLog("bro25_conn", "conn");
        assertThat(header(f, MICROS)).isEqualTo("<29>1 2026-10-05T14:03:07.012345+02:00 sensor1 bro25_conn - conn " + sd + " ");
        SyslogFramer utc = new SyslogFramer(FrameFormat.RFC5424, 29, "h", ZoneOffset.UTC, "[x@1]");
        utc.startLog("p", "t");
        assertThat(header(utc, 1_000_000L)).isEqualTo("<29>1 1970-01-01T00:00:01.000000Z h p - t [x@1] ");
    }

    @Test
    void noTagLeavesTagParameterOut() {
        assertThat(SyslogFramer.structuredData("j", List.of(), null)).isEqualTo("[brocapi@32473 job=\"j\"]");
    }

    @Test
    void appNameAndMsgIdAreCutToRfc5424Limits() {
        SyslogFramer f = new SyslogFramer(FrameFormat.RFC5424, 29, "h", ZoneOffset.UTC, "-");
        f.startLog("p".repeat(60), "t".repeat(40));
        assertThat(header(f, 0)).isEqualTo("<29>1 1970-01-01T00:00:00.000000Z h " + "p".repeat(48) + " - " + "t".repeat(32) + " - ");
    }
}
