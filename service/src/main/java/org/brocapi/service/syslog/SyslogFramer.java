package org.brocapi.service.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the syslog header that precedes each log line; the line itself follows unchanged.
 *
 * <pre>
 * legacy   &lt;PRI&gt;Oct 05 14:03:07 HOSTNAME PROGRAM: line          (1.0, day zero-padded)
 * rfc3164  &lt;PRI&gt;Oct  5 14:03:07 HOSTNAME PROGRAM: line          (RFC 3164 §4.1.2)
 * rfc5424  &lt;PRI&gt;1 2026-10-05T14:03:07.123456+02:00 HOSTNAME APP-NAME - MSGID [brocapi@32473 ...] line
 * </pre>
 *
 * <p>Reused on the per-line path: one instance per destination thread, {@link #header} overwrites
 * the same array for every line, and the time text is cached per second.
 */
public final class SyslogFramer {
    /** 32473 is the private enterprise number reserved for documentation (RFC 5612). */
    public static final String SD_ID = "brocapi@32473";

    private static final byte[][] MONTHS = Arrays.stream(new String[] {
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"})
            .map(m -> m.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private final FrameFormat format;
    private final ZoneId zone;
    private final byte[] pri;
    private final String hostname;
    private final String structuredData;
    private byte[] rest = new byte[0];
    private byte[] header = new byte[256];

    private long cachedSecond = Long.MIN_VALUE;
    private byte[] cachedTime;
    private byte[] cachedOffset;

    /**
     * @param hostname the tag after {@link TagRule#sanitize}
     * @param structuredData from {@link #structuredData}; used by RFC 5424 only
     */
    public SyslogFramer(FrameFormat format, int pri, String hostname, ZoneId zone, String structuredData) {
        this.format = format;
        this.zone = zone;
        this.hostname = hostname;
        this.structuredData = structuredData;
        String p = "<" + pri + ">" + (format == FrameFormat.RFC5424 ? "1 " : "");
        this.pri = p.getBytes(StandardCharsets.US_ASCII);
    }

    /** Sets PROGRAM / APP-NAME and MSGID for the lines of one log file. */
    public void startLog(String program, String logType) {
        String text;
        if (format == FrameFormat.RFC5424) {
            // RFC 5424 §6: APP-NAME ≤ 48, MSGID ≤ 32 printable US-ASCII characters
            String app = program.length() > ProgramName.MAX_APP_NAME ? program.substring(0, ProgramName.MAX_APP_NAME) : program;
            String msgId = ProgramName.of("%s", logType);
            msgId = msgId.length() > 32 ? msgId.substring(0, 32) : msgId;
            text = " " + hostname + " " + app + " - " + msgId + " " + structuredData + " ";
        } else {
            text = " " + hostname + " " + program + ": ";
        }
        rest = text.getBytes(StandardCharsets.UTF_8);
    }

    /** Builds the header for a line stamped {@code epochMicros}; returns its length in {@link #headerBytes}. */
    public int header(long epochMicros) {
        long second = Math.floorDiv(epochMicros, 1_000_000L);
        if (second != cachedSecond) {
            cacheTime(second);
        }
        int need = pri.length + cachedTime.length + 7 + cachedOffset.length + rest.length;
        if (header.length < need) {
            header = new byte[need * 2];
        }
        int n = 0;
        System.arraycopy(pri, 0, header, n, pri.length);
        n += pri.length;
        System.arraycopy(cachedTime, 0, header, n, cachedTime.length);
        n += cachedTime.length;
        if (format == FrameFormat.RFC5424) {
            // RFC 5424 §6.2.3: TIME-SECFRAC of up to 6 digits, then the offset
            int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
            header[n++] = '.';
            for (int div = 100_000; div > 0; div /= 10) {
                header[n++] = (byte) ('0' + (micros / div) % 10);
            }
            System.arraycopy(cachedOffset, 0, header, n, cachedOffset.length);
            n += cachedOffset.length;
        }
        System.arraycopy(rest, 0, header, n, rest.length);
        return n + rest.length;
    }

    public byte[] headerBytes() {
        return header;
    }

    private void cacheTime(long second) {
        Instant instant = Instant.ofEpochSecond(second);
        ZoneOffset offset = zone.getRules().getOffset(instant);
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, offset);
        StringBuilder b = new StringBuilder(24);
        if (format == FrameFormat.RFC5424) {
            b.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
            cachedOffset = (offset.getTotalSeconds() == 0 ? "Z" : offset.getId()).getBytes(StandardCharsets.US_ASCII);
        } else {
            b.append(new String(MONTHS[t.getMonthValue() - 1], StandardCharsets.US_ASCII)).append(' ');
            int day = t.getDayOfMonth();
            // 1.0 zero-padded the day (strftime %d); RFC 3164 §4.1.2 pads it with a space
            b.append(day < 10 ? (format == FrameFormat.LEGACY ? "0" : " ") : "").append(day);
            b.append(String.format(" %02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
            cachedOffset = new byte[0];
        }
        cachedTime = b.toString().getBytes(StandardCharsets.US_ASCII);
        cachedSecond = second;
    }

    /**
     * {@code [brocapi@32473 job="…" pcap="…"… tag="…"]}: one {@code pcap} parameter per pcap of the
     * job (RFC 5424 §6.3.3 allows a repeated PARAM-NAME), {@code tag} only when the job has one.
     */
    public static String structuredData(String jobId, List<String> pcapNames, String tag) {
        StringBuilder b = new StringBuilder("[").append(SD_ID);
        param(b, "job", jobId);
        for (String p : pcapNames) {
            param(b, "pcap", p);
        }
        if (tag != null && !tag.isBlank()) {
            param(b, "tag", tag);
        }
        return b.append(']').toString();
    }

    private static void param(StringBuilder b, String name, String value) {
        b.append(' ').append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                c = '_'; // a control character (LF above all) would end the frame on an LF-framed stream
            }
            // RFC 5424 §6.3.3: '"', '\' and ']' inside PARAM-VALUE MUST be escaped with '\'
            if (c == '"' || c == '\\' || c == ']') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }
}
