package org.brocapi.analyzer.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole conn.log files of the conformance corpus (when present; nothing of it is committed),
 * rebuilt row by row through {@link LogOutput} with a Zeek-8-shaped conn record, canonified the
 * way the harness does (diff-remove-first-timestamp), must equal Zeek's baselines byte for byte:
 * header lines, optional-column sets, scope separator and field-name-map renames included.
 */
class ZeekConnBaselineTest {
    private static final Path CORPUS = org.brocapi.analyzer.testing.Corpus.dir().resolve("baselines");

    record ConnId(@Column(type = ZeekType.ADDR) byte[] origH, @Column(type = ZeekType.PORT) Integer origP,
            @Column(type = ZeekType.ADDR) byte[] respH, @Column(type = ZeekType.PORT) Integer respP) {}

    record ConnRow(@Column(type = ZeekType.TIME) Double ts, String uid, ConnId id,
            @Column(type = ZeekType.ENUM) String proto, String service,
            @Column(type = ZeekType.INTERVAL) Double duration, Long origBytes, Long respBytes, String connState,
            @Column(feature = "local") Boolean localOrig, @Column(feature = "local") Boolean localResp,
            Long missedBytes, String history, Long origPkts, Long origIpBytes, Long respPkts, Long respIpBytes,
            Set<String> tunnelParents, Long ipProto,
            @Column(feature = "mac-logging") String origL2Addr, @Column(feature = "mac-logging") String respL2Addr,
            @Column(feature = "failed-service") Set<String> failedService) {}

    private static final Map<String, LogOptions> RENAMED = Map.of(
            "scripts.base.frameworks.logging.scope_sep", LogOptions.defaults().withScopeSep("_"),
            "scripts.base.frameworks.logging.field-name-map", LogOptions.defaults().withFieldNameMap(Map.of(
                    "id.orig_h", "src", "id.orig_p", "src_port", "id.resp_h", "dst", "id.resp_p", "dst_port")),
            "scripts.base.frameworks.logging.scope_sep_and_field_name_map", LogOptions.defaults().withScopeSep("*")
                    .withFieldNameMap(Map.of("id*orig_h", "src", "id*orig_p", "src_port", "id*resp_h", "dst",
                            "id*resp_p", "dst_port")));

    private static final Pattern FIRST_TS = Pattern.compile("(^|[^0-9])[0-9]{9,10}\\.[0-9]{1,8}");
    private static final Pattern OPEN_CLOSE =
            Pattern.compile("^ *#(open|close).(19|20)\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d$");

    @Test
    void connBaselinesAreReproducedByteForByte(@TempDir Path tmp) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), "conformance corpus not on this machine");
        Set<String> plainCanon = manifestConnTestsWithDefaultCanon();
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (String test : plainCanon) {
            Path baseline = CORPUS.resolve(test).resolve("conn.log");
            if (!Files.isRegularFile(baseline)) {
                continue;
            }
            List<String> expected = Files.readAllLines(baseline, StandardCharsets.ISO_8859_1);
            expected = expected.subList(1, expected.size());   // btest's header line
            LogOptions options = RENAMED.getOrDefault(test, LogOptions.defaults());
            String fieldsLine = expected.stream().filter(l -> l.startsWith("#fields\t")).findFirst().orElseThrow();
            LogSchema<ConnRow> schema = schemaFor(fieldsLine, options);
            if (schema == null) {
                failures.add(test + ": no feature combination gives " + fieldsLine);
                continue;
            }
            Path dir = Files.createDirectories(tmp.resolve(test));
            LogOutput out = new LogOutput(dir, options);
            LogStream<ConnRow> conn = out.stream("conn", schema);
            for (String line : expected) {
                if (!line.startsWith("#")) {
                    conn.write(parse(line, schema));
                }
            }
            out.close();
            List<String> got = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("conn.log"), StandardCharsets.ISO_8859_1)) {
                line = FIRST_TS.matcher(line).replaceFirst("$1XXXXXXXXXX.XXXXXX");
                var m = OPEN_CLOSE.matcher(line);
                got.add(m.matches() ? "#" + m.group(1) + " XXXX-XX-XX-XX-XX-XX" : line);
            }
            compared++;
            if (!got.equals(expected)) {
                for (int i = 0; i < Math.max(got.size(), expected.size()); i++) {
                    String g = i < got.size() ? got.get(i) : "<none>";
                    String e = i < expected.size() ? expected.get(i) : "<none>";
                    if (!g.equals(e)) {
                        failures.add(test + " line " + i + "\n  zeek: " + e + "\n  ours: " + g);
                        break;
                    }
                }
            }
        }
        System.out.println("conn baselines reproduced: " + (compared - failures.size()) + " of " + compared);
        assertThat(compared).isGreaterThan(20);
        assertThat(failures).isEmpty();
    }

    private static Set<String> manifestConnTestsWithDefaultCanon() throws IOException {
        Set<String> tests = new LinkedHashSet<>();
        for (String line : Files.readAllLines(CORPUS.resolveSibling("manifest.tsv"))) {
            String[] c = line.split("\t", -1);
            if (c.length > 12 && c[10].equals("conn") && c[12].equals("conn.log")
                    && c[8].equals("[\"diff-remove-first-timestamp\"]") && c[9].equals("null")) {
                tests.add(c[0]);
            }
        }
        return tests;
    }

    private static LogSchema<ConnRow> schemaFor(String fieldsLine, LogOptions options) {
        List<String> want = Arrays.asList(fieldsLine.substring(8).split("\t"));
        List<String> all = List.of("local", "mac-logging", "failed-service");
        for (int mask = 0; mask < 8; mask++) {
            Set<String> on = new LinkedHashSet<>();
            for (int i = 0; i < 3; i++) {
                if ((mask & (1 << i)) != 0) {
                    on.add(all.get(i));
                }
            }
            LogSchema<ConnRow> s = LogSchema.of(ConnRow.class, on);
            if (Arrays.asList(options.columnNames(s)).equals(want)) {
                return s;
            }
        }
        return null;
    }

    private static ConnRow parse(String line, LogSchema<ConnRow> schema) throws IOException {
        String[] v = line.split("\t", -1);
        Map<String, String> byName = new java.util.HashMap<>();
        List<LogField> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
            byName.put(fields.get(i).name(), v[i]);
        }
        return new ConnRow(1300000000.5, str(byName.get("uid")),
                new ConnId(addr(byName.get("id.orig_h")), integer(byName.get("id.orig_p")),
                        addr(byName.get("id.resp_h")), integer(byName.get("id.resp_p"))),
                str(byName.get("proto")), str(byName.get("service")), dbl(byName.get("duration")),
                count(byName.get("orig_bytes")), count(byName.get("resp_bytes")), str(byName.get("conn_state")),
                bool(byName.get("local_orig")), bool(byName.get("local_resp")), count(byName.get("missed_bytes")),
                str(byName.get("history")), count(byName.get("orig_pkts")), count(byName.get("orig_ip_bytes")),
                count(byName.get("resp_pkts")), count(byName.get("resp_ip_bytes")), set(byName.get("tunnel_parents")),
                count(byName.get("ip_proto")), str(byName.get("orig_l2_addr")), str(byName.get("resp_l2_addr")),
                set(byName.get("failed_service")));
    }

    private static boolean unset(String s) {
        return s == null || s.equals("-");
    }

    private static String str(String s) {
        if (unset(s)) {
            return null;
        }
        return s.equals("(empty)") ? "" : new String(unescape(s), StandardCharsets.UTF_8);
    }

    private static Set<String> set(String s) {
        if (unset(s)) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        if (!s.equals("(empty)")) {
            for (String e : s.split(",", -1)) {
                out.add(str(e));
            }
        }
        return out;
    }

    private static Long count(String s) {
        return unset(s) ? null : Long.parseUnsignedLong(s);
    }

    private static Integer integer(String s) {
        return unset(s) ? null : Integer.parseInt(s);
    }

    private static Double dbl(String s) {
        return unset(s) ? null : Double.parseDouble(s);
    }

    private static Boolean bool(String s) {
        return unset(s) ? null : s.equals("T");
    }

    private static byte[] addr(String s) throws IOException {
        if (unset(s)) {
            return null;
        }
        return org.brocapi.analyzer.testing.ZeekLogValues.addressLiteral(s);
    }

    private static byte[] unescape(String s) {
        return org.brocapi.analyzer.testing.ZeekLogValues.unescape(s);
    }
}
